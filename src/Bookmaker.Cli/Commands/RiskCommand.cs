using System.CommandLine;
using System.Globalization;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Operations;
using Bookmaker.Engine.Risk;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker risk halt|resume|reset|cancel-all|status</c>. The commands never write an engine's journal: they find
/// the running engine (<see cref="EngineLocator"/>), leave a request in its mailbox and report what the engine
/// confirmed — or say plainly that no running engine confirmed. <c>halt</c> also engages the kill switch the engine
/// itself watches (its path comes from the engine, not from the caller's working directory), so the halt holds even if
/// the engine cannot answer and survives a restart; with no engine running it engages the kill switch alone.
/// </summary>
internal static class RiskCommand
{
    public static Command Create(CliContext context)
    {
        var risk = new Command("risk", "Operate the risk gate of a running engine: halt, resume, reset, cancel-all, status.");
        risk.Subcommands.Add(Halt(context));
        risk.Subcommands.Add(Resume(context));
        risk.Subcommands.Add(Reset(context));
        risk.Subcommands.Add(CancelAll(context));
        risk.Subcommands.Add(Status(context));
        return risk;
    }

    private sealed record Common(ConfigFlags Flags, Option<string?> Journal, Option<string?> Actor, Option<string?> Wait);

    private static Common AddCommon(Command command)
    {
        var flags = new ConfigFlags();
        flags.AddTo(command);
        var journal = new Option<string?>("--journal") { Description = "Journal of the engine to act on (default: whichever of Paper:JournalPath and Live:JournalPath has a running engine).", HelpName = "path" };
        var actor = new Option<string?>("--actor") { Description = "Who is acting (default: the user name).", HelpName = "name" };
        var wait = new Option<string?>("--wait") { Description = "How long to wait for the engine to confirm (default 5s).", HelpName = "time" };
        command.Options.Add(journal);
        command.Options.Add(actor);
        command.Options.Add(wait);
        return new Common(flags, journal, actor, wait);
    }

    private static Command Halt(CliContext context)
    {
        var command = new Command("halt", "Halt trading now: the running engine HALTS and cancels everything; the kill switch it watches is engaged.");
        var common = AddCommon(command);
        var reason = new Option<string?>("--reason") { Description = "Why, for the journal." };
        command.Options.Add(reason);
        command.SetAction(parse => Run(parse, common, context, (opts, target, who, wait) =>
        {
            var now = DateTimeOffset.UtcNow;
            string killPath = KillSwitchPath(target, opts, context);
            var ks = new KillSwitchFile(killPath);
            ks.Engage(who, now, parse.GetValue(reason));
            if (target.Liveness == EngineLiveness.NotRunning)
            {
                context.Stdout.WriteLine($"no engine is running on {target.JournalPath}; kill switch {ks.Path} engaged by {who}: the next start comes up HALTED");
                return ExitCodes.Ok;
            }

            var answer = Ask(target, OperatorMailbox.Halt, who, parse.GetValue(reason), wait);
            if (answer is null) return NotConfirmed(context, target, "halt", wait, $"the kill switch {ks.Path} is engaged, so the engine halts at its next check if it is alive; a stalled engine stops its venue heartbeat, and the venue then cancels its orders");
            context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{answer.State} at {answer.EngineTime:O} (halt by {who}; engine pid {answer.Pid}, journal {target.JournalPath}): {answer.Detail}; {answer.OpenOrders} open order(s) being cancelled; kill switch {ks.Path} engaged"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Resume(CliContext context)
    {
        var command = new Command("resume", "Resume trading: removes the kill switch and asks the running engine to resume (a breach needs 'risk reset --confirm').");
        var common = AddCommon(command);
        command.SetAction(parse => Run(parse, common, context, (opts, target, who, wait) =>
        {
            var ks = new KillSwitchFile(KillSwitchPath(target, opts, context));
            var info = ks.Disengage();
            string removed = info is null ? "the kill switch was not engaged" : $"kill switch {ks.Path} removed (engaged by {info.Actor} at {info.At:O})";
            if (target.Liveness == EngineLiveness.NotRunning)
            {
                context.Stderr.WriteLine($"risk resume: no engine is running on {target.JournalPath}; {removed}; nothing was resumed — start the engine, and if it comes up HALTED run 'bookmaker risk resume' again");
                return ExitCodes.Failure;
            }

            var answer = Ask(target, OperatorMailbox.Resume, who, null, wait);
            if (answer is null) return NotConfirmed(context, target, "resume", wait, removed);
            if (!answer.Applied)
            {
                context.Stderr.WriteLine($"risk resume: the engine (pid {answer.Pid}) refused: {answer.Detail}; state {answer.State}; {removed}");
                return ExitCodes.Failure;
            }

            context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{answer.State} at {answer.EngineTime:O} (resumed by {who}; engine pid {answer.Pid}); {removed}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Reset(CliContext context)
    {
        var command = new Command("reset", "Clear a daily-loss breach on the running engine (requires --confirm). The day's loss baseline restarts.");
        var common = AddCommon(command);
        var confirm = new Option<bool>("--confirm") { Description = "Confirm the reset." };
        command.Options.Add(confirm);
        command.SetAction(parse =>
        {
            if (!parse.GetValue(confirm))
            {
                context.Stderr.WriteLine("risk reset lifts a daily-loss halt: repeat with --confirm if that is what you want");
                return ExitCodes.Usage;
            }

            return Run(parse, common, context, (_, target, who, wait) => Simple(context, target, OperatorMailbox.Reset, who, wait,
                "a breach is reset on a running engine: start it (it comes up HALTED by the breach), then run 'bookmaker risk reset --confirm'"));
        });
        return command;
    }

    private static Command CancelAll(CliContext context)
    {
        var command = new Command("cancel-all", "Cancel every open order of the running engine (the trading state is unchanged).");
        var common = AddCommon(command);
        command.SetAction(parse => Run(parse, common, context, (_, target, who, wait) => Simple(context, target, OperatorMailbox.CancelAll, who, wait,
            "nothing to cancel through it (a dead engine's venue heartbeat lapses and the venue cancels its orders)")));
        return command;
    }

    private static int Simple(CliContext context, EngineTarget target, string kind, string who, TimeSpan wait, string whenNotRunning)
    {
        if (target.Liveness == EngineLiveness.NotRunning)
        {
            context.Stderr.WriteLine($"risk {kind}: no engine is running on {target.JournalPath}; {whenNotRunning}");
            return ExitCodes.Failure;
        }

        var answer = Ask(target, kind, who, null, wait);
        if (answer is null) return NotConfirmed(context, target, kind, wait, null);
        if (!answer.Applied)
        {
            context.Stderr.WriteLine($"risk {kind}: the engine (pid {answer.Pid}) answered: {answer.Detail}; state {answer.State}");
            return ExitCodes.Failure;
        }

        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{answer.State} at {answer.EngineTime:O} ({kind} by {who}; engine pid {answer.Pid}): {answer.Detail}; {answer.OpenOrders} open order(s)"));
        return ExitCodes.Ok;
    }

    private static Command Status(CliContext context)
    {
        var command = new Command("status", "Show the engine (running or not), trading state, limits, usage and open alerts.");
        var common = AddCommon(command);
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        command.Options.Add(json);
        command.SetAction(parse => Run(parse, common, context, (opts, target, _, _) =>
        {
            RiskStatusReport status;
            try
            {
                status = RiskStatusReport.Build(opts, target, KillSwitchPath(target, opts, context), DateTimeOffset.UtcNow);
            }
            catch (Exception e) when (e is JournalPathException or JournalSchemaException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                context.Stderr.WriteLine($"risk status: cannot read the journal {target.JournalPath}: {(e is JournalPathException p ? p.Reason : e.Message.ReplaceLineEndings(" "))}");
                return ExitCodes.Usage;
            }

            context.Stdout.Write(parse.GetValue(json) ? status.ToJson() : status.ToText());
            return ExitCodes.Ok;
        }, requireSingleEngine: false));
        return command;
    }

    private static int Run(ParseResult parse, Common common, CliContext context, Func<BookmakerOptions, EngineTarget, string, TimeSpan, int> body, bool requireSingleEngine = true)
    {
        var loaded = common.Flags.LoadValid(parse, context);
        if (loaded is null) return ExitCodes.Usage;

        var wait = TimeSpan.FromSeconds(5);
        if (parse.GetValue(common.Wait) is { } waitText && (!DurationParser.TryParse(waitText, out wait) || wait <= TimeSpan.Zero || wait > TimeSpan.FromMinutes(5)))
        {
            context.Stderr.WriteLine($"usage error: --wait = '{waitText}': must be a duration between 0 and 5m, e.g. 5s");
            return ExitCodes.Usage;
        }

        string who = parse.GetValue(common.Actor) ?? Environment.UserName;
        var target = EngineLocator.Locate(parse.GetValue(common.Journal), loaded.Options!, context, DateTimeOffset.UtcNow, out string? ambiguity);
        if (ambiguity is not null && requireSingleEngine)
        {
            context.Stderr.WriteLine("risk: " + ambiguity);
            return ExitCodes.Usage;
        }

        return body(loaded.Options!, target, who, wait);
    }

    /// <summary>The kill switch the engine watches (from its status), else the configured one.</summary>
    private static string KillSwitchPath(EngineTarget target, BookmakerOptions options, CliContext context) =>
        target.KillSwitch ?? context.ResolvePath(options.Risk.KillSwitchFile);

    /// <summary>Leaves a request and waits for the engine's answer; null when none came in time (the request then expires).</summary>
    private static OperatorResponse? Ask(EngineTarget target, string kind, string who, string? reason, TimeSpan wait)
    {
        var now = DateTimeOffset.UtcNow;
        string id = now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        // The request lives no longer than the wait: an engine that did not answer in time never acts on it later.
        OperatorMailbox.WriteRequest(target.Mailbox, new OperatorRequest(id, kind, who, reason, now, now + wait));
        var deadline = now + wait;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (OperatorMailbox.TakeResponse(target.Mailbox, id) is { } answer) return answer;
            Thread.Sleep(50);
        }

        OperatorMailbox.RemoveRequest(target.Mailbox, id);
        return OperatorMailbox.TakeResponse(target.Mailbox, id);
    }

    private static int NotConfirmed(CliContext context, EngineTarget target, string kind, TimeSpan wait, string? note)
    {
        context.Stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"risk {kind}: NOT CONFIRMED — the engine on {target.JournalPath} (pid {target.HolderPid}) did not answer within {wait.TotalSeconds:0.#} s; it may be stalled{(note is null ? "" : "; " + note)}; check it now"));
        return ExitCodes.Failure;
    }
}
