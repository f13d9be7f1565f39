using System.CommandLine;
using System.Reflection;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker version</c>: prints the assembly informational version.</summary>
internal static class VersionCommand
{
    /// <summary>The informational version of the CLI assembly (e.g. <c>1.0.0+abc123</c>).</summary>
    public static string InformationalVersion =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionCommand).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static Command Create(CliContext context)
    {
        var command = new Command("version", "Print the version.");
        command.SetAction(_ =>
        {
            context.Stdout.WriteLine($"bookmaker {InformationalVersion} (.NET {Environment.Version})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
