using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Book = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Core.Tests.Portfolio;

/// <summary>A registry with one binary Polymarket market (YES/NO) and a Bybit perpetual, and fill builders.</summary>
internal static class PortfolioFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);
    public const string Market = "0xmarket";
    public static readonly InstrumentId Yes = new(VenueNames.Polymarket, "yes");
    public static readonly InstrumentId No = new(VenueNames.Polymarket, "no");
    public static readonly InstrumentId Btc = new(VenueNames.Bybit, "BTCUSDT");

    public static InstrumentRegistry Registry()
    {
        var registry = new InstrumentRegistry();
        registry.Add(Instrument.PolymarketToken("yes", Price.Parse("0.01"), new OutcomeLinks(Market, "Yes", true, No)));
        registry.Add(Instrument.PolymarketToken("no", Price.Parse("0.01"), new OutcomeLinks(Market, "No", false, Yes)));
        registry.Add(new Instrument(Btc, InstrumentKind.LinearPerpetual, 1, Price.Parse("0.1"), Quantity.Parse("0.001"),
            Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("1999999.8"), "bybit"));
        return registry;
    }

    public static Book NewBook(string cash = "100") => new(Registry(), Money.Parse(cash));

    /// <summary>The markets of <see cref="EventRegistry"/>.</summary>
    public static readonly string[] EventMarkets = ["m0", "m1", "m2"];

    /// <summary>A three-outcome neg-risk event ("event"): markets m0–m2, each a YES token "mN-yes" and its NO "mN-no".</summary>
    public static InstrumentRegistry EventRegistry()
    {
        var registry = new InstrumentRegistry();
        foreach (string m in EventMarkets)
        {
            var yes = new InstrumentId(VenueNames.Polymarket, m + "-yes");
            var no = new InstrumentId(VenueNames.Polymarket, m + "-no");
            registry.Add(Instrument.PolymarketToken(yes.Symbol, Price.Parse("0.01"), new OutcomeLinks(m, "Yes", true, no, "event")));
            registry.Add(Instrument.PolymarketToken(no.Symbol, Price.Parse("0.01"), new OutcomeLinks(m, "No", false, yes, "event")));
        }

        return registry;
    }

    /// <summary>The YES token of event market <paramref name="market"/> in <see cref="EventRegistry"/>.</summary>
    public static InstrumentId EventYes(int market) => new(VenueNames.Polymarket, EventMarkets[market] + "-yes");

    private static ulong _sequence;

    public static Fill Fill(InstrumentId instrument, Side side, string size, string price, string fee = "0", string rebate = "0",
        int at = 0, string? tradeId = null, ClientOrderId? orderId = null)
    {
        ulong n = Interlocked.Increment(ref _sequence);
        return new Fill(tradeId ?? $"t{n}", orderId ?? ClientOrderId.From(1, n), instrument, side, Price.Parse(price),
            Quantity.Parse(size), Money.Parse(fee), Money.Parse(rebate), Liquidity.Maker, T0.AddSeconds(at));
    }

    public static Fill Buy(string size, string price, InstrumentId? instrument = null, string fee = "0", string rebate = "0", int at = 0) =>
        Fill(instrument ?? Yes, Side.Buy, size, price, fee, rebate, at);

    public static Fill Sell(string size, string price, InstrumentId? instrument = null, string fee = "0", string rebate = "0", int at = 0) =>
        Fill(instrument ?? Yes, Side.Sell, size, price, fee, rebate, at);
}
