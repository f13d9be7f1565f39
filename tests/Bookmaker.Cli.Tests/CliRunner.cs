using Bookmaker.Cli;

namespace Bookmaker.Cli.Tests;

/// <summary>Runs the CLI in-process in a private temporary working directory with an injected environment.</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Directory = Path.Combine(Path.GetTempPath(), "bookmaker-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Environment[Engine.Configuration.ConfigRequest.ProfilesDirVariable] = Path.Combine(Directory, "profiles");
        // Test machines can run with little free disk: a low journal-space floor keeps its warning out of the output the
        // tests read (the floor itself is tested on purpose, with its own setting).
        Environment["BOOKMAKER__Journal__MinFreeBytes"] = "16777216";
        // Tests run many engines at once: none binds the control plane's default port unless a test asks for it.
        Environment["BOOKMAKER__Http__Listen"] = "off";
    }

    public string Directory { get; }

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public string Write(string relative, string content)
    {
        string full = Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = BookmakerCli.Run(args, new CliContext(stdout, stderr, Environment, Directory));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Runs on a pool thread, writing to <paramref name="stdout"/> as it goes, so a test can react to the output while
    /// the command runs; <paramref name="stop"/> asks a session for its graceful stop (as SIGINT does).
    /// </summary>
    public Task<CliResult> RunAsync(ObservedOutput stdout, CancellationToken stop, params string[] args) => Task.Run(() =>
    {
        using var stderr = new StringWriter();
        int code = BookmakerCli.Run(args, new CliContext(stdout, stderr, Environment, Directory, Stop: stop));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    });

    /// <summary>
    /// A short <c>paper</c> run in this directory — max speed, 3 minutes, 3 markets, seed 7, unless
    /// <paramref name="extra"/> (flag, value pairs) says otherwise — with its journal and summary named
    /// <paramref name="name"/>; returns the result and the summary JSON.
    /// </summary>
    public (CliResult Result, System.Text.Json.JsonElement Summary) PaperWithSummary(string name, params string[] extra)
    {
        string summary = Path.Combine(Directory, name + ".json");
        var defaults = new Dictionary<string, string> { ["--speed"] = "max", ["--duration"] = "3m", ["--markets"] = "3", ["--seed"] = "7" };
        for (int i = 0; i + 1 < extra.Length; i += 2) defaults[extra[i]] = extra[i + 1];
        var args = new List<string> { "paper", "--journal", Path.Combine(Directory, name + ".db"), "--summary-json", summary };
        foreach (var (k, v) in defaults) args.AddRange([k, v]);
        var r = Run(args.ToArray());
        if (!File.Exists(summary)) throw new InvalidOperationException($"paper wrote no summary (exit {r.ExitCode}): {r.Stderr}");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(summary));
        return (r, doc.RootElement.Clone());
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The <c>config show</c> row for <paramref name="key"/> split into key, value, source.</summary>
    public (string Value, string Source) Row(string key)
    {
        string line = Stdout.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith(key + " ", StringComparison.Ordinal));
        var cells = System.Text.RegularExpressions.Regex.Split(line, " {2,}");
        return cells.Length == 3 ? (cells[1], cells[2]) : (string.Empty, cells[1]);
    }
}
