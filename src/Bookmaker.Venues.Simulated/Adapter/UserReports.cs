using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// Our execution reports on their way back: through the answer mode of the request that caused them, then (normally)
/// the <c>user_feed</c> faults and the response delay — all reports, acks included, travel this user-feed path.
/// </summary>
internal sealed class UserReports
{
    private readonly VenueScheduler _scheduler;
    private readonly VenueFaults _faults;
    private readonly AnswerTiming _answers;
    private readonly ClientLink _client;
    private readonly SimulatedVenueStats _stats;
    private readonly Stream _stream;

    /// <summary>Creates the user feed on the response delay.</summary>
    public UserReports(VenueScheduler scheduler, LatencyChannel responseLatency, VenueFaults faults, AnswerTiming answers, ClientLink client,
        SimulatedVenueStats stats)
    {
        _scheduler = scheduler;
        _faults = faults;
        _answers = answers;
        _client = client;
        _stats = stats;
        _stream = new Stream(this, scheduler, responseLatency);
    }

    /// <summary>Sends one report.</summary>
    public void Report(ExecutionReport report)
    {
        if (_answers.Mode == AnswerMode.Silent) return;
        if (_answers.Mode == AnswerMode.Late)
        {
            _stats.ReportsSent++;
            _scheduler.At(_answers.LateDue, () => _client.Sink?.OnExecutionReport(report));
            return;
        }

        _stream.Send(report, _faults.Injector);
    }

    /// <summary>The <c>user_feed</c> stream: execution reports on the response delay.</summary>
    private sealed class Stream(UserReports owner, VenueScheduler scheduler, LatencyChannel latency)
        : FaultedStream<ExecutionReport>(scheduler, latency, FaultEndpoint.UserFeed)
    {
        protected override void Deliver(ExecutionReport message) => owner._client.Sink?.OnExecutionReport(message);

        protected override void CountSent() => owner._stats.ReportsSent++;

        protected override void CountDropped() => owner._stats.ReportsDropped++;

        protected override void OnDisconnected() => owner._client.Status(VenueState.Disconnected, null, "user feed disconnected");

        protected override void OnReconnected() => owner._client.Status(VenueState.Reconnected, null, "user feed reconnected");
    }
}
