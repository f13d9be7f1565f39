using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// The path every request of the client takes: its fault verdict is drawn when it is sent (so the order of draws is
/// the order of requests), it arrives after the order-entry delay, meets the venue's modes (a restart window refuses
/// everything, a cancel-only window refuses submits), then the verdict — error, restart, rate limit, cancel-only,
/// timeout (executed or not by a seeded coin, never answered), late (executed, answered after the client gave up),
/// partial — and otherwise executes. Failures travel the response delay as <see cref="VenueRequestFailed"/>.
/// </summary>
internal sealed class SimulatedRequests
{
    private readonly SimulatedVenueOptions _options;
    private readonly VenueScheduler _scheduler;
    private readonly VenueFaults _faults;
    private readonly LatencyChannel _entryLatency;
    private readonly LatencyChannel _responseLatency;
    private readonly Random _timeoutCoin;
    private readonly AnswerTiming _answers;
    private readonly ClientLink _client;
    private readonly SimulatedVenueStats _stats;
    private long _restartUntil;
    private long _cancelOnlyUntil;

    /// <summary>Creates the request path.</summary>
    public SimulatedRequests(SimulatedVenueOptions options, VenueScheduler scheduler, VenueFaults faults, LatencyChannel entryLatency,
        LatencyChannel responseLatency, AnswerTiming answers, ClientLink client, SimulatedVenueStats stats)
    {
        _options = options;
        _scheduler = scheduler;
        _faults = faults;
        _entryLatency = entryLatency;
        _responseLatency = responseLatency;
        _timeoutCoin = new Random(LatencyProfile.DeriveSeed(options.Seed, 200));
        _answers = answers;
        _client = client;
        _stats = stats;
    }

    /// <summary>
    /// Sends one request: <paramref name="execute"/> runs at the venue unless a mode or fault stops it;
    /// <paramref name="partial"/> (bulk requests) runs instead under a partial fault with its fraction.
    /// </summary>
    public void Send(VenueEndpoint endpoint, FaultEndpoint faultEndpoint, ClientOrderId[] orders, Action<int> execute,
        Action<double>? partial, bool isSubmit = false)
    {
        lock (_scheduler.Gate)
        {
            long sent = _client.Now;
            var decision = _faults.Injector.Decide(faultEndpoint);
            long arrive = _entryLatency.Schedule(sent);
            _scheduler.At(arrive, () => Arrive(endpoint, orders, execute, partial, isSubmit, decision, sent));
        }
    }

    /// <summary>Answers an account snapshot through the answer mode and the response delay.</summary>
    public void Answer(AccountSnapshot snapshot)
    {
        if (_answers.Mode == AnswerMode.Silent) return;
        long due = _answers.Mode == AnswerMode.Late ? _answers.LateDue : _responseLatency.Schedule(_client.Now);
        _scheduler.At(due, () => _client.Sink?.OnAccountSnapshot(snapshot));
    }

    private void Arrive(VenueEndpoint endpoint, ClientOrderId[] orders, Action<int> execute, Action<double>? partial, bool isSubmit,
        FaultDecision decision, long sent)
    {
        _stats.Requests++;
        long now = _client.Now;
        if (now < _restartUntil)
        {
            Fail(endpoint, 425, RejectReason.VenueRestarting, SimulatedVenue.FailureTexts.Restarting, orders, TimeSpan.FromTicks(_restartUntil - now));
            return;
        }

        if (isSubmit && now < _cancelOnlyUntil)
        {
            Fail(endpoint, 503, RejectReason.CancelOnly, SimulatedVenue.FailureTexts.CancelOnly, orders, TimeSpan.FromTicks(_cancelOnlyUntil - now));
            return;
        }

        switch (decision.Kind)
        {
            case FaultKind.Error:
                Fail(endpoint, 500, RejectReason.VenueError, SimulatedVenue.FailureTexts.Error, orders, null);
                return;
            case FaultKind.Restart:
                _restartUntil = now + decision.Duration.Ticks;
                _client.Status(VenueState.Restarting, decision.Duration, "matching engine restarting");
                Fail(endpoint, 425, RejectReason.VenueRestarting, SimulatedVenue.FailureTexts.Restarting, orders, decision.Duration);
                _scheduler.At(_restartUntil, () => _client.Status(VenueState.Live, null, "matching engine back"));
                return;
            case FaultKind.RateLimit:
                Fail(endpoint, 429, RejectReason.RateLimited, SimulatedVenue.FailureTexts.RateLimited, orders, decision.Duration);
                return;
            case FaultKind.CancelOnly:
                _cancelOnlyUntil = now + decision.Duration.Ticks;
                _client.Status(VenueState.CancelOnly, decision.Duration, "venue is cancel-only");
                Fail(endpoint, 503, RejectReason.CancelOnly, SimulatedVenue.FailureTexts.CancelOnly, orders, decision.Duration);
                _scheduler.At(_cancelOnlyUntil, () => _client.Status(VenueState.Live, null, "venue accepts orders again"));
                return;
            case FaultKind.Timeout:
                // Whether the venue executed it is exactly what the client cannot know: decided by a seeded coin.
                if (_timeoutCoin.NextDouble() < _options.TimeoutExecutedProbability) _answers.RunIn(AnswerMode.Silent, 0, () => execute(0));
                _scheduler.At(sent + _options.ClientTimeout.Ticks, () => FailNow(endpoint, 0, RejectReason.Timeout, SimulatedVenue.FailureTexts.Timeout, orders, null));
                return;
            case FaultKind.Late:
                long giveUp = sent + _options.ClientTimeout.Ticks;
                _answers.RunIn(AnswerMode.Late, giveUp + Math.Max(1, decision.Duration.Ticks), () => execute(0));
                _scheduler.At(giveUp, () => FailNow(endpoint, 0, RejectReason.Timeout, SimulatedVenue.FailureTexts.Timeout, orders, null));
                return;
            case FaultKind.Partial when partial is not null:
                partial(decision.Fraction);
                return;
            default:
                execute(0);
                return;
        }
    }

    private void Fail(VenueEndpoint endpoint, int status, RejectReason reason, string text, ClientOrderId[] orders, TimeSpan? retryAfter)
    {
        _stats.FailedRequests++;
        var failure = new VenueRequestFailed(_options.Venue, endpoint, status, reason, text, orders, _client.NowTime, retryAfter);
        long due = _responseLatency.Schedule(_client.Now);
        _scheduler.At(due, () => _client.Sink?.OnRequestFailed(failure));
    }

    private void FailNow(VenueEndpoint endpoint, int status, RejectReason reason, string text, ClientOrderId[] orders, TimeSpan? retryAfter)
    {
        _stats.FailedRequests++;
        _client.Sink?.OnRequestFailed(new VenueRequestFailed(_options.Venue, endpoint, status, reason, text, orders, _client.NowTime, retryAfter));
    }
}
