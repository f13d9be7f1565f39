using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Venues;
using Xunit;

namespace Bookmaker.Engine.Tests.Kernel;

public class VenueLivenessTests
{
    private const string Venue = "polymarket";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static VenueStatusEvent Status(VenueState state, double atSeconds) => new(Venue, state, T0.AddSeconds(atSeconds));

    private static AccountSnapshot Snapshot(double atSeconds, bool complete = true) =>
        new(Venue, 1, T0.AddSeconds(atSeconds), complete, [], Money.Zero, new Dictionary<InstrumentId, Quantity>(), []);

    [Fact]
    public void A_reconnected_venue_is_live_only_after_a_complete_reconciliation_taken_after_it()
    {
        var l = new VenueLiveness();
        l.OnStatus(Status(VenueState.Disconnected, 1));
        Assert.True(l.OnStatus(Status(VenueState.Reconnected, 2)));
        Assert.False(l.IsLive(Venue));

        Assert.False(l.OnReconciled(Snapshot(1.5)));
        Assert.False(l.OnReconciled(Snapshot(3, complete: false)));
        Assert.False(l.IsLive(Venue));
        Assert.True(l.OnReconciled(Snapshot(3)));
        Assert.True(l.IsLive(Venue));
    }

    [Theory]
    [InlineData(VenueState.MarketClosed)]
    [InlineData(VenueState.Blocked)]
    public void A_closed_market_or_a_403_block_leaves_the_venue_mode_alone(VenueState state)
    {
        var l = new VenueLiveness();

        Assert.False(l.OnStatus(Status(state, 1)));

        Assert.Equal(VenueState.Live, l.ModeOf(Venue));
        Assert.True(l.IsLive(Venue));
    }

    [Fact]
    public void A_lost_session_holds_through_a_feed_reconnection_and_its_reconciliation()
    {
        var l = new VenueLiveness();
        l.OnStatus(Status(VenueState.SessionLost, 1));
        l.OnStatus(Status(VenueState.Reconnected, 2));
        l.OnReconciled(Snapshot(3));

        Assert.False(l.IsLive(Venue));
        Assert.True(l.IsSessionLost(Venue));
    }

    [Fact]
    public void Expired_session_orders_stay_presumed_cancelled_until_the_restored_session_is_reconciled()
    {
        var l = new VenueLiveness();
        l.OnStatus(Status(VenueState.SessionLost, 1));
        l.OnStatus(Status(VenueState.SessionExpired, 11));
        Assert.True(l.ArePresumedCancelled(Venue));

        Assert.True(l.OnStatus(Status(VenueState.SessionRestored, 20)));
        Assert.True(l.ArePresumedCancelled(Venue));
        Assert.False(l.IsLive(Venue));

        Assert.True(l.OnReconciled(Snapshot(21)));
        Assert.False(l.ArePresumedCancelled(Venue));
        Assert.True(l.IsLive(Venue));
    }

    [Fact]
    public void At_start_a_venue_is_live_only_after_its_first_complete_snapshot_whatever_its_clock_says()
    {
        var l = new VenueLiveness();
        l.AwaitFirstReconciliation(Venue);
        Assert.False(l.IsLive(Venue));

        Assert.False(l.OnReconciled(Snapshot(0, complete: false)));
        Assert.False(l.IsLive(Venue));
        Assert.True(l.IsStarting(Venue));

        // A venue's snapshot stamped earlier than anything (its own clock) still answers a request made at start.
        Assert.True(l.OnReconciled(Snapshot(-60)));
        Assert.True(l.IsLive(Venue));
        Assert.False(l.IsStarting(Venue));
    }

    [Fact]
    public void A_reconnection_during_the_start_up_wait_needs_its_own_reconciliation()
    {
        var l = new VenueLiveness();
        l.AwaitFirstReconciliation(Venue);
        l.OnStatus(Status(VenueState.Reconnected, 5));

        Assert.False(l.OnReconciled(Snapshot(4)));
        Assert.False(l.IsLive(Venue));
        Assert.True(l.OnReconciled(Snapshot(6)));
        Assert.True(l.IsLive(Venue));
    }

    [Fact]
    public void A_venue_never_heard_of_is_live()
    {
        Assert.True(new VenueLiveness().IsLive(Venue));
    }
}
