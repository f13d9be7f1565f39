using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Tests.Alerts;

public sealed class VenueAvailabilityWatchTests
{
    private static OperationalWatchOptions Options => new() { VenueDownCriticalAfter = TimeSpan.FromMinutes(2) };

    private static void Answer425(WatchFixture f) => f.Fail(VenueEndpoint.Query, 425, RejectReason.VenueRestarting, TimeSpan.FromSeconds(30));

    [Fact]
    public void Warns_while_the_venue_answers_425()
    {
        using var f = new WatchFixture(Options);

        Answer425(f);

        Assert.Equal(AlertSeverity.Warning, f.Active(VenueAvailabilityWatch.Restarting, WatchFixture.Venue)?.Severity);
    }

    [Fact]
    public void Warns_on_a_restarting_status()
    {
        using var f = new WatchFixture(Options);

        f.Status(VenueState.Restarting, TimeSpan.FromSeconds(30));

        Assert.NotNull(f.Active(VenueAvailabilityWatch.Restarting, WatchFixture.Venue));
    }

    [Fact]
    public void Restart_alert_clears_when_a_request_succeeds_again()
    {
        using var f = new WatchFixture(Options);
        Answer425(f);
        f.Run(TimeSpan.FromSeconds(30));

        f.Snapshot();

        Assert.Null(f.Active(VenueAvailabilityWatch.Restarting, WatchFixture.Venue));
    }

    [Fact]
    public void A_live_status_alone_does_not_end_a_restart()
    {
        using var f = new WatchFixture(Options);
        Answer425(f);

        f.Status(VenueState.Live);

        Assert.NotNull(f.Active(VenueAvailabilityWatch.Restarting, WatchFixture.Venue));
    }

    [Fact]
    public void A_restart_that_lasts_escalates_to_critical()
    {
        using var f = new WatchFixture(Options);
        for (int i = 0; i < 5; i++)
        {
            Answer425(f);
            f.Run(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(AlertSeverity.Critical, f.Active(VenueAvailabilityWatch.Restarting, WatchFixture.Venue)?.Severity);
    }

    [Fact]
    public void Cancel_only_clears_on_an_accepted_order_not_on_a_confirmed_cancel()
    {
        using var f = new WatchFixture(Options);
        var resting = f.RestingBid();
        f.Fail(VenueEndpoint.Submit, 503, RejectReason.CancelOnly, TimeSpan.FromSeconds(10));
        f.Orders.Cancel(resting);
        f.Report(ExecutionReportKind.Cancelled, resting);
        Assert.NotNull(f.Active(VenueAvailabilityWatch.CancelOnly, WatchFixture.Venue));

        f.RestingBid("0.48");

        Assert.Null(f.Active(VenueAvailabilityWatch.CancelOnly, WatchFixture.Venue));
    }

    [Fact]
    public void Rate_limiting_stays_one_episode_until_a_quiet_minute_has_passed()
    {
        using var f = new WatchFixture(Options);
        f.Fail(VenueEndpoint.Submit, 429, RejectReason.RateLimited, TimeSpan.FromSeconds(1));
        f.Run(TimeSpan.FromSeconds(2));
        f.Snapshot();
        Assert.NotNull(f.Active(VenueAvailabilityWatch.RateLimited, WatchFixture.Venue));

        f.Run(TimeSpan.FromMinutes(1));
        f.Snapshot();

        Assert.Null(f.Active(VenueAvailabilityWatch.RateLimited, WatchFixture.Venue));
    }

    [Fact]
    public void A_long_run_of_429s_escalates_to_critical()
    {
        using var f = new WatchFixture(Options);
        for (int i = 0; i < 13; i++)
        {
            f.Fail(VenueEndpoint.Submit, 429, RejectReason.RateLimited, TimeSpan.FromSeconds(1));
            f.Run(TimeSpan.FromSeconds(10));
            f.Snapshot();
        }

        Assert.Equal(AlertSeverity.Critical, f.Active(VenueAvailabilityWatch.RateLimited, WatchFixture.Venue)?.Severity);
    }

    [Fact]
    public void Warns_when_the_adapter_reports_its_submit_circuit_open()
    {
        using var f = new WatchFixture(Options);

        f.Status(VenueState.CircuitOpen, TimeSpan.FromSeconds(5));

        Assert.Equal(AlertSeverity.Warning, f.Active(VenueAvailabilityWatch.CircuitOpen, WatchFixture.Venue)?.Severity);
        Assert.Equal(DenyReason.CircuitOpen, f.Orders.Submit(new OrderRequest(default, f.Yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.49"), Quantity.FromUnits(10))).Decision.Reason);
    }

    [Fact]
    public void Circuit_alert_clears_after_the_circuit_closed_and_a_quiet_minute_passed()
    {
        using var f = new WatchFixture(Options);
        f.Status(VenueState.CircuitOpen, TimeSpan.FromSeconds(5));
        f.Run(TimeSpan.FromSeconds(6));
        f.Status(VenueState.CircuitHalfOpen);
        f.Status(VenueState.CircuitClosed);
        f.Snapshot();
        Assert.NotNull(f.Active(VenueAvailabilityWatch.CircuitOpen, WatchFixture.Venue));

        f.Run(TimeSpan.FromMinutes(1));
        f.Snapshot();

        Assert.Null(f.Active(VenueAvailabilityWatch.CircuitOpen, WatchFixture.Venue));
    }

    [Fact]
    public void A_circuit_that_keeps_reopening_escalates_to_critical()
    {
        using var f = new WatchFixture(Options);
        for (int i = 0; i < 5; i++)
        {
            f.Status(VenueState.CircuitOpen, TimeSpan.FromSeconds(30));
            f.Run(TimeSpan.FromSeconds(30));
            f.Snapshot();
        }

        Assert.Equal(AlertSeverity.Critical, f.Active(VenueAvailabilityWatch.CircuitOpen, WatchFixture.Venue)?.Severity);
    }
}
