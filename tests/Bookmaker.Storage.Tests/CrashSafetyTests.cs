using System.Diagnostics;
using System.Globalization;
using Bookmaker.Storage.CrashHost;
using Bookmaker.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Tests;

/// <summary>
/// Kills a real child process (SIGKILL through <see cref="Process.Kill(bool)"/>) while it streams entries into the
/// journal, then checks that every flush it acknowledged is on disk and the file opens cleanly.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Killed_writer_keeps_every_acknowledged_entry_with_contiguous_sequences()
    {
        string path = _dir.File();

        long firstRun = await RunAndKill(path, killAfterFlushes: 15, expectedStart: 0);
        long stored = VerifyContiguous(path, atLeast: firstRun);

        // The second run opens the crashed file, continues the sequence and is killed again.
        long secondRun = await RunAndKill(path, killAfterFlushes: 10, expectedStart: stored);
        long storedAfterSecond = VerifyContiguous(path, atLeast: secondRun);
        Assert.True(storedAfterSecond > stored);

        await using var journal = SqliteJournal.Open(path);
        Assert.Equal(storedAfterSecond + 1, journal.Append(CrashEntries.For(storedAfterSecond + 1)));
    }

    /// <summary>Starts the host, waits for <paramref name="killAfterFlushes"/> acknowledged flushes, kills it, and
    /// returns the last acknowledged sequence.</summary>
    private static async Task<long> RunAndKill(string path, int killAfterFlushes, long expectedStart)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bookmaker.Storage.CrashHost.dll"));
        info.ArgumentList.Add(path);
        info.ArgumentList.Add("1000");       // entries per flush
        info.ArgumentList.Add("5000000");    // hard stop, in case the kill never comes

        using var process = Process.Start(info)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? first = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.Equal($"opened {expectedStart}", first);
            long acknowledged = expectedStart;
            for (int i = 0; i < killAfterFlushes; i++)
            {
                string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null || !line.StartsWith("flushed ", StringComparison.Ordinal))
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"unexpected host output '{line}'; stderr: {await process.StandardError.ReadToEndAsync(timeout.Token)}");
                }

                acknowledged = long.Parse(line.AsSpan(8), CultureInfo.InvariantCulture);
            }

            // The host keeps appending the next block while we kill it: the kill lands mid-stream.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(timeout.Token);
            Assert.NotEqual(0, process.ExitCode);
            return acknowledged;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static long VerifyContiguous(string path, long atLeast)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        using var reader = JournalReader.Open(path);
        long expected = 1;
        foreach (var record in reader.ReadAll())
        {
            Assert.Equal(expected, record.Sequence);
            Assert.Equal(CrashEntries.For(expected), record.Entry);
            expected++;
        }

        long stored = expected - 1;
        Assert.True(stored >= atLeast, $"only {stored} entries stored but {atLeast} were acknowledged");
        return stored;
    }

    private static string DotnetHost()
    {
        // Set by the SDK for test runs; otherwise the muxer on PATH.
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}
