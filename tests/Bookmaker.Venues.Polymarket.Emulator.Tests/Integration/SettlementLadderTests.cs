using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests.Integration;

/// <summary>
/// The settlement ladder end to end: the emulator settles each trade MATCHED → MINED → CONFIRMED (or RETRYING, or
/// FAILED) on its clock, and the engine's ledger follows it through the adapter's user channel and reconciliation.
/// </summary>
[Collection(IntegrationGroup.Name)]
public sealed class SettlementLadderTests
{
    [Fact]
    public async Task A_failed_trade_reverses_its_fill_after_the_finished_order_cache_window()
    {
        // The trade stays MATCHED for an hour, so it can still fail long after the order left the cache.
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, MinedAfter = TimeSpan.FromHours(1), InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);
        string tradeId = s.Tap.Reports.Single(r => r.Kind == ExecutionReportKind.Filled).Fill!.TradeId.Split(':')[0];

        s.Advance(s.Orders.Options.FinishedOrderTtl + TimeSpan.FromSeconds(10));
        Assert.Null(s.Orders.Find(id));
        s.Emulator.FailTrade(tradeId);
        await s.UntilAsync(() => s.Orders.Stats.ReversedFills == 1, $"the failed trade reversed (fault: {s.Engine.Fault?.Message})");

        Assert.Equal(Quantity.Zero, s.Engine.Portfolio.QuantityOf(s.Yes.Id));
        Assert.True(s.Engine.Alerts.IsActive("fill_reversed", s.Yes.Id.ToString()));
    }

    [Fact]
    public async Task Bought_shares_are_not_sellable_until_their_trade_confirms()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);

        Assert.Equal(Quantity.FromUnits(10), s.Engine.Portfolio.QuantityOf(s.Yes.Id));
        Assert.Equal(Quantity.Zero, s.Engine.Portfolio.SellableQuantity(s.Yes));
        var early = s.Orders.Submit(s.Limit(Side.Sell, "0.55"));
        Assert.Equal(DenyReasonCodes.Of(DenyReason.InsufficientTokens), early.Decision.Code);

        s.Advance(TimeSpan.FromSeconds(7)); // MINED at 2 s, CONFIRMED at 6 s on the venue's clock
        await s.UntilAsync(() => s.Engine.Portfolio.SellableQuantity(s.Yes) == Quantity.FromUnits(10), "the shares sellable");
        var sell = s.Submit(s.Limit(Side.Sell, "0.55"));
        await s.WaitStatusAsync(sell, OrderStatus.Open);
    }

    [Fact]
    public async Task A_retrying_trade_raises_a_warning_until_it_confirms()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, TradeRetryProbability = 1, InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);

        s.Advance(TimeSpan.FromSeconds(7)); // MINED at 2 s, RETRYING at 6 s
        await s.UntilAsync(() => s.Engine.Alerts.Active.Any(a => a.Code == "trade_retrying"), "trade_retrying raised");
        Assert.Equal(Quantity.Zero, s.Engine.Portfolio.SellableQuantity(s.Yes));

        s.Advance(TimeSpan.FromSeconds(5)); // CONFIRMED at 10 s
        await s.UntilAsync(() => !s.Engine.Alerts.Active.Any(a => a.Code == "trade_retrying"), "trade_retrying cleared");
        Assert.Equal(Quantity.FromUnits(10), s.Engine.Portfolio.SellableQuantity(s.Yes));
    }

    [Fact]
    public async Task A_complement_match_is_attributed_to_our_order_through_maker_orders()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        // Our NO bid at 0.55 is a YES ask at 0.45: a YES buyer at 0.45 mints a set with it.
        var id = s.Submit(s.Limit(Side.Buy, "0.55", instrument: s.No));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Buy, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);

        var fill = s.Tap.Reports.Single(r => r.Kind == ExecutionReportKind.Filled).Fill!;
        Assert.Equal((s.No.Id, Side.Buy, Price.Parse("0.55"), Liquidity.Maker), (fill.Instrument, fill.Side, fill.Price, fill.Liquidity));
        Assert.Equal(Quantity.FromUnits(10), s.Engine.Portfolio.QuantityOf(s.No.Id));
        Assert.Equal(Quantity.Zero, s.Engine.Portfolio.QuantityOf(s.Yes.Id));
    }
}
