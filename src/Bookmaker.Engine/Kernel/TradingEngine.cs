using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The engine kernel: the <see cref="IEventConsumer"/> that owns books, the order manager, risk gate, portfolio,
/// alerts and strategies, and routes every event to them on the loop. The same kernel runs backtest, paper and live;
/// only the venue adapters and the clock handed to it differ.
/// </summary>
public sealed partial class TradingEngine : IEventConsumer, IDisposable
{
    /// <summary>Housekeeping timer purpose (day roll, kill switch, P&amp;L snapshot).</summary>
    public const int TimerHousekeeping = 1;

    /// <summary>First timer purpose routed to strategies; strategy k owns [base + k·1000, base + k·1000 + 999].</summary>
    public const int StrategyTimerBase = 10_000;

    private readonly OrderBook[] _books;
    private readonly bool[] _inMessage;
    private readonly SequenceCheck[] _messageCheck;
    private readonly long[] _markRaw;
    private readonly List<IStrategy> _strategies = [];
    private readonly Dictionary<string, VenueState> _venueState = new(StringComparer.Ordinal);
    private readonly KillSwitchFile? _killSwitch;
    private readonly JournalPayload _payload = new();
    private long _lastPnlSnapshotTicks;
    private bool _shuttingDown;

    /// <summary>Wires the kernel. Instruments must be registered before.</summary>
    public TradingEngine(
        EventLoop loop,
        InstrumentRegistry instruments,
        OrderManager orders,
        IJournal journal,
        AlertCenter alerts,
        KillSwitchFile? killSwitch = null,
        TimeSpan? housekeepingInterval = null,
        OperationalWatchOptions? watch = null)
    {
        Loop = loop ?? throw new ArgumentNullException(nameof(loop));
        Instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        Orders = orders ?? throw new ArgumentNullException(nameof(orders));
        Journal = journal ?? throw new ArgumentNullException(nameof(journal));
        Alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _killSwitch = killSwitch;
        int n = instruments.Count;
        _books = new OrderBook[n];
        _inMessage = new bool[n];
        _messageCheck = new SequenceCheck[n];
        _markRaw = new long[n];
        for (int i = 0; i < n; i++)
        {
            var inst = instruments[i];
            // Prediction-market prices live in [0, 1]: a tick-indexed ladder gives O(1) updates; crypto is unbounded.
            _books[i] = inst.IsOutcomeToken ? TickLadderBook.ForProbability(inst.TickSize) : new SortedBook();
        }

        Gate.StateChanged += OnStateChanged;
        Alerts.Changed += OnAlert;
        Orders.OrderChanged += (o, _) => { foreach (var s in _strategies) s.OnOrderChanged(o); };
        Orders.FillApplied += (o, f) => { foreach (var s in _strategies) s.OnFill(o, f); };
        Watch = new OperationalWatch(instruments, orders, _strategies, alerts, loop.Time, watch ?? new OperationalWatchOptions());
        loop.Attach(this);
        Orders.Attach(loop);
        loop.ScheduleTimer(housekeepingInterval ?? TimeSpan.FromMilliseconds(250), housekeepingInterval ?? TimeSpan.FromMilliseconds(250), TimerHousekeeping);
    }

    /// <summary>The loop.</summary>
    public EventLoop Loop { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time => Loop.Time;

    /// <summary>Instruments.</summary>
    public InstrumentRegistry Instruments { get; }

    /// <summary>The order manager (and through it the risk gate).</summary>
    public OrderManager Orders { get; }

    /// <summary>The risk gate.</summary>
    public RiskGate Gate => Orders.Gate;

    /// <summary>The portfolio.</summary>
    public PortfolioBook Portfolio => Orders.Portfolio;

    /// <summary>The journal.</summary>
    public IJournal Journal { get; }

    /// <summary>Alerts.</summary>
    public AlertCenter Alerts { get; }

    /// <summary>The operational watches ("no silent stop" alerts), ticked by housekeeping.</summary>
    public OperationalWatch Watch { get; }

    /// <summary>Strategies in registration order.</summary>
    public IReadOnlyList<IStrategy> Strategies => _strategies;

    /// <summary>Market-data events that could not be applied (malformed level, book not live): counted, never thrown.</summary>
    public long DroppedMarketData { get; private set; }

    /// <summary>Sequence gaps detected (each invalidates the book until a snapshot).</summary>
    public long SequenceGaps { get; private set; }

    /// <summary>True after a shutdown command.</summary>
    public bool IsShuttingDown => Volatile.Read(ref _shuttingDown);

    /// <summary>The local book of an instrument.</summary>
    public OrderBook Book(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return _books[instrument.Index];
    }

    /// <summary>The book at a dense index.</summary>
    public OrderBook Book(int index) => _books[index];

    /// <summary>Adds a strategy and starts it with its own context.</summary>
    public void AddStrategy(IStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        int slot = _strategies.Count;
        _strategies.Add(strategy);
        strategy.Start(new StrategyContext(this, slot, strategy.Name));
    }

    /// <summary>True while the venue is live (not disconnected, restarting or cancel-only).</summary>
    public bool IsVenueLive(string venue) => !_venueState.TryGetValue(venue, out var s) || s is VenueState.Live or VenueState.PostOnly;

    // ───────────────────────────── market data (hot path) ─────────────────────────────

    /// <inheritdoc />
    public void OnMarketData(in MarketDataEvent e)
    {
        if ((uint)e.InstrumentIndex >= (uint)_books.Length)
        {
            DroppedMarketData++;
            return;
        }

        var book = _books[e.InstrumentIndex];
        Watch.Feed.OnData(e.InstrumentIndex, e.VenueTimeTicks, e.ReceiveTimeTicks);
        switch (e.Kind)
        {
            case MarketDataKind.Snapshot:
                if (e.Snapshot is null || !book.ApplySnapshot(e.Snapshot, e.ReceiveTimeTicks)) DroppedMarketData++;
                break;
            case MarketDataKind.LevelUpdate:
                ApplyLevel(book, e);
                break;
            case MarketDataKind.Trade:
                var inst = Instruments[e.InstrumentIndex];
                foreach (var s in _strategies) s.OnTrade(inst, e.Side, e.Price, e.Size, e.ReceiveTimeTicks);
                return;
            case MarketDataKind.TickSizeChange:
                Instruments[e.InstrumentIndex].ChangeTick(e.Price);
                if (book is TickLadderBook ladder) ladder.ChangeTick(e.Price);
                break;
            case MarketDataKind.BookInvalidated:
                book.Invalidate();
                break;
        }

        if (!e.EndOfMessage) return;
        _inMessage[e.InstrumentIndex] = false;
        var instrument = Instruments[e.InstrumentIndex];
        UpdateMark(instrument, book);
        for (int k = 0; k < _strategies.Count; k++) _strategies[k].OnBook(instrument, book);
    }

    private void ApplyLevel(OrderBook book, in MarketDataEvent e)
    {
        int i = e.InstrumentIndex;
        // Sequence continuity is judged once per venue message; its other level events share the verdict.
        if (!_inMessage[i])
        {
            _inMessage[i] = true;
            var check = book.AcceptSequence(e.Sequence, e.PreviousSequence);
            if (check == SequenceCheck.Gap) SequenceGaps++;
            _messageCheck[i] = check;
        }

        if (_messageCheck[i] != SequenceCheck.Accepted || !book.SetLevel(e.Side, e.Price, e.Size, e.ReceiveTimeTicks)) DroppedMarketData++;
    }

    private void UpdateMark(Instrument instrument, OrderBook book)
    {
        if (book.IsStale || !book.HasBids || !book.HasAsks || book.IsCrossed) return;
        long mid = (book.BestBid.Price.Raw + book.BestAsk.Price.Raw) / 2;
        int i = instrument.Index;
        if (mid == _markRaw[i]) return;
        _markRaw[i] = mid;
        var mark = new Price(mid);
        Gate.OnMark(instrument, mark);
        var position = Portfolio.GetPosition(instrument);
        if (position is null) return;
        Portfolio.SetMark(instrument, mark);
        if (!position.IsFlat) Orders.PushAccount();
    }

    /// <summary>The last mark (mid) of an instrument, zero before the first two-sided book.</summary>
    public Price Mark(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return new Price(_markRaw[instrument.Index]);
    }

    // ───────────────────────────── order events ─────────────────────────────

    /// <inheritdoc />
    public void OnExecutionReport(ExecutionReport report) => Orders.OnExecutionReport(report);

    /// <inheritdoc />
    public void OnRequestFailed(VenueRequestFailed failure) => Orders.OnRequestFailed(failure);

    /// <inheritdoc />
    public void OnVenueStatus(VenueStatusEvent status)
    {
        ArgumentNullException.ThrowIfNull(status);
        _venueState[status.Venue] = status.State;
        Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.Note, 0, null, _payload.Text("venue_status", ("venue", status.Venue), ("state", status.State.ToString()), ("text", status.Text ?? ""))));
        if (status.State == VenueState.Disconnected)
        {
            // Every book of a disconnected venue is stale until a fresh snapshot after the reconnect.
            for (int i = 0; i < _books.Length; i++)
                if (string.Equals(Instruments[i].Id.Venue, status.Venue, StringComparison.Ordinal)) _books[i].Invalidate();
            Alerts.Raise("venue_disconnected", AlertSeverity.Warning, $"{status.Venue} disconnected: {status.Text}", status.Venue);
        }
        else if (status.State is VenueState.Live or VenueState.Reconnected)
        {
            Alerts.Clear("venue_disconnected", status.Venue);
        }

        Orders.OnVenueStatus(status);
    }

    /// <inheritdoc />
    public void OnAccountSnapshot(AccountSnapshot snapshot) => Orders.OnAccountSnapshot(snapshot);

    // ───────────────────────────── timers and commands ─────────────────────────────

    /// <inheritdoc />
    public void OnTimer(in TimerEvent timer)
    {
        if (timer.Purpose == TimerHousekeeping)
        {
            Housekeeping();
            return;
        }

        if (Orders.OnTimer(timer)) return;
        if (timer.Purpose >= StrategyTimerBase)
        {
            int slot = (timer.Purpose - StrategyTimerBase) / 1000;
            if (slot < _strategies.Count) _strategies[slot].OnTimer(timer with { Purpose = (timer.Purpose - StrategyTimerBase) % 1000 });
        }
    }

    private void Housekeeping()
    {
        Gate.Tick();
        if (_killSwitch is not null)
        {
            Gate.SetKillSwitch(_killSwitch.IsEngaged);
            // Explicit operator actions left by `bookmaker risk resume|reset` for a running engine.
            if (OperatorRequests.TryConsume(_killSwitch.Path, OperatorRequests.Resume) is { } resume)
                OnCommand(new OperatorCommand(OperatorCommandKind.Resume, resume.Actor, resume.Reason));
            if (OperatorRequests.TryConsume(_killSwitch.Path, OperatorRequests.Reset) is { } reset)
                OnCommand(new OperatorCommand(OperatorCommandKind.ResetBreach, reset.Actor, reset.Reason));
        }

        Watch.Tick();
        long now = Time.GetUtcNow().UtcTicks;
        if (now - _lastPnlSnapshotTicks >= TimeSpan.TicksPerMinute)
        {
            _lastPnlSnapshotTicks = now;
            var p = Portfolio;
            var w = _payload.Begin();
            w.WriteString("cash", p.Cash.ToString());
            w.WriteString("realized", p.RealizedPnl.ToString());
            w.WriteString("unrealized", p.UnrealizedPnl.ToString());
            w.WriteString("fees", p.FeesPaid.ToString());
            w.WriteString("rebates", p.RebatesEarned.ToString());
            w.WriteString("equity", p.Equity.ToString());
            w.WriteString("daily", Gate.DailyPnl.ToString());
            w.WriteString("state", Gate.State.ToString().ToUpperInvariant());
            Journal.Append(new JournalEntry(now, JournalKind.PnlSnapshot, 0, null, _payload.End()));
        }
    }

    /// <inheritdoc />
    public void OnCommand(OperatorCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.OperatorCommand, 0, null,
            _payload.Text(command.Kind.ToString(), ("actor", command.Actor), ("text", command.Text ?? ""))));
        switch (command.Kind)
        {
            case OperatorCommandKind.Halt:
                Gate.SetManualState(TradingState.Halted, $"operator:{command.Actor}");
                break;
            case OperatorCommandKind.Resume:
                if (_killSwitch is { IsEngaged: true })
                {
                    Alerts.Raise("resume_refused", AlertSeverity.Warning, "resume refused: the kill-switch file is still present");
                    break;
                }

                Gate.SetKillSwitch(false);
                Gate.SetManualState(TradingState.Active, $"operator:{command.Actor}");
                break;
            case OperatorCommandKind.ResetBreach:
                Gate.ResetBreach();
                break;
            case OperatorCommandKind.CancelAll:
                Orders.Freeze($"operator:{command.Actor}");
                break;
            case OperatorCommandKind.Shutdown:
                BeginShutdown(command.Actor);
                break;
        }
    }

    /// <summary>Stops strategies and cancels everything (the freeze keeps retrying until the venue confirms).</summary>
    public void BeginShutdown(string actor)
    {
        if (_shuttingDown) return;
        Volatile.Write(ref _shuttingDown, true);
        foreach (var s in _strategies) s.Shutdown();
        Orders.Freeze($"shutdown:{actor}");
    }

    private void OnStateChanged(TradingState old, TradingState now, string reason)
    {
        Orders.OnTradingStateChanged(old, now, reason);
        foreach (var s in _strategies) s.OnTradingState(now);
    }

    private void OnAlert(Alert alert) =>
        Journal.Append(new JournalEntry(Time.GetUtcNow().UtcTicks, JournalKind.Alert, 0, null,
            _payload.Text(alert.Message, ("code", alert.Code), ("severity", alert.Severity.ToString().ToUpperInvariant()), ("key", alert.Key), ("active", alert.IsActive ? "true" : "false"))));

    /// <inheritdoc />
    public void Dispose()
    {
        _payload.Dispose();
        Orders.Dispose();
    }
}
