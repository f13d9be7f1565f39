using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bookmaker.Cli.Sweep;

/// <summary>
/// One sweep run as its own <c>bookmaker backtest</c> process: the same command a user types, so the run takes the
/// same code path, and nothing is shared with the other runs — no static state, no heap, no signal handler, no
/// fail-closed exit — and a run that crashes or exits 3 takes no other run with it. Its output goes to
/// <c>backtest.log</c> in its directory. <see cref="Interrupt"/> sends SIGINT: the child stops gracefully, as on Ctrl+C.
/// </summary>
internal sealed class ChildBacktest : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildBacktest(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>Starts <c>bookmaker</c> with <paramref name="args"/>; stdout and stderr go to <paramref name="logPath"/>.</summary>
    public static ChildBacktest Start(IReadOnlyList<string> args, string workingDirectory, IDictionary<string, string?>? environment, string logPath)
    {
        var (file, prefix) = Executable();
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in prefix.Concat(args)) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) psi.Environment[k] = v;
        var process = new Process { StartInfo = psi };
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var gate = new object();
        void Write(string? line)
        {
            if (line is null) return;
            lock (gate)
            {
                try
                {
                    log.WriteLine(line);
                }
                catch (ObjectDisposedException)
                {
                    // a line that arrives after a forced stop has nowhere to go
                }
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildBacktest(process, log);
    }

    /// <summary>Process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Waits for the exit (output drained) and returns its code.</summary>
    public async Task<int> WaitAsync(CancellationToken cancellation)
    {
        await _process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Asks the child for its graceful stop (SIGINT), as Ctrl+C on a terminal does.</summary>
    public void Interrupt()
    {
        if (!_process.HasExited) _ = Kill(_process.Id, 2);
    }

    /// <summary>Ends the child at once (after it ignored <see cref="Interrupt"/> too long).</summary>
    public void ForceStop()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        ForceStop();
        _process.Dispose();
        _log.Dispose();
    }

    // The apphost beside this assembly (a published or built bookmaker), else `dotnet bookmaker.dll`.
    private static (string File, string[] Prefix) Executable()
    {
        string apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "bookmaker.exe" : "bookmaker");
        if (File.Exists(apphost)) return (apphost, []);
        return ("dotnet", [typeof(BookmakerCli).Assembly.Location]);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
