using Bookmaker.Core.Books;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;
using Bookmaker.Strategies.MarketMaking.Protections;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>The market maker with its market's fee model: the edge guard prices a taker BUY's withheld shares and a
/// forced exit's BUY is sized up to cover the position after the fee.</summary>
public sealed class MarketMakerFeeTests
{
    private static Price P(string s) => Price.Parse(s);

    private static readonly AvellanedaStoikovOptions FixedSpread = new(Model: QuoteModel.LinearSkew, SkewCentsPer100: 0, BaseSpread: 0.04);

    private static ActiveProtections Active(MmHarness h, int market = 0) => h.Strategy.Report().Markets[market].Protections;

    /// <summary>r = 0.25, e = 1: a taker BUY at 0.48 gives up 13% of its shares — far more than a 2¢ half-spread earns.</summary>
    private static readonly PolymarketFeeModel SteepCurve = new(0.25m, 1);

    [Fact]
    public void Quotes_that_may_take_freeze_when_a_taker_buys_withheld_shares_cost_more_than_the_spread_earns()
    {
        var options = new MarketMakerOptions(Model: FixedSpread, Ladder: new QuoteLadderOptions(PostOnly: false));
        using var h = new MmHarness(options, fees: SteepCurve);

        h.Book(0, "0.48", 100, "0.52", 100);

        Assert.Empty(h.Orders.LiveOrders);
        Assert.True(Active(h).HasFlag(ActiveProtections.EdgeFreeze));
    }

    [Fact]
    public void Quotes_that_may_take_are_placed_when_the_market_charges_no_fee()
    {
        var options = new MarketMakerOptions(Model: FixedSpread, Ladder: new QuoteLadderOptions(PostOnly: false));
        using var h = new MmHarness(options);

        h.Book(0, "0.48", 100, "0.52", 100);

        Assert.NotEmpty(h.Orders.LiveOrders);
        Assert.False(Active(h).HasFlag(ActiveProtections.EdgeFreeze));
    }

    [Fact]
    public void Post_only_quotes_are_not_charged_the_taker_fee()
    {
        var options = new MarketMakerOptions(Model: FixedSpread);
        using var h = new MmHarness(options, fees: SteepCurve);

        h.Book(0, "0.48", 100, "0.52", 100);

        Assert.NotEmpty(h.Orders.LiveOrders);
        Assert.False(Active(h).HasFlag(ActiveProtections.EdgeFreeze));
    }

    [Fact]
    public void A_forced_exit_buy_is_sized_up_so_the_shares_kept_after_the_fee_cover_the_short()
    {
        var fees = new SharePercentFeeModel(percent: 2);
        var options = CryptoExitOptions();
        using var h = new MmHarness(options, markets: 0, crypto: true, fees: fees);
        var btc = h.Crypto!;
        CryptoBook(h, "99.9", "100.1");
        h.Short(btc, "1", "100");

        int before = h.Client.Submitted.Count;
        for (int i = 0; i < 35; i++)
        {
            h.Advance(TimeSpan.FromMilliseconds(100));
            CryptoBook(h, "99.9", "100.1");
        }

        var exit = h.Client.Submitted.Skip(before).First(r => r.TimeInForce == TimeInForce.Fak);
        Assert.Equal(Side.Buy, exit.Side);
        var kept = exit.Size - fees.ForFill(exit.Price, exit.Size, Liquidity.Taker, Side.Buy).FeeShares;
        Assert.True(kept >= Quantity.Parse("1"), $"exit of {exit.Size} keeps {kept}");
        Assert.Equal(Quantity.Parse("1.021"), exit.Size); // 1.021 − 2% = 1.00058; 1.020 would keep 0.9996
    }

    [Fact]
    public void A_forced_exit_buy_is_the_position_itself_without_a_fee_model()
    {
        var options = CryptoExitOptions();
        using var h = new MmHarness(options, markets: 0, crypto: true);
        CryptoBook(h, "99.9", "100.1");
        h.Short(h.Crypto!, "1", "100");

        int before = h.Client.Submitted.Count;
        for (int i = 0; i < 35; i++)
        {
            h.Advance(TimeSpan.FromMilliseconds(100));
            CryptoBook(h, "99.9", "100.1");
        }

        var exit = h.Client.Submitted.Skip(before).First(r => r.TimeInForce == TimeInForce.Fak);
        Assert.Equal((Side.Buy, Quantity.Parse("1")), (exit.Side, exit.Size));
    }

    /// <summary>Max hold 2 s, forced exit 1 s later with 2 of slippage; a gap guard wide enough for a BTC-like book.</summary>
    private static MarketMakerOptions CryptoExitOptions() => new(Model: FixedSpread, Gap: new GapGuardOptions(P("100")),
        HoldTime: new HoldTimeGuardOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), P("2")));

    private static void CryptoBook(MmHarness h, string bid, string ask)
    {
        var snapshot = new BookSnapshot();
        snapshot.Bids.Add(new BookLevel(P(bid), Quantity.Parse("50")));
        snapshot.Asks.Add(new BookLevel(P(ask), Quantity.Parse("50")));
        h.Snapshot(h.Crypto!, snapshot);
        h.Drain();
    }

    /// <summary>A venue that keeps a fixed percentage of a taker BUY's shares as its fee (and charges nothing else).</summary>
    private sealed class SharePercentFeeModel(int percent) : IFeeModel
    {
        public FeeCharge ForFill(Price price, Quantity size, Liquidity liquidity, Side side) =>
            liquidity == Liquidity.Taker && side == Side.Buy
                ? ShareFee.BuyCharge(new Money(FixedPoint.MultiplyScaled(Money.Notional(price, size).Raw, percent * FixedPoint.Scale / 100, MidpointRounding.ToPositiveInfinity)), price, size)
                : FeeCharge.None;

        public Money BuyFeeHeadroom(Price limit, Quantity size, Liquidity liquidity) => Money.Zero;
    }
}
