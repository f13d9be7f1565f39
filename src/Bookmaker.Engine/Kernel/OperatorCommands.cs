using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// What the kernel's lifecycle offers the command handler: the steps that belong to the engine as a whole (start,
/// shutdown, fail closed), not to one part.
/// </summary>
internal interface IEngineLifecycle
{
    /// <summary>Why the engine failed closed, or null.</summary>
    EngineFault? Fault { get; }

    /// <summary>The venues have started: the start-up reconciliation wait begins, then the order manager's start.</summary>
    void OnVenuesStarted();

    /// <summary>Stops strategies and cancels everything.</summary>
    void BeginShutdown(string actor);

    /// <summary>Fails closed.</summary>
    void FailClosed(EngineFault fault);
}

/// <summary>
/// Operator and internal commands, in one sequence: an operator's action is journaled first, then applied (halt,
/// resume, breach reset, cancel-all, shutdown, venues started, fail closed, alert), then the caller is answered with
/// the state after it. The rules of a resume live here: refused while the kill-switch file is present or after a
/// fault, and never a lift of a daily-loss breach.
/// </summary>
/// <remarks>Runs on the loop only.</remarks>
internal sealed class OperatorCommands(
    OrderManager orders,
    AlertCenter alerts,
    KillSwitchFile? killSwitch,
    EngineNotes notes,
    TimeProvider time,
    IEngineLifecycle engine)
{
    private RiskGate Gate => orders.Gate;

    /// <summary>Journals (an operator's action), applies and answers one command.</summary>
    public void Apply(OperatorCommand command)
    {
        if (command.Kind == OperatorCommandKind.AcknowledgeAlert)
            notes.Append(JournalKind.OperatorCommand, command.Kind.ToString(), ("actor", command.Actor), ("reason", command.Text ?? ""),
                ("alert", command.AlertCode ?? ""), ("key", command.AlertKey));
        else if (command.IsOperatorAction)
            notes.Append(JournalKind.OperatorCommand, command.Kind.ToString(), ("actor", command.Actor), ("reason", command.Text ?? ""));

        bool applied = true;
        string detail = "";
        switch (command.Kind)
        {
            case OperatorCommandKind.Halt:
                Gate.SetManualState(TradingState.Halted, $"operator:{command.Actor}");
                detail = "halted; cancelling every open order";
                break;
            case OperatorCommandKind.Resume:
                (applied, detail) = Resume(command.Actor);
                break;
            case OperatorCommandKind.ResetBreach:
                applied = Gate.ResetBreach();
                detail = applied ? "breach reset; the day's loss baseline restarts now" : "no daily-loss breach to reset";
                break;
            case OperatorCommandKind.CancelAll:
                orders.Freeze($"operator:{command.Actor}");
                detail = "cancelling every open order";
                break;
            case OperatorCommandKind.Shutdown:
                engine.BeginShutdown(command.Actor);
                break;
            case OperatorCommandKind.Started:
                engine.OnVenuesStarted();
                break;
            case OperatorCommandKind.FailClosed:
                engine.FailClosed(command.Fault ?? new EngineFault(EngineFaultKind.Code, command.Text ?? "fault reported by " + command.Actor));
                break;
            case OperatorCommandKind.AcknowledgeAlert:
                applied = alerts.Acknowledge(command.AlertCode ?? "", command.AlertKey, command.Actor);
                detail = applied ? "acknowledged; it stays active until its cause clears" : "no such active alert";
                break;
            case OperatorCommandKind.Alert when command.AlertCode is { Length: > 0 } code:
                if (command.AlertSeverity == AlertSeverity.Info) alerts.Clear(code, command.AlertKey);
                else alerts.Raise(code, command.AlertSeverity, command.Text ?? code, command.AlertKey);
                break;
        }

        command.Completed?.Invoke(new OperatorCommandResult(applied, Gate.State.ToString().ToUpperInvariant(), orders.LiveCount, time.GetUtcNow().UtcTicks, detail));
    }

    private (bool Applied, string Detail) Resume(string actor)
    {
        if (killSwitch is { IsEngaged: true })
        {
            alerts.Raise("resume_refused", AlertSeverity.Warning, "resume refused: the kill-switch file is still present");
            return (false, $"refused: the kill-switch file {killSwitch.Path} is still present");
        }

        if (engine.Fault is { } fault) return (false, "refused: the engine failed closed (" + fault.Message + ") and is stopping");
        Gate.SetKillSwitch(false);
        Gate.SetManualState(TradingState.Active, $"operator:{actor}");
        if (Gate.State != TradingState.Active)
            return (false, Gate.IsBreached ? "still HALTED: a daily-loss breach needs 'bookmaker risk reset --confirm'" : "still " + Gate.State.ToString().ToUpperInvariant());
        return (true, "");
    }
}
