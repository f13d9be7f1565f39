using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The kernel's periodic work, on its own timer (<see cref="TradingEngine.TimerHousekeeping"/>), in this order: the
/// core-fault drill, the gate's clock (day roll, end of a loss cool-down), the kill-switch file poll, the end of 403
/// blocks, the operational watches, and the P&amp;L snapshot once a minute of engine time.
/// </summary>
/// <remarks>
/// The kill switch is a file <em>poll</em> on the loop thread, not a watcher: reading its state here keeps every state
/// change on the loop, and the housekeeping interval (250 ms by default) bounds how late a halt by file can be.
/// </remarks>
internal sealed class Housekeeping(
    EventLoop loop,
    RiskGate gate,
    PortfolioBook portfolio,
    KillSwitchFile? killSwitch,
    VenueIncidents incidents,
    OperationalWatch watch,
    EngineNotes notes)
{
    private long _lastPnlSnapshotTicks;

    /// <summary>Fire drill (<c>core-throw@N</c>): the engine core throws at the first housekeeping after N events; 0 = off.</summary>
    public long CoreFaultDrillAt { get; set; }

    /// <summary>One round of housekeeping (on the loop).</summary>
    public void Run()
    {
        if (CoreFaultDrillAt > 0 && loop.ProcessedCount >= CoreFaultDrillAt)
        {
            CoreFaultDrillAt = 0;
            throw new InvalidOperationException("drill: a fault in the engine core (core-throw)");
        }

        gate.Tick();
        if (killSwitch is not null) gate.SetKillSwitch(killSwitch.IsEngaged);
        incidents.ClearEndedBlocks();
        watch.Tick();
        long now = loop.Time.GetUtcNow().UtcTicks;
        if (now - _lastPnlSnapshotTicks >= TimeSpan.TicksPerMinute) WritePnlSnapshot();
    }

    /// <summary>
    /// Journals the account's P&amp;L and trading state now (every minute of engine time, and once more when a run ends,
    /// so a restart continues the day from the last figure, not from up to a minute before it). Call on the loop, or
    /// after it stopped.
    /// </summary>
    public void WritePnlSnapshot()
    {
        long now = loop.Time.GetUtcNow().UtcTicks;
        _lastPnlSnapshotTicks = now;
        var p = portfolio;
        var payload = notes.Payload;
        var w = payload.Begin();
        w.WriteString("cash", p.Cash.ToString());
        w.WriteString("realized", p.RealizedPnl.ToString());
        w.WriteString("unrealized", p.UnrealizedPnl.ToString());
        w.WriteString("fees", p.FeesPaid.ToString());
        w.WriteString("rebates", p.RebatesEarned.ToString());
        // Only an account that has been funded has the line: runs without perpetuals keep their journal's bytes.
        if (p.Funding.Count > 0) w.WriteString("funding", p.FundingPnl.ToString());
        w.WriteString("equity", p.Equity.ToString());
        w.WriteString("daily", gate.DailyPnl.ToString());
        w.WriteString("state", gate.State.ToString().ToUpperInvariant());
        notes.Journal.Append(new JournalEntry(now, JournalKind.PnlSnapshot, 0, null, payload.End()));
    }
}
