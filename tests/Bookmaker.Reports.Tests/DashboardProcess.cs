using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bookmaker.Reports.Tests;

/// <summary>
/// A real <c>bookmaker paper --http 127.0.0.1:0</c> process in a private directory, for the dashboard's browser tests:
/// started with an operator token, its bound address read from its output, stopped with SIGTERM (killed if it hangs).
/// </summary>
public sealed class DashboardProcess : IDisposable
{
    public const string Token = "dashboard-test-token-0123456789";

    private readonly Process _process;
    private readonly List<string> _out = [];
    private readonly List<string> _err = [];

    private DashboardProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    /// <summary>The run's working directory (journal j.db, kill-switch file under data/).</summary>
    public string Directory { get; }

    public string Journal => Path.Combine(Directory, "j.db");

    /// <summary>The control plane's base address, once <see cref="StartAsync"/> returned.</summary>
    public Uri Address { get; private set; } = null!;

    public string Stderr { get { lock (_err) return string.Join("\n", _err); } }

    public static async Task<DashboardProcess> StartAsync()
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("dashboard-tests-").FullName;
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "bookmaker"))
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The market maker alone: on the default flow an arbitrage basket can be half filled at the instant a test halts,
        // and the run then rightly exits 1 for the unhedged leg it was not allowed to finish — not what these tests judge.
        foreach (string a in new[] { "paper", "--strategies", "mm", "--http", "127.0.0.1:0", "--duration", "120s", "--journal", "j.db" }) psi.ArgumentList.Add(a);
        psi.Environment["BOOKMAKER__Http__Token"] = Token;
        // As the CLI process tests: a low journal-space floor so a nearly full test disk does not refuse the journal.
        psi.Environment["BOOKMAKER__Journal__MinFreeBytes"] = "16777216";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("bookmaker did not start");
        var run = new DashboardProcess(process, directory);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (run._out) run._out.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (run._err) run._err.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string? line = null;
        await Until(() => (line = run.Line("control plane on http://127.0.0.1:")) is not null || process.HasExited, TimeSpan.FromSeconds(60), "the bound address");
        if (line is null) throw new InvalidOperationException("bookmaker exited before serving: " + run.Stderr);
        run.Address = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0] + "/");
        return run;
    }

    /// <summary>Stops the engine the way an operator does (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited) _ = Kill(_process.Id, 15);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public static Task Until(Func<bool> condition, TimeSpan timeout, string what) => Bookmaker.Testing.ProcessPoll.UntilAsync(condition, timeout, what);

    private string? Line(string contains)
    {
        lock (_out) return _out.FirstOrDefault(l => l.Contains(contains, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
