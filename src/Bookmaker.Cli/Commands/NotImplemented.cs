using System.CommandLine;

namespace Bookmaker.Cli.Commands;

/// <summary>The answer of a command whose feature has not landed yet.</summary>
internal static class NotImplemented
{
    /// <summary>Prints <c>not implemented yet: arrives with &lt;feature&gt;</c> and returns exit code 1.</summary>
    public static int Report(CliContext context, string feature)
    {
        context.Stderr.WriteLine("not implemented yet: arrives with " + feature);
        return ExitCodes.Failure;
    }

    /// <summary>A command (with the configuration flags) whose action reports that <paramref name="feature"/> is pending.</summary>
    public static Command Stub(CliContext context, string name, string description, string feature, bool withConfigFlags = true)
    {
        var command = new Command(name, description);
        if (withConfigFlags) new ConfigFlags().AddTo(command);
        command.SetAction(_ => Report(context, feature));
        return command;
    }
}
