using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests.Integration;

/// <summary>
/// A taker BUY on a market with a taker fee, end to end: the emulator keeps the fee in the bought token, the adapter's
/// fill says so, and the engine's position after reconciliation is the venue's balance to the raw unit.
/// </summary>
[Collection(IntegrationGroup.Name)]
public sealed class TakerFeeInSharesTests
{
    // 100 bps × min(0.60, 0.40) × 10 / 10⁴ = 0.04 USDC, kept as 0.04 / 0.60 = 0.0666… → 0.066667 YES.
    private static readonly Quantity FeeShares = Quantity.Parse("0.066667");

    [Fact]
    public async Task Taker_buy_leaves_the_position_at_size_less_fee_shares_matching_the_venue_after_reconciliation()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions
        {
            Time = o.Time,
            InitialSetsPerMarket = Quantity.Zero,
            Markets = [EmulatedMarket.Sample(1) with { TakerFeeBps = 100 }, EmulatedMarket.Sample(2)],
        });
        await s.SeedBookAsync();

        var id = s.Submit(s.Limit(Side.Buy, "0.60", 10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);
        var fill = s.Tap.Reports.Single(r => r.Kind == ExecutionReportKind.Filled).Fill!;
        Assert.Equal((Quantity.FromUnits(10), FeeShares, Money.Zero), (fill.Size, fill.FeeShares, fill.CashFee));
        Assert.Equal(Quantity.FromUnits(10) - FeeShares, s.Engine.Portfolio.QuantityOf(s.Yes.Id));

        s.Advance(TimeSpan.FromSeconds(7)); // MINED at 2 s, CONFIRMED at 6 s: the venue's balance now shows the shares
        await s.UntilAsync(() => s.Engine.Portfolio.SellableQuantity(s.Yes) == Quantity.FromUnits(10) - FeeShares, "the shares settled");
        s.Orders.RequestExitCheck();
        await s.UntilAsync(() => s.Orders.ExitCheckDone, "the exit reconciliation");

        var venue = s.Tap.Snapshots.Last(snap => snap.Complete).Positions[s.Yes.Id];
        Assert.Equal((0, Quantity.FromUnits(10) - FeeShares), (s.Orders.PositionMismatchesAtExit, venue));
        Assert.Equal(venue, s.Engine.Portfolio.QuantityOf(s.Yes.Id));
        Assert.False(s.Engine.Alerts.IsActive("position_mismatch", s.Yes.Id.ToString()));
    }
}
