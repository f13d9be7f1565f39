namespace Bookmaker.Cli;

/// <summary>
/// Everything a command touches outside its arguments: output streams, environment and working directory. Injected so
/// tests run the CLI in-process without mutating process state.
/// </summary>
/// <param name="Stdout">Normal output.</param>
/// <param name="Stderr">Errors and diagnostics.</param>
/// <param name="Environment">Environment variables; null reads the process environment.</param>
/// <param name="WorkingDirectory">Base of relative paths; null for the process's current directory.</param>
public sealed record CliContext(TextWriter Stdout, TextWriter Stderr, IDictionary<string, string?>? Environment = null, string? WorkingDirectory = null);
