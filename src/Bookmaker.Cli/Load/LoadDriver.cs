using System.Diagnostics;
using System.Threading.Channels;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Cli.Load;

/// <summary>What to run: the schedule's shape.</summary>
internal sealed record LoadPlan(int Symbols, int OrdersPerMinute, TimeSpan Duration, int Seed);

/// <summary>
/// Drives the load: at a steady schedule (one order every 60/R seconds, the symbol and price level drawn from the seed)
/// a passive post-only bid is judged by the engine's <see cref="RiskGate"/>, sent through the real execution client,
/// timed from submit to its Accepted report and cancelled at once so the book stays small. Every venue event is
/// handled on this one loop, as the engine's event loop would, so the client and the gate see one thread.
/// </summary>
internal sealed class LoadDriver
{
    /// <summary>An order not acknowledged within this long counts as a timeout.</summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(5);

    // The gate's cash: each order is cancelled on its ack, so only the orders in flight lock any.
    private static readonly Money Bankroll = Money.FromUnits(100_000);

    // After the schedule ends, how long to wait for the acks and cancels still in flight.
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(5);

    /// <summary>How often a running load test prints where it is (a 1 h run is otherwise silent for an hour).</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMinutes(1);

    private readonly LoadVenue _venue;
    private readonly LoadPlan _plan;
    private readonly LoadFigures _figures;
    private readonly RiskGate _gate;
    private readonly Random _rng;
    private readonly Channel<(ExecutionReport? Report, VenueRequestFailed? Failure, long At)> _events =
        Channel.CreateUnbounded<(ExecutionReport?, VenueRequestFailed?, long)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<ulong, (OrderRequest Request, Instrument Instrument, long SentAt)> _pending = [];
    private readonly Dictionary<ulong, (OrderRequest Request, Instrument Instrument)> _resting = [];
    private readonly Action<string> _progress;
    private ulong _nextId = 1;

    /// <param name="venue">The emulator and the real client.</param>
    /// <param name="plan">The schedule.</param>
    /// <param name="figures">Where the results go.</param>
    /// <param name="progress">Gets one line at the first acknowledged order and then every <see cref="ProgressInterval"/>.</param>
    public LoadDriver(LoadVenue venue, LoadPlan plan, LoadFigures figures, Action<string>? progress = null)
    {
        _progress = progress ?? (_ => { });
        _venue = venue;
        _plan = plan;
        _figures = figures;
        _rng = new Random(plan.Seed);
        var registry = new InstrumentRegistry();
        foreach (var i in venue.Instruments) registry.Add(i);
        var ledger = new PortfolioBook(registry, Bankroll);
        foreach (var s in venue.Symbols) ledger.SetMark(s.Instrument, s.Mark);
        double perSecond = plan.OrdersPerMinute / 60.0;
        long planned = (long)Math.Ceiling(plan.OrdersPerMinute * plan.Duration.TotalMinutes);
        // The house limits, except where a load test's own shape would trip them: the submit rate (twice the schedule's,
        // so the schedule never waits on tokens) and the day's order count (the whole run plus room).
        var limits = new RiskLimits
        {
            SubmitRatePerSecond = Math.Max(new RiskLimits().SubmitRatePerSecond, perSecond * 2),
            SubmitBurst = Math.Max(new RiskLimits().SubmitBurst, (int)Math.Ceiling(perSecond * 2)),
            CancelRatePerSecond = Math.Max(new RiskLimits().CancelRatePerSecond, perSecond * 2),
            MaxOrdersPerDay = (int)Math.Max(new RiskLimits().MaxOrdersPerDay, Math.Min(int.MaxValue / 2, planned * 2)),
        };
        _gate = new RiskGate(registry, ledger, limits, TimeProvider.System, new AlertCenter(TimeProvider.System));
        _gate.Initialize(Money.Zero, Money.Zero, Bankroll, Bankroll);
    }

    /// <summary>Runs the schedule until its duration ends or <paramref name="stop"/> fires, then drains.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        await _venue.StartAsync(new Sink(_events.Writer)).ConfigureAwait(false);
        double intervalTicks = Stopwatch.Frequency * 60.0 / _plan.OrdersPerMinute;
        long start = Stopwatch.GetTimestamp(), end = start + (long)(_plan.Duration.TotalSeconds * Stopwatch.Frequency);
        long k = 0;
        long progressTicks = (long)(ProgressInterval.TotalSeconds * Stopwatch.Frequency), nextProgress = start + progressTicks;
        while (!stop.IsCancellationRequested)
        {
            long due = start + (long)(k * intervalTicks);
            if (due >= end) break;
            long now = Stopwatch.GetTimestamp();
            if (now >= nextProgress)
            {
                _progress(_figures.ProgressLine(Stopwatch.GetElapsedTime(start)));
                nextProgress += progressTicks;
            }

            if (now >= due)
            {
                Place();
                k++;
                continue;
            }

            await WaitForEventsAsync(Stopwatch.GetElapsedTime(now, due), stop).ConfigureAwait(false);
            HandleEvents();
            ExpireTimeouts();
        }

        _figures.Interrupted = stop.IsCancellationRequested;
        _figures.Elapsed = Stopwatch.GetElapsedTime(start);
        // Finish what is in flight (acks, cancels), bounded, then leave the venue empty.
        long drainEnd = Stopwatch.GetTimestamp() + (long)(Drain.TotalSeconds * Stopwatch.Frequency);
        while ((_pending.Count > 0 || _resting.Count > 0) && Stopwatch.GetTimestamp() < drainEnd)
        {
            await WaitForEventsAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None).ConfigureAwait(false);
            HandleEvents();
            ExpireTimeouts();
        }

        foreach (var _ in _pending) _figures.Count("timeout");
        _pending.Clear();
        _venue.Execution.CancelAll();
    }

    private async Task WaitForEventsAsync(TimeSpan timeout, CancellationToken stop)
    {
        if (timeout <= TimeSpan.Zero) return;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
        wait.CancelAfter(timeout);
        try
        {
            await _events.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The wait ended: the next order is due, or the run was stopped.
        }
    }

    private void Place()
    {
        var symbol = _venue.Symbols[_rng.Next(_venue.Symbols.Count)];
        var inst = symbol.Instrument;
        // One of five levels at and under the passive bid, so successive orders do not all land on one price.
        var price = new Price(symbol.Bid.Raw - _rng.Next(5) * inst.TickSize.Raw);
        var request = new OrderRequest(new ClientOrderId(_nextId++), inst.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, price, symbol.Size, PostOnly: true);
        _figures.Attempted++;
        var decision = _gate.Check(request);
        if (!decision.IsAllowed)
        {
            _figures.Count("risk:" + decision.Code);
            return;
        }

        _gate.OnOrderSent(request, inst);
        _pending[request.Id.Value] = (request, inst, Stopwatch.GetTimestamp());
        _venue.Execution.Submit(request);
    }

    private void HandleEvents()
    {
        while (_events.Reader.TryRead(out var e))
        {
            if (e.Report is { } report) OnReport(report, e.At);
            else if (e.Failure is { } failure) OnFailure(failure);
        }
    }

    private void OnReport(ExecutionReport report, long at)
    {
        ulong id = report.OrderId.Value;
        switch (report.Kind)
        {
            case ExecutionReportKind.Accepted when _pending.Remove(id, out var p):
                _figures.Acknowledged++;
                _figures.RoundTripsUs.Add(Stopwatch.GetElapsedTime(p.SentAt, at).TotalMicroseconds);
                if (_figures.Acknowledged == 1)
                    _progress(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"loadtest: first order acknowledged (round trip {_figures.RoundTripsUs[0] / 1000:0.000} ms)"));
                _gate.OnOrderAccepted(p.Instrument);
                _resting[id] = (p.Request, p.Instrument);
                _venue.Execution.Cancel(report.OrderId, p.Instrument.Id, report.VenueOrderId);
                break;
            case ExecutionReportKind.Rejected when _pending.Remove(id, out var p):
                _figures.Count("reject:" + report.Reason);
                Close(p.Request, p.Instrument);
                break;
            case ExecutionReportKind.Cancelled or ExecutionReportKind.Expired when _resting.Remove(id, out var r):
                _figures.Cancelled++;
                Close(r.Request, r.Instrument);
                break;
            case ExecutionReportKind.CancelRejected:
                _figures.Count("cancel-rejected:" + report.Reason);
                break;
            case ExecutionReportKind.Filled:
                // A passive bid far under the touch should never fill; a fill means the schedule's prices are wrong.
                _figures.Count("unexpected-fill");
                break;
        }
    }

    private void OnFailure(VenueRequestFailed failure)
    {
        string kind = failure.Reason == RejectReason.RateLimited || failure.HttpStatus == 429 ? "rate-limited" : "request-failed:" + failure.Reason;
        foreach (var order in failure.Orders)
        {
            if (_pending.Remove(order.Value, out var p))
            {
                _figures.Count(kind);
                Close(p.Request, p.Instrument);
            }
            else if (_resting.ContainsKey(order.Value))
            {
                _figures.Count("cancel-" + kind);
            }
        }
    }

    private void ExpireTimeouts()
    {
        long limit = Stopwatch.GetTimestamp() - (long)(AckTimeout.TotalSeconds * Stopwatch.Frequency);
        foreach (var (id, p) in _pending.Where(p => p.Value.SentAt < limit).ToList())
        {
            _pending.Remove(id);
            _figures.Count("timeout");
            Close(p.Request, p.Instrument);
        }
    }

    private void Close(OrderRequest request, Instrument instrument)
    {
        _gate.OnCommitmentReleased(request, instrument, request.Size);
        _gate.OnOrderClosed();
    }

    /// <summary>Stamps each event as it arrives (the round trip ends there) and hands it to the loop.</summary>
    private sealed class Sink(ChannelWriter<(ExecutionReport?, VenueRequestFailed?, long)> writer) : IVenueEventSink
    {
        public void OnExecutionReport(ExecutionReport report) => writer.TryWrite((report, null, Stopwatch.GetTimestamp()));

        public void OnRequestFailed(VenueRequestFailed failure) => writer.TryWrite((null, failure, Stopwatch.GetTimestamp()));

        public void OnMarketData(in MarketDataEvent e)
        {
        }

        public void OnVenueStatus(VenueStatusEvent status)
        {
        }

        public void OnAccountSnapshot(AccountSnapshot snapshot)
        {
        }
    }
}
