namespace Bookmaker.Cli;

/// <summary>
/// Everything a command touches outside its arguments: output streams, environment and working directory. Injected so
/// tests run the CLI in-process without mutating process state.
/// </summary>
/// <param name="Stdout">Normal output.</param>
/// <param name="Stderr">Errors and diagnostics.</param>
/// <param name="Environment">Environment variables; null reads the process environment.</param>
/// <param name="WorkingDirectory">Base of relative paths; null for the process's current directory.</param>
/// <param name="Stdin">Standard input; null reads the process's.</param>
/// <param name="Stop">
/// The host's request to stop a running session (<c>paper</c>, <c>live</c>): the same graceful stop as a first SIGINT or
/// SIGTERM — strategies stop, every order is cancelled and confirmed, the journal is flushed, the summary written.
/// </param>
public sealed record CliContext(TextWriter Stdout, TextWriter Stderr, IDictionary<string, string?>? Environment = null, string? WorkingDirectory = null, TextReader? Stdin = null,
    CancellationToken Stop = default)
{
    /// <summary>An environment variable from <see cref="Environment"/> or, when that is null, the process.</summary>
    public string? GetEnvironmentVariable(string name) =>
        Environment is null ? System.Environment.GetEnvironmentVariable(name) : Environment.TryGetValue(name, out var v) ? v : null;

    /// <summary>Resolves a path against <see cref="WorkingDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory ?? Directory.GetCurrentDirectory(), path));
}
