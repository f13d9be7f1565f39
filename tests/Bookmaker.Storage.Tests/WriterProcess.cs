using System.Diagnostics;
using System.Globalization;

namespace Bookmaker.Storage.Tests;

/// <summary>
/// A second, real process holding a journal as its writer (<c>Bookmaker.Storage.CrashHost hold</c>): the lock tests'
/// other engine. Disposing closes its standard input (a clean stop); <see cref="KillAsync"/> is <c>kill -9</c>.
/// </summary>
internal sealed class WriterProcess : IDisposable
{
    private readonly Process _process;

    private WriterProcess(Process process, int pid)
    {
        _process = process;
        Pid = pid;
    }

    public int Pid { get; }

    public static async Task<WriterProcess> StartAsync(string journalPath, string mode, params string[] properties)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bookmaker.Storage.CrashHost.dll"));
        info.ArgumentList.Add("hold");
        info.ArgumentList.Add(journalPath);
        info.ArgumentList.Add(mode);
        foreach (string p in properties) info.ArgumentList.Add(p);
        var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("holding ", StringComparison.Ordinal))
        {
            string error = await process.StandardError.ReadToEndAsync(timeout.Token);
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"writer process did not start: '{line}' {error}");
        }

        return new WriterProcess(process, int.Parse(line.AsSpan(8), CultureInfo.InvariantCulture));
    }

    /// <summary>SIGKILL: no clean-up runs, the holder file stays behind, the kernel drops the lock.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}
