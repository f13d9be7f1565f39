using System.Text.Json;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>A private working directory for one process test, with helpers to read what the run left behind.</summary>
internal sealed class ProcessRun : IDisposable
{
    public ProcessRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "bookmaker-proc-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        // Test machines can run with little free disk: a low floor keeps the journal-space warning out of the output the
        // tests read (the floor itself is tested on purpose, with its own setting).
        Environment["BOOKMAKER__Journal__MinFreeBytes"] = "16777216";
    }

    public string Directory { get; }

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public string PathOf(string relative) => System.IO.Path.Combine(Directory, relative);

    /// <summary>The run summary written with <c>--summary-json</c>.</summary>
    public JsonElement Summary(string file = "s.json")
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf(file)));
        return doc.RootElement.Clone();
    }

    public BookmakerProcess Start(params string[] args) => BookmakerProcess.Start(Directory, Environment, args);

    public async Task<(int Code, BookmakerProcess Process)> RunAsync(TimeSpan timeout, params string[] args) =>
        await BookmakerProcess.RunAsync(Directory, Environment, timeout, args);

    public void Dispose()
    {
        // KEEP_BOOKMAKER_PROCESS_RUNS=1 keeps every run's directory (journal, summary) for a post-mortem.
        if (System.Environment.GetEnvironmentVariable("KEEP_BOOKMAKER_PROCESS_RUNS") == "1") return;
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
