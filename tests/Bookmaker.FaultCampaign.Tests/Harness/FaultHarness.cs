using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using Bookmaker.Storage.Journal;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.Matching;
using Bookmaker.Venues.Simulated.Synthetic;

namespace Bookmaker.FaultCampaign.Tests.Harness;

/// <summary>What a scenario runs on.</summary>
internal sealed record HarnessOptions
{
    public int Seed { get; init; } = 1;

    public DateTimeOffset Start { get; init; } = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public LatencyProfile Latency { get; init; } = LatencyProfile.Parse("feed=const:5ms,entry=const:20ms,response=const:10ms");

    public FaultSpec Faults { get; init; } = FaultSpec.None;

    public RiskLimits Risk { get; init; } = new()
    {
        DailyLossLimit = Money.FromUnits(50),
        MinBankroll = Money.FromUnits(50),
        CancelAllDeadline = TimeSpan.FromSeconds(10),
    };

    public OrderManagerOptions Orders { get; init; } = new();

    public Money VenueCash { get; init; } = Money.FromUnits(10_000);

    /// <summary>What the engine believes its cash is before the first reconciliation (null = the venue's).</summary>
    public Money? EngineCash { get; init; }

    public bool KillSwitchFile { get; init; }

    public decimal Mid { get; init; } = 0.50m;

    public double TimeoutExecutedProbability { get; init; } = 0.5;
}

/// <summary>
/// One engine (<see cref="EngineHost"/>) on a <see cref="SimulatedVenue"/> with one binary market whose liquidity an
/// agent account provides (and moves on command), a real SQLite journal in a temporary directory, a
/// <see cref="ScriptedStrategy"/>, and the records the invariant checks need. Everything runs on a
/// <see cref="SimulatedTimeProvider"/>; nothing reads the wall clock, and every random stream is seeded.
/// </summary>
internal sealed class FaultHarness : IAsyncDisposable
{
    private readonly List<long> _agentOrders = [];
    private ulong _agentSeq;
    private SimulationDriver _driver = null!;

    private FaultHarness(HarnessOptions options, string dir)
    {
        Options = options;
        Directory = dir;
        JournalPath = Path.Combine(dir, "journal.db");
        KillSwitchPath = Path.Combine(dir, "KILL");
        Clock = new SimulatedTimeProvider(options.Start);
        Market = SyntheticMarketFactory.Binary(new Random(options.Seed), "m0", "0.01", ZeroFeeModel.Instance, "zero", null);
        Venue = new SimulatedVenue(Clock, [Market], new SimulatedVenueOptions
        {
            Seed = options.Seed,
            Latency = options.Latency,
            Faults = options.Faults,
            StartingCash = options.VenueCash,
            TimeoutExecutedProbability = options.TimeoutExecutedProbability,
        });
        Recorder = new RecordingVenue(Venue, Clock);
        Agent = Venue.Engine.OpenAccount(Money.FromUnits(1_000_000));
        Venue.Engine.Split(Agent, Venue.MarketIndex(Market.MarketId), Quantity.FromUnits(100_000));
        YesSlot = Venue.Engine.SlotOf(Market.Yes.Id);
        QuoteAround(options.Mid);
    }

    public HarnessOptions Options { get; }

    public string Directory { get; }

    public string JournalPath { get; }

    public string KillSwitchPath { get; }

    public SimulatedTimeProvider Clock { get; }

    public SimulatedMarket Market { get; }

    public SimulatedVenue Venue { get; }

    public RecordingVenue Recorder { get; }

    public int Agent { get; }

    public int YesSlot { get; }

    public EngineHost Host { get; private set; } = null!;

    public TradingEngine Engine => Host.Engine;

    public CrashableJournal Journal { get; private set; } = null!;

    public ScriptedStrategy Strategy { get; private set; } = null!;

    public PnlMonitor Pnl { get; private set; } = null!;

    /// <summary>Every freeze (cancel everything) requested, with the orders open at that moment and the verdict at its deadline.</summary>
    public List<FreezeCheck> Freezes { get; } = [];

    private void OnFreeze()
    {
        var ids = Venue.PeekAccount().OpenOrders.Select(o => o.OrderId).Concat(Engine.Orders.LiveOrders.Select(o => o.Id)).ToHashSet();
        // The alert may fire at the first freeze retry after the deadline; judge just after that.
        var check = new FreezeCheck(Clock.GetUtcNow().UtcTicks, ids,
            (Clock.GetUtcNow() + Options.Risk.CancelAllDeadline + Options.Orders.FreezeRetryInterval + TimeSpan.FromMilliseconds(1)).UtcTicks);
        Freezes.Add(check);
        var engine = Engine;
        ITimer? timer = null;
        timer = Clock.CreateTimer(_ =>
        {
            var open = Venue.PeekAccount().OpenOrders.Select(o => o.OrderId).Concat(engine.Orders.LiveOrders.Select(o => o.Id)).Where(ids.Contains).Distinct().ToList();
            bool alerted = engine.Alerts.IsActive("cancel_all_stuck") && engine.Gate.State == TradingState.Halted;
            check.Verdict = open.Count == 0 || alerted;
            check.Detail = $"{open.Count} of the {ids.Count} orders open at the freeze are still open at its deadline; cancel_all_stuck active: {alerted}";
            timer?.Dispose();
        }, null, TimeSpan.FromTicks(check.DeadlineTicks - Clock.GetUtcNow().UtcTicks), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Trading-state changes of every engine generation: (time, new state, reason).</summary>
    public List<(long Ticks, TradingState State, string Reason)> StateChanges { get; } = [];

    public Instrument Yes => Engine.Instruments.Get(Market.Yes.Id);

    public Instrument No => Engine.Instruments.Get(Market.No!.Id);

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static async Task<FaultHarness> StartAsync(HarnessOptions? options = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bm-faults-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var h = new FaultHarness(options ?? new HarnessOptions(), dir);
        await h.StartEngineAsync(recover: false);
        h.Run(TimeSpan.FromSeconds(1));
        return h;
    }

    /// <summary>Builds an engine on the journal (recovering from it when asked) and attaches it to the venue.</summary>
    private async Task StartEngineAsync(bool recover)
    {
        List<JournalEntry> entries = [];
        var halts = PersistedHalts.None;
        if (recover)
        {
            using var reader = JournalReader.Open(JournalPath);
            entries = reader.ReadAll().Select(r => r.Entry).ToList();
            // Halts hold before the engine is built, as in production (the registry is not needed to read them).
            halts = PersistedHalts.From(JournalRecovery.Recover(entries, new Core.Instruments.InstrumentRegistry()));
        }

        var sqlite = SqliteJournal.Open(JournalPath);
        var session = sqlite.StartSession("fault-campaign", Options.Seed, Venue.Venue, Clock.GetUtcNow().UtcTicks);
        Journal = new CrashableJournal(sqlite);
        Host = EngineHost.Create(Clock, [Recorder], Journal, new EngineHostOptions
        {
            Risk = Options.Risk,
            Orders = Options.Orders,
            InitialCash = Options.EngineCash ?? Options.VenueCash,
            KillSwitchFile = Options.KillSwitchFile ? KillSwitchPath : null,
            Epoch = session.Epoch,
            Halts = halts,
        });
        Recorder.Gate = Engine.Gate;
        Pnl = new PnlMonitor(Engine.Gate, Options.Risk.DailyLossLimit, Clock);
        Engine.Orders.FillApplied += (_, _) => Pnl.Sample();
        Engine.Gate.FreezeRequested += _ => OnFreeze();
        Engine.Gate.StateChanged += (_, now, reason) => StateChanges.Add((Clock.GetUtcNow().UtcTicks, now, reason));
        if (recover)
        {
            Recovered = JournalRecovery.Recover(entries, Engine.Instruments);
            Engine.Orders.Restore(Recovered);
        }

        Strategy = new ScriptedStrategy();
        Host.AddStrategy(Strategy);
        _driver = new SimulationDriver(Host.Loop, Clock);
        await Host.StartAsync(CancellationToken.None);
    }

    /// <summary>What the last restart recovered from the journal.</summary>
    public RecoveredState? Recovered { get; private set; }

    /// <summary>Runs the loop for a span of simulated time (sampling P&amp;L and committing the journal every step).</summary>
    public void Run(TimeSpan duration) => RunUntil(Clock.GetUtcNow() + duration);

    public void RunUntil(DateTimeOffset end)
    {
        _driver.RunUntil(end, () =>
        {
            Pnl.Sample();
            Journal.Commit();
            return false;
        });
        Pnl.Sample();
        Journal.Commit();
    }

    /// <summary>Runs until <paramref name="done"/> or <paramref name="limit"/> elapses; returns whether it got done.</summary>
    public bool RunUntil(Func<bool> done, TimeSpan limit)
    {
        _driver.RunUntil(Clock.GetUtcNow() + limit, () =>
        {
            Pnl.Sample();
            Journal.Commit();
            return done();
        });
        return done();
    }

    /// <summary>Drains what is pending now without moving the clock (the engine acts on what it has).</summary>
    public void Drain()
    {
        Host.Loop.DrainPending();
        Pnl.Sample();
    }

    /// <summary>An operator cancel-all (freeze) through the command channel.</summary>
    public void OperatorCancelAll()
    {
        OnFreeze();
        Host.Loop.Post(new OperatorCommand(OperatorCommandKind.CancelAll, "campaign"));
        Drain();
    }

    public void OperatorHalt()
    {
        Host.Loop.Post(new OperatorCommand(OperatorCommandKind.Halt, "campaign"));
        Drain();
    }

    /// <summary>Replaces the venue's faults from now on.</summary>
    public void SetFaults(string spec) => Venue.SetFaults(FaultSpec.Parse(spec));

    public void ClearFaults() => Venue.SetFaults(FaultSpec.None);

    /// <summary>The agent pulls its quotes and re-quotes 5 levels each side around <paramref name="mid"/> (100 shares a level).</summary>
    public void QuoteAround(decimal mid)
    {
        var buffer = new MatchEventBuffer(64);
        Venue.Engine.CancelAll(Agent, buffer);
        Venue.ProcessAgentEvents(buffer);
        _agentOrders.Clear();
        for (int k = 1; k <= 5; k++)
        {
            AgentOrder(Side.Buy, mid - 0.01m * k, 100);
            AgentOrder(Side.Sell, mid + 0.01m * k, 100);
        }
    }

    /// <summary>The agent sends one order (it trades against ours when it crosses).</summary>
    public void AgentOrder(Side side, decimal price, decimal size)
    {
        var order = SimOrder.Limit(Agent, ClientOrderId.From(9_999, ++_agentSeq), YesSlot, side, Price.FromDecimal(price), Quantity.FromDecimal(size));
        long id = Venue.SubmitAgentOrder(order);
        if (id > 0) _agentOrders.Add(id);
    }

    /// <summary>
    /// A final reconciliation: faults off, in-flight requests settle (longer than the reconcile grace), then the engine
    /// asks the venue for the truth and applies it.
    /// </summary>
    public void FinalReconciliation()
    {
        ClearFaults();
        Run(Options.Orders.ReconcileGrace + TimeSpan.FromSeconds(6));
        Engine.Orders.RequestReconciliation();
        Run(TimeSpan.FromSeconds(2));
    }

    /// <summary><c>kill -9</c>: the engine object is dropped without shutdown; the venue keeps running; the journal keeps only what was durable.</summary>
    public async Task KillAsync()
    {
        Recorder.Detach();
        Host.Loop.DisposeTimers();
        await Journal.CrashAsync();
        Host = null!;
        Recorder.Gate = null;
    }

    /// <summary>Time passes with no engine attached (the process is down; the venue and its agents carry on).</summary>
    public void AdvanceWhileDown(TimeSpan duration)
    {
        var end = Clock.GetUtcNow() + duration;
        while (Clock.NextDue is { } next && next <= end) Clock.AdvanceTo(next);
        Clock.AdvanceTo(end);
    }

    /// <summary>A new process on the same journal and the same venue: recover, restore, reconcile.</summary>
    public async Task RestartAsync()
    {
        Recorder.EngineGeneration++;
        await StartEngineAsync(recover: true);
        Run(TimeSpan.FromSeconds(1));
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            Host.Loop.DisposeTimers();
            await Journal.DisposeAsync();
        }

        await Venue.DisposeAsync();
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}

/// <summary>One freeze: when, which orders were open, and whether they were all closed (or CRITICAL raised) by the deadline.</summary>
internal sealed class FreezeCheck(long ticks, HashSet<ClientOrderId> ids, long deadlineTicks)
{
    public long Ticks { get; } = ticks;

    public HashSet<ClientOrderId> Ids { get; } = ids;

    public long DeadlineTicks { get; } = deadlineTicks;

    public bool? Verdict { get; set; }

    public string Detail { get; set; } = "";
}

/// <summary>Samples the gate's daily P&amp;L to check that the loss never runs past the limit by more than the step that crossed it.</summary>
internal sealed class PnlMonitor(RiskGate gate, Money limit, TimeProvider clock)
{
    private bool _hasPrevious;
    private long _previousLoss;

    public Money Limit { get; } = limit;

    public long MaxLossRaw { get; private set; }

    public long WorstStepRaw { get; private set; }

    public bool Crossed { get; private set; }

    public long LossAtCrossRaw { get; private set; }

    public long StepAtCrossRaw { get; private set; }

    public long CrossTicks { get; private set; }

    public void Sample()
    {
        long loss = -gate.DailyPnl.Raw;
        long step = _hasPrevious ? loss - _previousLoss : loss;
        _hasPrevious = true;
        _previousLoss = loss;
        if (step > WorstStepRaw) WorstStepRaw = step;
        if (loss > MaxLossRaw) MaxLossRaw = loss;
        if (!Crossed && loss >= Limit.Raw)
        {
            Crossed = true;
            LossAtCrossRaw = loss;
            StepAtCrossRaw = step;
            CrossTicks = clock.GetUtcNow().UtcTicks;
        }
    }
}
