using Bookmaker.Storage.Journal;
using Bookmaker.Storage.Tests;

namespace Bookmaker.Cli.Tests.Process;

/// <summary>The journal's guards through the real process: one writer, and a volume that fills.</summary>
public sealed class JournalProcessTests : IDisposable
{
    private readonly ProcessRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task A_second_engine_on_the_same_journal_is_refused_with_exit_2_naming_the_holder()
    {
        using var first = _run.Start("paper", "--duration", "120s", "--journal", "j.db", "--summary-json", "s.json");
        await first.WaitForLineAsync(l => l.Contains("state=ACTIVE", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the first engine running");

        var (code, second) = await _run.RunAsync(TimeSpan.FromSeconds(60), "paper", "--speed", "max", "--duration", "1m", "--journal", "j.db");
        using var _ = second;

        Assert.Equal(2, code);
        string line = Assert.Single(second.StderrLines);
        Assert.Contains("Paper:JournalPath", line, StringComparison.Ordinal);
        Assert.Contains(first.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.False(first.HasExited, "the first engine is untouched");
        first.Signal(BookmakerProcess.SigTerm);
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [TmpfsFact]
    public async Task A_journal_volume_that_fills_up_fails_closed_before_sqlite_does()
    {
        using var volume = new Tmpfs(12 * 1024 * 1024);

        var (code, p) = await _run.RunAsync(TimeSpan.FromSeconds(120), "paper", "--scenario", "stress", "--speed", "max", "--duration", "24h", "--markets", "10",
            "--journal", volume.File("j.db"), "--summary-json", "s.json", "--set", "Journal:MinFreeBytes=4194304");
        using var _ = p;

        Assert.True(code == 3, p.Stdout + p.Stderr);
        string line = Assert.Single(p.StderrLines, l => l.StartsWith("bookmaker:", StringComparison.Ordinal));
        Assert.Contains("journal volume", line, StringComparison.Ordinal);
        Assert.Contains("every order cancelled and confirmed", line, StringComparison.Ordinal);
        var s = _run.Summary();
        Assert.Equal("engine_fault:disk", s.GetProperty("exit_reason").GetString());
        Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
    }

    [FreeDiskFact]
    public async Task Free_space_falling_below_the_floor_mid_run_fails_closed()
    {
        long free = JournalSpace.FreeBytes(_run.Directory);
        long floor = free - 64L * 1024 * 1024;
        using var p = _run.Start("paper", "--duration", "120s", "--journal", "j.db", "--summary-json", "s.json",
            "--set", "Journal:MinFreeBytes=" + floor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await p.WaitForLineAsync(l => l.Contains("state=ACTIVE", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the engine running");

        await using (var filler = File.Create(_run.PathOf("filler.bin")))
        {
            var block = new byte[1024 * 1024];
            for (int i = 0; i < 128; i++) await filler.WriteAsync(block);
        }

        int code = await p.WaitForExitAsync(TimeSpan.FromSeconds(60));
        File.Delete(_run.PathOf("filler.bin"));
        Assert.True(code == 3, p.Stdout + p.Stderr);
        Assert.Contains("journal volume", p.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, _run.Summary().GetProperty("open_orders_at_exit").GetInt32());
    }
}

/// <summary>A fact that writes a 128 MiB file next to the journal: skipped, with the reason, on a machine short of disk.</summary>
internal sealed class FreeDiskFactAttribute : FactAttribute
{
    public FreeDiskFactAttribute()
    {
        long free = JournalSpace.FreeBytes(Path.GetTempPath());
        if (free < 512L * 1024 * 1024) Skip = $"needs 512 MiB free in {Path.GetTempPath()}, has {free / 1048576} MiB";
    }
}
