using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// The real <c>bookmaker</c> command as a child process (the apphost built beside the tests): started in its own working
/// directory with its own environment, its output collected line by line, signals sent with kill(2). Every wait is
/// bounded; a process still running at dispose is killed.
/// </summary>
internal sealed class BookmakerProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly ConcurrentQueue<string> _out = new();
    private readonly ConcurrentQueue<string> _err = new();
    private readonly TaskCompletionSource _outClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BookmakerProcess(System.Diagnostics.Process process) => _process = process;

    /// <summary>The apphost next to the test assembly.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "bookmaker");

    public int Pid => _process.Id;

    public string Stdout => string.Join("\n", _out);

    public string Stderr => string.Join("\n", _err);

    public IReadOnlyList<string> StderrLines => [.. _err];

    public IReadOnlyList<string> StdoutLines => [.. _out];

    public static BookmakerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Tests run many engines at once: none binds the control plane's default port unless a test asks for it.
        psi.Environment["BOOKMAKER__Http__Listen"] = "off";
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) psi.Environment[k] = v;
        var p = new System.Diagnostics.Process { StartInfo = psi, EnableRaisingEvents = true };
        var bp = new BookmakerProcess(p);
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) bp._outClosed.TrySetResult();
            else bp._out.Enqueue(e.Data);
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) bp._errClosed.TrySetResult();
            else bp._err.Enqueue(e.Data);
        };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return bp;
    }

    /// <summary>Runs to completion (bounded) and returns the exit code.</summary>
    public static async Task<(int Code, BookmakerProcess Process)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, params string[] args)
    {
        var p = Start(workingDirectory, environment, args);
        int code = await p.WaitForExitAsync(timeout);
        return (code, p);
    }

    /// <summary>Waits until a stdout or stderr line matches (bounded).</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        try
        {
            await Bookmaker.Testing.ProcessPoll.UntilAsync(() => _out.Any(match) || _err.Any(match) || _process.HasExited, timeout, what);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out waiting for {what}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        if (!_out.Any(match) && !_err.Any(match))
            throw new InvalidOperationException($"bookmaker exited ({_process.ExitCode}) before {what}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    /// <summary>Waits until a condition holds (bounded), e.g. a file appears.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) => Bookmaker.Testing.ProcessPoll.UntilAsync(condition, timeout, what);

    /// <summary>Sends a POSIX signal (SIGTERM = 15, SIGINT = 2, SIGKILL = 9).</summary>
    /// <summary>Writes <paramref name="text"/> to the process's stdin and closes it (end of input).</summary>
    public void WriteStdinAndClose(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Close();
    }

    public void Signal(int signal) => Signal(_process.Id, signal);

    /// <summary>Sends a POSIX signal to any process (one this test did not start itself, e.g. under <c>script</c>).</summary>
    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Waits for exit (bounded; killed on timeout) and for the output to be read; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bookmaker did not exit within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        await Task.WhenAll(_outClosed.Task, _errClosed.Task).WaitAsync(TimeSpan.FromSeconds(10));
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
