using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker risk halt|resume|reset|status</c>. Halt creates the kill-switch file (a running engine HALTS within its
/// housekeeping interval and cancels everything); resume removes it and leaves an explicit resume request the engine
/// consumes; reset --confirm leaves a breach-reset request. Each action is journaled with who and when. Status reads
/// the journal.
/// </summary>
internal static class RiskCommand
{
    public static Command Create(CliContext context)
    {
        var risk = new Command("risk", "Operate the risk gate: halt, resume, reset, status.");
        risk.Subcommands.Add(Halt(context));
        risk.Subcommands.Add(Resume(context));
        risk.Subcommands.Add(Reset(context));
        risk.Subcommands.Add(Status(context));
        return risk;
    }

    private static (ConfigFlags Flags, Option<string?> Journal, Option<string?> Actor) Common(Command command)
    {
        var flags = new ConfigFlags();
        flags.AddTo(command);
        var journal = new Option<string?>("--journal") { Description = "Journal file (default: Paper:JournalPath).", HelpName = "path" };
        var actor = new Option<string?>("--actor") { Description = "Who is acting (default: the user name).", HelpName = "name" };
        command.Options.Add(journal);
        command.Options.Add(actor);
        return (flags, journal, actor);
    }

    private static Command Halt(CliContext context)
    {
        var command = new Command("halt", "Halt trading now: creates the kill-switch file; a running engine cancels everything.");
        var (flags, journal, actor) = Common(command);
        var reason = new Option<string?>("--reason") { Description = "Why, for the journal." };
        command.Options.Add(reason);
        command.SetAction(parse => Run(parse, flags, journal, actor, context, (opts, who, now, jpath) =>
        {
            var ks = new KillSwitchFile(Resolve(context, opts.Risk.KillSwitchFile));
            ks.Engage(who, now, parse.GetValue(reason));
            JournalAction(jpath, now, "Halt", who, parse.GetValue(reason));
            context.Stdout.WriteLine($"HALTED: kill switch {ks.Path} created by {who} at {now:O}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Resume(CliContext context)
    {
        var command = new Command("resume", "Resume trading: removes the kill-switch file and asks a running engine to resume.");
        var (flags, journal, actor) = Common(command);
        command.SetAction(parse => Run(parse, flags, journal, actor, context, (opts, who, now, jpath) =>
        {
            string path = Resolve(context, opts.Risk.KillSwitchFile);
            var info = new KillSwitchFile(path).Disengage();
            OperatorRequests.Write(path, new OperatorRequest(OperatorRequests.Resume, who, now, null));
            JournalAction(jpath, now, "Resume", who, info is null ? "kill switch was not engaged" : $"kill switch engaged by {info.Actor} at {info.At:O}");
            context.Stdout.WriteLine(info is null
                ? $"resume requested by {who} (the kill switch was not engaged)"
                : $"kill switch removed (engaged by {info.Actor} at {info.At:O}); resume requested by {who}");
            context.Stdout.WriteLine("note: a daily-loss breach stays HALTED until 'bookmaker risk reset --confirm'");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Reset(CliContext context)
    {
        var command = new Command("reset", "Clear a daily-loss breach (requires --confirm). The day's loss baseline restarts.");
        var (flags, journal, actor) = Common(command);
        var confirm = new Option<bool>("--confirm") { Description = "Confirm the reset." };
        command.Options.Add(confirm);
        command.SetAction(parse =>
        {
            if (!parse.GetValue(confirm))
            {
                context.Stderr.WriteLine("risk reset lifts a daily-loss halt: repeat with --confirm if that is what you want");
                return ExitCodes.Usage;
            }

            return Run(parse, flags, journal, actor, context, (opts, who, now, jpath) =>
            {
                OperatorRequests.Write(Resolve(context, opts.Risk.KillSwitchFile), new OperatorRequest(OperatorRequests.Reset, who, now, null));
                JournalAction(jpath, now, "ResetBreach", who, null);
                context.Stdout.WriteLine($"breach reset requested by {who}; a running engine applies it within a second");
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command Status(CliContext context)
    {
        var command = new Command("status", "Show the trading state, limits, usage and open alerts from a journal.");
        var (flags, journal, actor) = Common(command);
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        command.Options.Add(json);
        command.SetAction(parse => Run(parse, flags, journal, actor, context, (opts, _, _, jpath) =>
        {
            var status = RiskStatusReport.Build(opts, jpath, Resolve(context, opts.Risk.KillSwitchFile));
            context.Stdout.Write(parse.GetValue(json) ? status.ToJson() : status.ToText());
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static int Run(ParseResult parse, ConfigFlags flags, Option<string?> journal, Option<string?> actor, CliContext context,
        Func<BookmakerOptions, string, DateTimeOffset, string, int> body)
    {
        var loaded = flags.Load(parse, context);
        if (loaded is null) return ExitCodes.Usage;
        if (!loaded.Succeeded)
        {
            ConfigFlags.Report(loaded.Errors, context);
            return ExitCodes.Usage;
        }

        string who = parse.GetValue(actor) ?? Environment.UserName;
        string jpath = Resolve(context, parse.GetValue(journal) ?? loaded.Options!.Paper.JournalPath);
        return body(loaded.Options!, who, DateTimeOffset.UtcNow, jpath);
    }

    internal static string Resolve(CliContext context, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(context.WorkingDirectory ?? Directory.GetCurrentDirectory(), path));

    private static void JournalAction(string journalPath, DateTimeOffset at, string kind, string actor, string? text)
    {
        string? dir = Path.GetDirectoryName(journalPath);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var journal = SqliteJournal.Open(journalPath);
        try
        {
            string payload = JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = kind, ["actor"] = actor, ["note"] = text ?? "", ["source"] = "cli" });
            journal.Append(new JournalEntry(at.UtcTicks, JournalKind.OperatorCommand, 0, null, payload));
            journal.FlushAsync().GetAwaiter().GetResult();
        }
        finally
        {
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
