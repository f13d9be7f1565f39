using System.Diagnostics;
using System.Text;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>
/// Runs a program with its stdout read as raw bytes — the line events of <see cref="System.Diagnostics.Process"/> split
/// on carriage returns and would hide them — for the tests of what a terminal and a pipe each receive.
/// </summary>
internal static class RawOutput
{
    /// <summary>Runs <paramref name="program"/> to its end (bounded) and returns its exit code and stdout text.</summary>
    public static async Task<(int Code, string Stdout)> RunAsync(string workingDirectory, TimeSpan timeout, string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        using var buffer = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(buffer);
        var err = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not exit within {timeout}");
        }

        await copy;
        await err;
        return (p.ExitCode, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The arguments of <c>script -qefc</c>: <paramref name="args"/> run under a pseudo-terminal, quoted for its shell.</summary>
    public static string[] UnderTerminal(params string[] args) =>
        ["-qefc", string.Join(' ', args.Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'")), "/dev/null"];
}
