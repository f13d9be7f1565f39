using System.CommandLine;
using System.Globalization;
using Bookmaker.Cli.Reports;
using Bookmaker.Engine.Configuration;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker report sla --journal j.db [--day D] [--json]</c>: the order round-trip SLA per day.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var report = new Command("report", "Reports read from a journal.");
        report.Subcommands.Add(Sla(context));
        return report;
    }

    private static Command Sla(CliContext context)
    {
        var command = new Command("sla", "Share of time within the order round-trip SLA (p95 per minute at most Alerts:RoundTripP95Limit) per UTC day.");
        var flags = new ConfigFlags();
        flags.AddTo(command);
        var journal = new Option<string>("--journal") { Description = "The journal to read.", HelpName = "path", Required = true };
        var day = new Option<string?>("--day") { Description = "Only this UTC day (yyyy-MM-dd).", HelpName = "date" };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        command.Options.Add(journal);
        command.Options.Add(day);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var loaded = flags.LoadValid(parse, context);
            if (loaded is null) return ExitCodes.Usage;
            DateOnly? only = null;
            if (parse.GetValue(day) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    context.Stderr.WriteLine($"usage error: --day = '{text}': must be a date yyyy-MM-dd");
                    return ExitCodes.Usage;
                }

                only = d;
            }

            string path = context.ResolvePath(parse.GetValue(journal)!);
            var alerts = loaded.Options!.Alerts;
            IReadOnlyList<SlaDay> days;
            try
            {
                days = SlaReport.Build(path, only, alerts.RoundTripP95Limit, alerts.RoundTripSlaFor);
            }
            catch (Exception e) when (e is FileNotFoundException or JournalSchemaException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                context.Stderr.WriteLine($"report sla: cannot read the journal {path}: {e.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.Usage;
            }

            context.Stdout.Write(parse.GetValue(json) ? SlaReport.ToJson(days, alerts.RoundTripP95Limit) : SlaReport.ToText(days, alerts.RoundTripP95Limit));
            return ExitCodes.Ok;
        });
        return command;
    }
}
