using System.Globalization;
using Bookmaker.Cli.Paper;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Operations;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Venues;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Running;

/// <summary>
/// What every trading run (paper on the simulated venue, paper in real time, live) shares around its engine: the
/// journal and its session, the host with the fail-closed guards (journal writer faults, unhandled exceptions, the
/// watchdog's stuck-loop exit), the operator channel, SIGINT/SIGTERM, and the end — final status, flush, summary, exit
/// code and the one line on stderr. Only the venue and the way the loop is driven differ between modes.
/// </summary>
internal sealed class TradingSession : IAsyncDisposable
{
    private readonly CliContext _context;
    private readonly BookmakerOptions _options;
    private readonly SqliteJournal _journal;
    private readonly OperatorChannel _channel;
    private readonly UnhandledExceptionEventHandler _unhandled;
    private int _exiting;

    private TradingSession(CliContext context, BookmakerOptions options, string label, string journalPath, SqliteJournal journal, EngineHost host, IFaultLog faultLog, CancellationToken cancellation)
    {
        _context = context;
        _options = options;
        Mode = label;
        JournalPath = journalPath;
        _journal = journal;
        Host = host;
        FaultLog = faultLog;
        Tracker = new RunTracker(host.Engine);
        // The writer thread's failure (disk full, I/O error) fails the engine closed even before the next append.
        journal.Faulted += (_, e) => host.Journal.Fail(new EngineFault(EngineFaultKind.Journal, "the journal cannot write: " + EngineFault.Describe(e.Fault), e.Fault));
        host.Watchdog.Stuck += OnStuck;
        var guard = new JournalGuard(host, journalPath, options.Journal.MinFreeBytes);
        if (guard.Initial.State == JournalSpaceState.Low)
            context.Stderr.WriteLine($"{label}: warning: {guard.Initial} — the engine fails closed at the floor");
        // Five times a second: a run at full speed can write megabytes of journal in a second, and the floor is only a
        // guarantee if the guard sees the volume fill before SQLite does (a statvfs costs about a microsecond).
        host.Watchdog.AddCheck(TimeSpan.FromMilliseconds(200), guard.Check);
        _unhandled = (_, e) => OnUnhandled(e.ExceptionObject as Exception);
        AppDomain.CurrentDomain.UnhandledException += _unhandled;
        _channel = new OperatorChannel(journalPath, host.Engine, label, host.Engine.KillSwitchPath, TimeProvider.System);
        _channel.Start(TimeSpan.FromMilliseconds(100));
        Signals = new ShutdownSignals(context.Stderr, () => OnForcedExit(), cancellation);
    }

    /// <summary>paper or live: how messages name the run.</summary>
    public string Mode { get; }

    public string JournalPath { get; }

    public EngineHost Host { get; }

    public IFaultLog FaultLog { get; }

    public RunTracker Tracker { get; }

    public ShutdownSignals Signals { get; }

    /// <summary>The control plane, once started (null when <c>Http:Listen</c> is off).</summary>
    public Operations.ControlPlane.ControlPlaneServer? ControlPlane { get; private set; }

    private Operations.Alerts.AlertDispatcher? _alerts;
    private readonly HttpClient _alertHttp = new();

    /// <summary>
    /// Starts the alert sinks and the control plane when configured and prints where it listens; false (the message
    /// printed) when it cannot bind, and the caller exits with a usage error.
    /// </summary>
    public async Task<bool> StartControlPlaneAsync(EffectiveConfig effective, bool simulatedClock, CancellationToken cancellation)
    {
        _alerts = AlertDelivery.Start(this, _options, _alertHttp);
        var (server, _, error) = await ControlPlaneStart.StartAsync(this, _options, effective, simulatedClock, cancellation).ConfigureAwait(false);
        if (error is not null)
        {
            _context.Stderr.WriteLine(error);
            return false;
        }

        ControlPlane = server;
        if (server is not null) _context.Stdout.WriteLine($"{Mode}: control plane on {server.Address.ToString().TrimEnd('/')} (/healthz, /readyz, /metrics, /api/v1/…)");
        return true;
    }

    /// <summary>The recovery of earlier runs (its report ends with the first reconciliation).</summary>
    public RunRecovery? Recovery { get; private init; }

    /// <summary>
    /// Opens the journal, starts its session (<paramref name="venue"/> is journaled with it) and builds the engine with
    /// every guard in place; <paramref name="label"/> (paper, live) names the run in messages.
    /// </summary>
    /// <remarks>The journal (open and locked by <c>JournalFiles.Prepare</c>) stays the caller's to dispose, after the session.</remarks>
    public static TradingSession Open(CliContext context, BookmakerOptions options, EffectiveConfig effective, string label, string venue, SqliteJournal journal,
        TimeProvider clock, IReadOnlyList<IVenueAdapter> venues, Money openingCash, long seed, RecoveryScope scope, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(journal);
        string journalPath = journal.Path;
        var halts = StartupHalts.Read(journalPath);
        var session = journal.StartSession(PaperRunner.ConfigHash(effective), seed, venue, clock.GetUtcNow().UtcTicks);
        var faultLog = new FaultLogFile(Path.Combine(options.Engine.LogDirectory is { } d ? context.ResolvePath(d) : Path.GetDirectoryName(journalPath)!, FaultLogFile.FileName));
        var hostOptions = PaperRunner.HostOptions(options, context, openingCash, session.Epoch) with { FaultLog = faultLog, Halts = halts };
        var host = EngineHost.Create(clock, venues, journal, hostOptions);
        // Before the journal's fills are replayed: from which settlement rung bought shares may be sold.
        host.Engine.Portfolio.SellableAt = options.Venue.Polymarket.SellableAt;
        // The limits this run trades under, for `bookmaker risk status` (which must not guess them from its own config).
        host.Engine.Orders.NoteFields(Commands.RiskStatusReport.RiskLimitsNote, Commands.RiskStatusReport.LimitsOf(hostOptions.Risk));
        if (halts.Any)
            context.Stdout.WriteLine($"{label}: starting HALTED — {(halts.Breached ? "a daily-loss breach was never reset ('bookmaker risk reset --confirm')" : $"halted by {halts.HaltReason} in an earlier run ('bookmaker risk resume' once this engine runs)")}");
        // Before any strategy: what earlier runs left (a live venue keeps the account; the others start new).
        var recovery = RunRecovery.Restore(host, journal, session, scope, context, label);
        var created = new TradingSession(context, options, label, journalPath, journal, host, faultLog, cancellation) { Recovery = recovery };
        created.Tracker.MarkStart();
        return created;
    }

    /// <summary>
    /// Ends the run: when the loop could not wind down itself (dead, or stalled and stuck) a cancel-all goes straight
    /// through the venues; then the final status, the journal's stop entry and flush, the summary (text, and JSON when
    /// asked) and the exit code with its one line on stderr.
    /// </summary>
    public async Task<int> FinishAsync(RunOutcome outcome, PaperSummary summary, string? summaryJsonPath)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(summary);
        // From here the run ends the orderly way: the watchdog's last-resort exit must not cut the summary short.
        Interlocked.Exchange(ref _exiting, 1);
        IReadOnlyList<string> emergency = [];
        if (outcome.LoopDead is not null || (outcome.Stall is not null && Host.Loop.IsStalled && outcome.FreezePending))
            emergency = await Host.EmergencyCancelAllAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _channel.Dispose();
        try
        {
            _channel.WriteStatus();
        }
        catch (IOException)
        {
        }

        Host.Journal.Append(new JournalEntry(Host.Engine.Time.GetUtcNow().UtcTicks, JournalKind.SessionStopped, 0, null,
            outcome.FailedClosed ? "{\"clean\":false}" : "{}"));
        string? journalError = await FlushAsync().ConfigureAwait(false);

        summary.ExitReason = ExitReason(outcome);
        if (summary.ExitReason == "signal" && Signals.Received is { } signal) summary.ExitReason = "signal:" + signal;
        summary.Fault = Describe(outcome);
        int code = ExitCode(outcome, summary);
        summary.ExitCode = code;
        if (code == ExitCodes.Ok && Host.Engine.Alerts.History.Any(a => a.Code == "strategy_fault"))
        {
            code = ExitCodes.Failure;
            summary.ExitCode = code;
            summary.ExitReason = "strategy_fault";
        }

        _context.Stdout.WriteLine(summary.ToText());
        if (summaryJsonPath is { Length: > 0 } jsonPath)
        {
            try
            {
                string full = _context.ResolvePath(jsonPath);
                if (Path.GetDirectoryName(full) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(full, summary.ToJson(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                _context.Stderr.WriteLine($"{Mode}: summary not written to {jsonPath}: {e.Message}");
            }
        }

        // A strategy that faulted was stopped alone and the engine carried on, but the run did not do what was asked.
        string? strategyFault = Host.Engine.Alerts.History.LastOrDefault(a => a.Code == "strategy_fault")?.Message;
        if (FailLine(outcome, emergency, journalError) is { } line) _context.Stderr.WriteLine(line);
        else if (strategyFault is not null && code == ExitCodes.Failure) _context.Stderr.WriteLine($"{Mode}: a strategy failed during the run and was stopped: {strategyFault}{(FaultLog.Path is { } p ? ". Details: " + p : "")}");
        else if (code == ExitCodes.Failure && outcome.OpenOrders > 0)
            _context.Stderr.WriteLine($"{Mode}: {outcome.OpenOrders} order(s) not confirmed cancelled at exit — check the venue now (the heartbeat lapse will also cancel them)");
        else if (code == ExitCodes.Failure) _context.Stderr.WriteLine($"{Mode}: an exit invariant was broken (see the summary)");
        return code;
    }

    private async Task<string?> FlushAsync()
    {
        if (Host.Journal.Fault is { } f) return f.Message;
        try
        {
            await _journal.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is JournalFaultedException or TimeoutException or IOException)
        {
            return "the journal could not be flushed: " + EngineFault.OneLine(e.Message);
        }
    }

    private static string ExitReason(RunOutcome o) =>
        o.Stall is not null ? "stalled" : o.LoopDead is not null ? "engine_fault:dead_loop" : o.Fault is { } f ? f.ReasonCode : o.Cancelled ? "signal" : "completed";

    private static string? Describe(RunOutcome o) =>
        o.Stall is { } s ? s.Describe() : o.LoopDead is { } d ? EngineFault.Describe(d) : o.Fault?.Message;

    private static int ExitCode(RunOutcome o, PaperSummary s)
    {
        if (o.Stall is not null) return ExitCodes.Stalled;
        if (o.Fault is not null || o.LoopDead is not null) return ExitCodes.EngineFault;
        bool invariantsHold = o.AllClosed && s.OrdersAcceptedWhileHalted == 0 && s.UnhedgedLegsAtExit == 0;
        return invariantsHold ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private string? FailLine(RunOutcome o, IReadOnlyList<string> emergency, string? journalError)
    {
        if (!o.FailedClosed) return journalError is null ? null : $"{Mode}: {journalError}";
        int code = o.Stall is not null ? ExitCodes.Stalled : ExitCodes.EngineFault;
        string what = Describe(o) ?? "unknown fault";
        string orders = o.AllClosed
            ? "every order cancelled and confirmed by the venue"
            : emergency.Count > 0
                ? $"{o.OpenOrders} order(s) not confirmed by the engine; cancel-all confirmed by {string.Join(", ", emergency)} — check the venue"
                : $"{o.OpenOrders} order(s) NOT confirmed cancelled — check the venue now (its heartbeat lapse also cancels them)";
        string where = FaultLog.Path is { } p ? $" Details: {p}" : "";
        return $"bookmaker: FAIL-CLOSED (exit {code.ToString(CultureInfo.InvariantCulture)}): {what}. Trading HALTED; {orders}.{where}";
    }

    // The loop never came back after a stall: nothing more can be done through it. Cancel through the venues, report, exit.
    private void OnStuck(StallReport report)
    {
        if (Interlocked.Exchange(ref _exiting, 1) == 1) return;
        var confirmed = Host.EmergencyCancelAllAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        try
        {
            _channel.WriteStatus();
            _journal.FlushAsync().WaitAsync(TimeSpan.FromSeconds(2)).GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // Exiting anyway: the journal and status are best effort at this point.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        string venues = confirmed.Count > 0 ? "cancel-all confirmed by " + string.Join(", ", confirmed) : "no venue confirmed a cancel-all (a simulated venue stops with the process)";
        _context.Stderr.WriteLine($"bookmaker: FAIL-CLOSED (exit {ExitCodes.Stalled}): {report.Describe()} and never came back; heartbeats stopped, {venues}; exiting without a summary.{(FaultLog.Path is { } p ? " Details: " + p : "")}");
        _context.Stderr.Flush();
        Environment.Exit(ExitCodes.Stalled);
    }

    // An exception escaped some thread (never the loop's handlers: those are guarded). Cancel through the venues and exit.
    private void OnUnhandled(Exception? ex)
    {
        if (Interlocked.Exchange(ref _exiting, 1) == 1) return;
        FaultLog.Write("UNHANDLED: " + (ex is null ? "unknown exception" : EngineFault.Describe(ex)), ex);
        var confirmed = Host.EmergencyCancelAllAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        _context.Stderr.WriteLine($"bookmaker: FAIL-CLOSED (exit {ExitCodes.EngineFault}): unhandled {(ex is null ? "exception" : EngineFault.Describe(ex))} outside the event loop; " +
            $"{(confirmed.Count > 0 ? "cancel-all confirmed by " + string.Join(", ", confirmed) : "cancel-all not confirmed — check the venue")}.{(FaultLog.Path is { } p ? " Details: " + p : "")}");
        _context.Stderr.Flush();
        Environment.Exit(ExitCodes.EngineFault);
    }

    // A third Ctrl+C / SIGTERM: stop waiting for confirmations.
    private void OnForcedExit()
    {
        if (Interlocked.Exchange(ref _exiting, 1) == 1) return;
        var confirmed = Host.EmergencyCancelAllAsync(TimeSpan.FromSeconds(3)).GetAwaiter().GetResult();
        _context.Stderr.WriteLine($"bookmaker: stop forced by a third signal; {(confirmed.Count > 0 ? "cancel-all confirmed by " + string.Join(", ", confirmed) : "open orders may remain — check the venue")}");
        _context.Stderr.Flush();
        Environment.Exit(ExitCodes.Failure);
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.UnhandledException -= _unhandled;
        if (ControlPlane is not null) await ControlPlane.DisposeAsync().ConfigureAwait(false);
        if (_alerts is not null) await _alerts.DisposeAsync().ConfigureAwait(false);
        _alertHttp.Dispose();
        Signals.Dispose();
        _channel.Dispose();
        await Host.DisposeAsync().ConfigureAwait(false);
    }
}
