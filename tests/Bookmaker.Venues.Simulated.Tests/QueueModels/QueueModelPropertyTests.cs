using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.QueueModels;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Venues.Simulated.Tests.QueueModels;

public class QueueModelPropertyTests
{
    // (kind, size): 0 trade at our price, 1 depth update at our price, 2 trade through, 3 trade at a worse price.
    private static readonly Arbitrary<(int Kind, int Size)[]> Streams =
        Gen.Zip(Gen.Choose(0, 3), Gen.Choose(0, 200)).Select(t => (t.Item1, t.Item2)).ArrayOf().ToArbitrary();

    private static bool NeverOverfills(string model, (int Kind, int Size)[] stream, int orderSize, int initialLevel)
    {
        var h = new ReplayHarness(model);
        h.Level(Side.Buy, "0.50", initialLevel.ToString());
        h.Buy(1, "0.50", orderSize.ToString());
        decimal tradedAtOrThrough = 0;
        foreach (var (kind, size) in stream)
        {
            string s = size.ToString();
            switch (kind)
            {
                case 0: h.Trade(Side.Sell, "0.50", s); tradedAtOrThrough += size; break;
                case 1: h.Level(Side.Buy, "0.50", s); break;
                case 2: h.Trade(Side.Sell, "0.49", s); tradedAtOrThrough += size; break;
                default: h.Trade(Side.Sell, "0.51", s); break;
            }

            decimal filled = h.Filled(1);
            if (filled > orderSize || filled > tradedAtOrThrough) return false;
            if (h.Fills.Any(f => f.Quantity.Raw <= 0)) return false;
            bool resting = h.Sim.TryGetOrder(1, out _, out _, out var leaves, out var ahead);
            if (resting && leaves.ToDecimal() != orderSize - filled) return false;
            if (!resting && filled != orderSize) return false;
            decimal queueFilled = h.Fills.Where(f => f.Reason == ReplayFillReason.Queue).Sum(f => f.Quantity.ToDecimal());
            // Queue fills only once the front is exhausted, and only by what passed it.
            if (resting && queueFilled > 0 && queueFilled > -ahead.ToDecimal()) return false;
        }

        return true;
    }

    [Theory]
    [InlineData("risk_averse")]
    [InlineData("power:2")]
    [InlineData("power2:3")]
    [InlineData("power3:3")]
    [InlineData("log")]
    [InlineData("log2")]
    public void Never_fills_more_than_our_size_nor_before_the_front_is_exhausted(string model)
    {
        Prop.ForAll(Streams, Gen.Choose(1, 150).ToArbitrary(), Gen.Choose(0, 300).ToArbitrary(),
            (stream, size, level) => NeverOverfills(model, stream, size, level))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Risk_averse_never_fills_from_trades_at_our_price_before_the_entry_level_has_traded()
    {
        // Without trade-throughs and depth updates, risk-averse needs strictly more than the entry level to trade.
        Prop.ForAll(Gen.Choose(1, 100).ArrayOf().ToArbitrary(), Gen.Choose(0, 500).ToArbitrary(), (trades, level) =>
        {
            var h = new ReplayHarness("risk_averse");
            h.Level(Side.Buy, "0.50", level.ToString());
            h.Buy(1, "0.50", "40");
            int cumulative = 0;
            foreach (int t in trades)
            {
                h.Trade(Side.Sell, "0.50", t.ToString());
                cumulative += t;
                decimal expected = Math.Min(40, Math.Max(0, cumulative - level));
                if (h.Filled(1) != expected) return false;
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
