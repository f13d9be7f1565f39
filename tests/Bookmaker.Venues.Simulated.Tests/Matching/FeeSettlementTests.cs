using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Tests.Matching;

public class FeeSettlementTests
{
    [Fact]
    public void Polymarket_taker_sell_pays_its_fee_in_usdc_and_the_maker_earns_a_separate_rebate()
    {
        var k = new MatchingKit(new PolymarketFeeModel(0.25m, 2, 0.20m));
        int maker = k.Account("100"), taker = k.Account("0", "100");
        long bid = k.Buy(maker, k.Yes, "0.50", "100");
        k.Clear();

        long ask = k.Sell(taker, k.Yes, "0.50", "100");

        var fills = k.Of(MatchEventKind.Fill);
        var t = fills.Single(f => f.OrderId == ask);
        var m = fills.Single(f => f.OrderId == bid);
        Assert.Equal((Money.Parse("1.5625"), Money.Zero, Quantity.Zero), (t.Fee, t.Rebate, t.FeeShares));
        Assert.Equal((Money.Zero, Money.Parse("0.3125")), (m.Fee, m.Rebate));
        Assert.Equal(Money.Parse("48.4375"), k.Cash(taker)); // 50 − 1.5625
        Assert.Equal(Money.Parse("50.3125"), k.Cash(maker)); // 100 − 50 + 0.3125
        Assert.Equal(Money.Parse("1.5625"), k.Engine.FeesCollected);
        Assert.Equal(Money.Parse("0.3125"), k.Engine.RebatesPaid);
    }

    [Fact]
    public void Polymarket_taker_buy_pays_its_fee_in_shares_and_keeps_its_cash()
    {
        var k = new MatchingKit(new PolymarketFeeModel(0.25m, 2, 0.20m));
        int maker = k.Account("0", "100"), taker = k.Account("100");
        k.Sell(maker, k.Yes, "0.50", "100");
        k.Clear();

        long bid = k.Buy(taker, k.Yes, "0.50", "100");

        var t = k.Of(MatchEventKind.Fill).Single(f => f.OrderId == bid);
        // fee 100 × 0.25 × 0.25² = 1.5625 USDC = 3.125 shares at 0.50, worth 1.5625.
        Assert.Equal((Quantity.Parse("100"), Quantity.Parse("3.125"), Money.Parse("1.5625")), (t.Size, t.FeeShares, t.Fee));
        Assert.Equal(Quantity.Parse("96.875"), k.Tokens(taker, k.Yes));
        Assert.Equal(Money.Parse("50"), k.Cash(taker)); // 100 − 50, no cash fee
        Assert.Equal(Money.Zero, k.Engine.FeesCollected);
        Assert.Equal(Quantity.Parse("3.125"), k.Engine.FeeSharesCollected(k.Yes));
    }

    [Fact]
    public void Buy_needs_fee_headroom_on_top_of_the_notional()
    {
        var k = new MatchingKit(new PolymarketFeeModel(0.25m, 2));
        int t = k.Account("50");
        k.Buy(t, k.Yes, "0.50", "100"); // $50 notional + up to $1.5625 fee
        Assert.Equal(RejectReason.InsufficientBalance, k.SingleOf(MatchEventKind.Rejected).Reason);
    }

    private static (MatchingEngine Engine, int Slot, MatchEventBuffer Events) BybitPerp(IFeeModel fees)
    {
        var time = new SimulatedTimeProvider(MatchingKit.Start);
        var engine = new MatchingEngine(time, VenueRules.Bybit);
        var btc = new Instrument(new InstrumentId(Bookmaker.Core.Instruments.VenueNames.Bybit, "BTCUSDT"), InstrumentKind.LinearPerpetual, 1,
            Price.Parse("0.1"), Quantity.Parse("0.001"), Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("1999999.8"), "bybit");
        engine.AddInstrument(btc, fees, sellRequiresInventory: false, bandMin: Price.Parse("50000"), bandMax: Price.Parse("70000"));
        return (engine, engine.SlotOf(btc.Id), new MatchEventBuffer());
    }

    [Fact]
    public void Bybit_perpetual_maker_rebate_and_taker_fee_settle_in_cash_and_short_sells_need_no_inventory()
    {
        var (engine, slot, ev) = BybitPerp(BybitFeeModel.FromBps(5.5m, -0.25m));
        int maker = engine.OpenAccount(Money.Parse("10000"));
        int taker = engine.OpenAccount(Money.Parse("10000"));
        engine.Submit(SimOrder.Limit(maker, new ClientOrderId(1), slot, Side.Sell, Price.Parse("60000.1"), Quantity.Parse("0.01")), ev);
        engine.Submit(SimOrder.Limit(taker, new ClientOrderId(2), slot, Side.Buy, Price.Parse("60000.1"), Quantity.Parse("0.01")), ev);

        var fills = ev.AsSpan().ToArray().Where(e => e.Kind == MatchEventKind.Fill).ToList();
        Assert.Equal(Money.Parse("0.015000025"), fills.Single(f => f.Liquidity == Liquidity.Maker).Rebate);
        Assert.Equal(Money.Parse("0.33000055"), fills.Single(f => f.Liquidity == Liquidity.Taker).Fee);
        Assert.Equal(Money.Parse("10600.016000025"), engine.Account(maker).Cash);
        Assert.Equal(Quantity.Parse("-0.01"), engine.Account(maker).Tokens(slot));
        Assert.Equal(Money.Parse("9399.66899945"), engine.Account(taker).Cash);
    }

    [Theory]
    [InlineData("60000.15", "0.01", 170134)]
    [InlineData("60000.1", "0.0005", 170136)]
    [InlineData("60000.1", "0.0015", 170137)]
    [InlineData("80000", "0.01", 110003)]
    public void Bybit_flavoured_instrument_rejects_with_retcodes(string price, string size, int code)
    {
        var (engine, slot, ev) = BybitPerp(BybitFeeModel.PerpetualVip0);
        int a = engine.OpenAccount(Money.Parse("100000"));
        engine.Submit(SimOrder.Limit(a, new ClientOrderId(1), slot, Side.Buy, Price.Parse(price), Quantity.Parse(size)), ev);
        Assert.Equal(code, Assert.Single(ev.AsSpan().ToArray()).Code);
    }

    [Fact]
    public void Bybit_batch_limit_is_twenty()
    {
        var (engine, slot, ev) = BybitPerp(BybitFeeModel.PerpetualVip0);
        int a = engine.OpenAccount(Money.Parse("100000"));
        var orders = Enumerable.Range(1, 21)
            .Select(i => SimOrder.Limit(a, new ClientOrderId((ulong)i), slot, Side.Buy, Price.Parse("55000"), Quantity.Parse("0.001")))
            .ToArray();
        Assert.False(engine.SubmitBatch(orders, new long[21], ev));
        Assert.True(engine.SubmitBatch(orders.AsSpan(0, 20), new long[20], ev));
        Assert.Equal(20, engine.OpenOrderCount);
    }
}
