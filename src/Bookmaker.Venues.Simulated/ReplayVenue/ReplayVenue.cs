using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.QueueModels;

namespace Bookmaker.Venues.Simulated.ReplayVenue;

/// <summary>How a <see cref="ReplayVenue"/> replays.</summary>
public sealed record ReplayVenueOptions
{
    /// <summary>Venue name; null = the first instrument's venue.</summary>
    public string? Venue { get; init; }

    /// <summary>Replay speed: 1 = original timing, 10 = ten times faster; 0 = as fast as possible (one tick apart).</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Queue model of resting orders (see <see cref="QueueModelSpec"/>).</summary>
    public string QueueModel { get; init; } = "power2";

    /// <summary>Feed, order-entry and response delays.</summary>
    public LatencyProfile Latency { get; init; } = LatencyProfile.Zero;

    /// <summary>Seed of the latency streams.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Our starting cash.</summary>
    public Money StartingCash { get; init; } = Money.FromUnits(10_000);

    /// <summary>Fees charged on our simulated fills.</summary>
    public IFeeModel Fees { get; init; } = ZeroFeeModel.Instance;

    /// <summary>Fees per instrument (a backtest of several symbols with their own rates); null = <see cref="Fees"/> for all.</summary>
    public Func<Instrument, IFeeModel>? FeesOf { get; init; }

    /// <summary>Largest batch.</summary>
    public int MaxBatch { get; init; } = 15;
}

/// <summary>
/// An <see cref="IVenueAdapter"/> that replays a recording through the engine on the injected clock and decides our
/// fills with a <see cref="ReplayFillSimulator"/> and a queue model: the recording cannot react to us (no market
/// impact), so our orders never appear in the replayed book. Messages are scheduled one at a time on the
/// <see cref="VenueScheduler"/> at their original offset divided by <see cref="ReplayVenueOptions.Speed"/>; the fill
/// simulator sees each message at venue time, the client after the feed delay. The execution half is a
/// <see cref="ReplayExecution"/>.
/// </summary>
public sealed class ReplayVenue : IVenueAdapter, IMarketDataClient, IExecutionClient
{
    private readonly ReplayVenueOptions _options;
    private readonly VenueScheduler _scheduler;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly ReplayExecution _execution;
    private readonly IEnumerator<ReplayMessage> _source;
    private readonly LatencyChannel _feed;
    private IVenueEventSink? _sink;
    private long _firstTicks = -1;
    private long _startTicks;
    private long _lastDue;

    /// <summary>A replay of <paramref name="messages"/> (slot-indexed events) over <paramref name="instruments"/>.</summary>
    public ReplayVenue(TimeProvider time, IReadOnlyList<Instrument> instruments, IEnumerable<ReplayMessage> messages, ReplayVenueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(messages);
        if (instruments.Count == 0) throw new ArgumentException("a replay needs at least one instrument", nameof(instruments));
        _options = options ?? new ReplayVenueOptions();
        _scheduler = new VenueScheduler(time);
        _instruments = instruments;
        _source = messages.GetEnumerator();
        (_feed, var entry, var response) = _options.Latency.CreateChannels(_options.Seed);
        var fees = _options.Fees;
        _execution = new ReplayExecution(_scheduler, Venue, instruments, _options.QueueModel, entry, response, _options.StartingCash, _options.FeesOf ?? (_ => fees), _options.MaxBatch);
    }

    /// <inheritdoc />
    public string Venue => _options.Venue ?? _instruments[0].Id.Venue;

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments => _instruments;

    /// <inheritdoc />
    public IMarketDataClient MarketData => this;

    /// <inheritdoc />
    public IExecutionClient Execution => this;

    /// <inheritdoc />
    public int MaxBatchSize => _options.MaxBatch;

    /// <summary>Messages replayed so far.</summary>
    public long MessagesReplayed { get; private set; }

    /// <summary>True once the recording is exhausted.</summary>
    public bool Finished { get; private set; }

    /// <summary>Raised when the recording is exhausted (after the last message was handed to the feed).</summary>
    public event Action? Completed;

    /// <summary>The fill simulator of an instrument position (tests inspect it).</summary>
    public ReplayFillSimulator Simulator(int slot) => _execution.Simulator(slot);

    /// <inheritdoc />
    public Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _execution.Sink = sink;
        _startTicks = _scheduler.NowTicks;
        ScheduleNext();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _sink = null;
        _execution.Sink = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _sink = null;
        _execution.Sink = null;
        _scheduler.Dispose();
        _source.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Subscribe(IReadOnlyList<Instrument> instruments)
    {
        // A recording holds what it holds.
    }

    private void ScheduleNext()
    {
        if (!_source.MoveNext())
        {
            Finished = true;
            Completed?.Invoke();
            return;
        }

        var message = _source.Current;
        if (_firstTicks < 0) _firstTicks = message.TimeTicks;
        long due = _options.Speed <= 0
            ? _lastDue + 1
            : _startTicks + (long)((message.TimeTicks - _firstTicks) / _options.Speed);
        due = Math.Max(due, Math.Max(_lastDue, _scheduler.NowTicks));
        _lastDue = due;
        _scheduler.At(due, () => Replay(message));
    }

    private void Replay(ReplayMessage message)
    {
        MessagesReplayed++;
        long now = _scheduler.NowTicks;
        foreach (var e in message.Events)
        {
            _execution.OnMarketData(e.InstrumentIndex, e);
        }

        long due = _feed.Schedule(now);
        _scheduler.At(due, () => Deliver(message.Events));
        ScheduleNext();
    }

    private void Deliver(MarketDataEvent[] events)
    {
        var sink = _sink;
        if (sink is null) return;
        long now = _scheduler.NowTicks;
        foreach (var e in events)
        {
            if ((uint)e.InstrumentIndex >= (uint)_instruments.Count) continue;
            int index = _instruments[e.InstrumentIndex].Index;
            var stamped = e with { InstrumentIndex = index >= 0 ? index : e.InstrumentIndex, ReceiveTimeTicks = now };
            sink.OnMarketData(in stamped);
        }
    }

    // ───────────────────────────── execution (see ReplayExecution) ─────────────────────────────

    /// <inheritdoc />
    public void Submit(OrderRequest request) => _execution.Submit(request);

    /// <inheritdoc />
    public void SubmitBatch(IReadOnlyList<OrderRequest> requests) => _execution.SubmitBatch(requests);

    /// <inheritdoc />
    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) => _execution.Cancel(id, instrument, venueOrderId);

    /// <inheritdoc />
    public void CancelAll() => _execution.CancelAll();

    /// <inheritdoc />
    public void CancelMarket(string marketId) => _execution.CancelMarket(marketId);

    /// <inheritdoc />
    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) => _execution.RequestAccountSnapshot(requestId, fillsSince);
}
