using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests;

/// <summary>
/// An unusable journal path stops <c>paper</c> before anything runs: exit 2 and one line in the configuration-error
/// form, no stack trace.
/// </summary>
public sealed class JournalPathTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private CliResult Paper(string journal) => _cli.Run("paper", "--journal", journal, "--speed", "max", "--duration", "1m", "--markets", "2");

    private static void AssertOneLineRefusal(CliResult r, string expected)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(expected, r.Stderr.TrimEnd('\n', '\r'));
        Assert.DoesNotContain("   at ", r.Stdout + r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_refuses_a_journal_path_that_is_a_directory()
    {
        string folder = Path.Combine(_cli.Directory, "data");
        Directory.CreateDirectory(folder);

        var r = Paper(folder);

        AssertOneLineRefusal(r, $"config error: Paper:JournalPath = '{folder}' (from cli:--journal): not a usable journal: it is a directory, not a file");
    }

    [Fact]
    public void Paper_refuses_dev_null()
    {
        if (!OperatingSystem.IsLinux()) return; // /dev/null is told from a file by statx, on Linux

        var r = Paper("/dev/null");

        AssertOneLineRefusal(r, "config error: Paper:JournalPath = '/dev/null' (from cli:--journal): not a usable journal: it is a device, not a regular file");
    }

    [Fact]
    public void Paper_refuses_a_text_file_and_leaves_it_untouched()
    {
        string notes = _cli.Write("notes.txt", "not a journal\n");

        var r = Paper(notes);

        AssertOneLineRefusal(r, $"config error: Paper:JournalPath = '{notes}' (from cli:--journal): not a usable journal: it is not an SQLite database (the file exists and holds something else)");
        Assert.Equal("not a journal\n", File.ReadAllText(notes));
    }

    [Fact]
    public async Task Paper_refuses_a_journal_another_writer_holds_naming_its_pid()
    {
        string path = Path.Combine(_cli.Directory, "held.db");
        await using var holder = SqliteJournal.Open(path, new SqliteJournalOptions { Writer = new JournalWriterInfo("live") });

        var r = Paper(path);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"config error: Paper:JournalPath = '{path}' (from cli:--journal): not a usable journal: another Bookmaker writer holds it: pid {Environment.ProcessId} on host ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("mode live", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Paper_refuses_a_journal_written_by_a_newer_build()
    {
        string path = Path.Combine(_cli.Directory, "future.db");
        var future = JournalSchema.Migrations.Append(new JournalMigration(JournalSchema.CurrentVersion + 1, "from the future", "CREATE TABLE future (x INTEGER);")).ToList();
        await using (SqliteJournal.Open(path, new SqliteJournalOptions { Migrations = future }))
        {
        }

        var r = Paper(path);

        AssertOneLineRefusal(r, $"config error: Paper:JournalPath = '{path}' (from cli:--journal): not a usable journal: it was written by a newer Bookmaker " +
                                $"(schema version {JournalSchema.CurrentVersion + 1}; this build knows up to {JournalSchema.CurrentVersion}): upgrade Bookmaker or use another journal file");
    }

    [Fact]
    public void Paper_refuses_to_start_when_the_journal_volume_is_at_its_free_space_floor()
    {
        var r = _cli.Run("paper", "--journal", Path.Combine(_cli.Directory, "j.db"), "--speed", "max", "--duration", "1m", "--set", $"Journal:MinFreeBytes={long.MaxValue}");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a usable journal: its volume has ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("at or below Journal:MinFreeBytes", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paper_publishes_its_kill_switch_and_mode_in_the_holder_file_while_it_runs()
    {
        string path = Path.Combine(_cli.Directory, "running.db");
        var run = Task.Run(() => _cli.Run("paper", "--journal", path, "--speed", "max", "--duration", "2h", "--markets", "3", "--strategies", "mm"));
        JournalLockHolder? holder = null;
        while (holder is null && !run.IsCompleted)
        {
            holder = JournalLock.TryReadHolder(path);
            await Task.Delay(5);
        }

        var r = await run;
        Assert.Equal(0, r.ExitCode);
        Assert.NotNull(holder);
        Assert.Equal("paper", holder.Mode);
        Assert.Equal(Path.Combine(_cli.Directory, "data", "KILL"), holder.Properties["killSwitchFile"]);
        Assert.Equal(path + ".ops", holder.Properties["operatorRequestDirectory"]);
        Assert.Null(JournalLock.TryReadHolder(path));
    }

    [Fact]
    public void A_secret_set_on_the_command_line_is_masked_in_the_published_command_line()
    {
        string line = JournalFiles.RedactedCommandLine(["bookmaker", "live", "--set", "Venue:Polymarket:PrivateKey=0xsecret", "--set=Venue:Polymarket:ApiSecret=s2", "--set", "Risk:DailyLossLimit=5"]);

        Assert.Equal("bookmaker live --set Venue:Polymarket:PrivateKey=*** --set=Venue:Polymarket:ApiSecret=*** --set Risk:DailyLossLimit=5", line);
    }
}
