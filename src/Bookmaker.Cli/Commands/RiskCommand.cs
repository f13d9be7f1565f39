using System.CommandLine;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker risk halt|resume|reset|status</c>: operate the risk gate and kill switch.</summary>
internal static class RiskCommand
{
    private const string Feature = "the risk gate and kill switch";

    public static Command Create(CliContext context)
    {
        var risk = new Command("risk", "Operate the risk gate: halt, resume, reset, status.");
        var halt = NotImplemented.Stub(context, "halt", "Halt trading now (creates the kill-switch file).", Feature);
        halt.Options.Add(new Option<string>("--reason") { Description = "Why, for the journal." });
        risk.Subcommands.Add(halt);
        risk.Subcommands.Add(NotImplemented.Stub(context, "resume", "Resume trading (removes the kill-switch file).", Feature));
        var reset = NotImplemented.Stub(context, "reset", "Reset daily counters and loss streaks (requires --confirm).", Feature);
        reset.Options.Add(new Option<bool>("--confirm") { Description = "Confirm the reset." });
        risk.Subcommands.Add(reset);
        risk.Subcommands.Add(NotImplemented.Stub(context, "status", "Show the trading state and limit usage.", Feature));
        return risk;
    }
}
