using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Venues;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

/// <summary>
/// The start-up reconciliation through a real engine and the real market maker: a venue that answers account snapshots is
/// not quoted on until its first complete snapshot has been applied (the account's positions known), the market maker
/// quotes right after it on a book that has not moved, and a venue that stays silent raises a CRITICAL alert and stays
/// not-live while the engine keeps asking.
/// </summary>
public sealed class StartupReconciliationTests
{
    private static AccountSnapshot Snapshot(MmHarness h, bool complete = true, long yesShares = 0)
    {
        var positions = new Dictionary<InstrumentId, Quantity>();
        if (yesShares != 0) positions[h.Yes[0].Id] = Quantity.FromUnits(yesShares);
        return new AccountSnapshot(VenueNames.Polymarket, h.Client.SnapshotRequests[^1].RequestId, h.Clock.GetUtcNow(), complete, [],
            Money.FromUnits(10_000), positions, []);
    }

    [Fact]
    public void No_order_is_sent_before_the_first_snapshot_is_applied_and_quoting_starts_right_after_it_on_the_adopted_inventory()
    {
        using var h = new MmHarness(new MarketMakerOptions(), answersSnapshots: true);
        h.Book(0, "0.48", 100, "0.52", 100);
        h.Advance(TimeSpan.FromSeconds(2));

        Assert.NotEmpty(h.Client.SnapshotRequests);
        Assert.Empty(h.Client.Submitted);
        Assert.False(h.Engine.IsVenueLive(VenueNames.Polymarket));

        // The account holds 1,000 YES shares the engine learns only now; the book does not move.
        h.Engine.OnAccountSnapshot(Snapshot(h, yesShares: 1_000));
        h.Drain();

        Assert.True(h.Engine.IsVenueLive(VenueNames.Polymarket));
        Assert.NotEmpty(h.Client.Submitted);
        Assert.All(h.Client.SubmittedAt, t => Assert.Equal(h.NowTicks, t));
        // Quotes built on the adopted inventory: the ask sells the YES shares held instead of bidding for NO.
        Assert.Contains(h.Client.Submitted, r => r.Instrument == h.Yes[0].Id && r.Side == Side.Sell);
        Assert.Equal(Quantity.FromUnits(1_000), h.Portfolio.GetPosition(h.Yes[0])!.Quantity);
    }

    [Fact]
    public void An_incomplete_first_snapshot_keeps_the_venue_not_live_and_is_asked_again_soon()
    {
        using var h = new MmHarness(new MarketMakerOptions(), answersSnapshots: true);
        h.Book(0, "0.48", 100, "0.52", 100);
        int asked = h.Client.SnapshotRequests.Count;

        h.Engine.OnAccountSnapshot(Snapshot(h, complete: false));
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.False(h.Engine.IsVenueLive(VenueNames.Polymarket));
        Assert.Empty(h.Client.Submitted);
        Assert.True(h.Client.SnapshotRequests.Count > asked, "the incomplete start-up snapshot was not asked for again");
    }

    [Fact]
    public void A_venue_silent_past_the_startup_timeout_raises_a_critical_alert_and_stays_not_live_while_reconciliation_is_retried()
    {
        using var h = new MmHarness(new MarketMakerOptions(), answersSnapshots: true);
        h.Book(0, "0.48", 100, "0.52", 100);
        int asked = h.Client.SnapshotRequests.Count;

        h.Advance(TimeSpan.FromSeconds(9));
        Assert.False(h.Alerts.IsActive(TradingEngine.StartupReconcileAlert, VenueNames.Polymarket));
        h.Advance(TimeSpan.FromSeconds(2));

        Assert.True(h.Alerts.IsActive(TradingEngine.StartupReconcileAlert, VenueNames.Polymarket));
        Assert.Contains(h.Alerts.Active, a => a.Code == TradingEngine.StartupReconcileAlert && a.Severity == AlertSeverity.Critical);
        Assert.True(h.Client.SnapshotRequests.Count > asked, "the start-up reconciliation was not retried");
        Assert.Empty(h.Client.Submitted);
        Assert.False(h.Engine.IsVenueLive(VenueNames.Polymarket));

        // The venue answers at last: the alert clears and quoting starts.
        h.Engine.OnAccountSnapshot(Snapshot(h));
        h.Drain();

        Assert.False(h.Alerts.IsActive(TradingEngine.StartupReconcileAlert, VenueNames.Polymarket));
        Assert.NotEmpty(h.Client.Submitted);
    }
}
