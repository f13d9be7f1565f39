namespace Bookmaker.Engine.Configuration;

/// <summary>
/// How the engine guards itself (section <c>Engine</c>): the liveness watchdog, the clock-jump check and where fault
/// details are written. These settings decide when the engine fails closed — halts, cancels everything and exits
/// non-zero — because its own code, clock or loop failed.
/// </summary>
public sealed record EngineOptions
{
    /// <summary>
    /// No progress of the event loop for this long (one handler running that long, or the loop gone) is a stall: CRITICAL,
    /// venue heartbeats stop, cancel-all goes straight through the adapters, the process exits non-zero.
    /// </summary>
    public required TimeSpan StallTimeout { get; init; }

    /// <summary>
    /// A jump of the system clock larger than this (against the monotonic clock) fails the engine closed in real-time
    /// modes: timers, day rolls and request signatures all depend on it.
    /// </summary>
    public required TimeSpan MaxClockJump { get; init; }

    /// <summary>
    /// At start a venue is not live for strategies until its first complete account snapshot has been applied; past
    /// this without one the engine raises the CRITICAL <c>startup_reconcile_timeout</c>, keeps asking and stays not-live.
    /// </summary>
    public TimeSpan StartupReconcileTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Directory of the fault log (stack traces never go to the operator's screen); empty = beside the journal.</summary>
    public required string? LogDirectory { get; init; }

    /// <summary>
    /// A fire drill injected into the run (<c>--drill</c>), e.g. <c>strategy-throw@500</c>; empty for none. See
    /// <c>docs/fail-closed.md</c>.
    /// </summary>
    public required string Drill { get; init; }

    /// <summary>The parsed drill (validated at load).</summary>
    public Faults.DrillSpec DrillSpec => Faults.DrillSpec.TryParse(Drill, out var spec, out _) ? spec : Faults.DrillSpec.None;

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("Engine:StallTimeout", "5s", "duration between 100ms and 10m", "Event loop without progress this long ⇒ stalled: CRITICAL, heartbeats stop, cancel-all, exit 4."),
        new("Engine:MaxClockJump", "2s", "duration between 100ms and 1h", "A system-clock jump larger than this (real-time modes) fails the engine closed (exit 3)."),
        new("Engine:StartupReconcileTimeout", "10s", "duration between 1s and 10m", "No quoting on a venue until its first complete account snapshot is applied; none within this ⇒ CRITICAL startup_reconcile_timeout, retried, still not quoting."),
        new("Engine:LogDirectory", null, "directory path, optional (default: beside the journal)", "Where the fault log with stack traces is written."),
        new("Engine:Drill", "", "drill spec, e.g. strategy-throw@500 or clock-jump@10s=-90s (see docs/fail-closed.md)", "Inject an internal fault to rehearse the fail-closed path."),
    ];

    internal static EngineOptions Bind(ConfigReader r)
    {
        var o = new EngineOptions
        {
            StallTimeout = r.Duration("Engine:StallTimeout"),
            MaxClockJump = r.Duration("Engine:MaxClockJump"),
            StartupReconcileTimeout = r.Duration("Engine:StartupReconcileTimeout"),
            LogDirectory = r.OptionalString("Engine:LogDirectory"),
            Drill = r.OptionalString("Engine:Drill") ?? string.Empty,
        };
        r.Require("Engine:StallTimeout", o.StallTimeout >= TimeSpan.FromMilliseconds(100) && o.StallTimeout <= TimeSpan.FromMinutes(10), "must be between 100ms and 10m");
        r.Require("Engine:MaxClockJump", o.MaxClockJump >= TimeSpan.FromMilliseconds(100) && o.MaxClockJump <= TimeSpan.FromHours(1), "must be between 100ms and 1h");
        r.Require("Engine:StartupReconcileTimeout", o.StartupReconcileTimeout >= TimeSpan.FromSeconds(1) && o.StartupReconcileTimeout <= TimeSpan.FromMinutes(10), "must be between 1s and 10m");
        if (!Faults.DrillSpec.TryParse(o.Drill, out _, out string? drillError)) r.Report("Engine:Drill", "must be a drill spec: " + drillError);
        return o;
    }
}
