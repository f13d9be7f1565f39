using Bookmaker.Storage.Journal;

namespace Bookmaker.Storage.Tests;

/// <summary>One writer per journal, for real: a second writer in this process, and a second process.</summary>
public sealed class JournalLockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_second_open_in_the_same_process_is_refused_naming_this_process()
    {
        await using var first = SqliteJournal.Open(_dir.File(), new SqliteJournalOptions { Writer = new JournalWriterInfo("paper") });

        var ex = Assert.Throws<JournalLockedException>(() => SqliteJournal.Open(_dir.File()));

        Assert.Equal(Environment.ProcessId, ex.Holder.Pid);
        Assert.Contains($"pid {Environment.ProcessId}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mode paper", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_second_open_leaves_the_first_writer_working()
    {
        await using var first = SqliteJournal.Open(_dir.File());
        Assert.Throws<JournalLockedException>(() => SqliteJournal.Open(_dir.File()));

        first.Append(Entries.Note(1));
        await first.FlushAsync();

        Assert.False(first.IsFaulted);
        Assert.Equal(1, first.CommittedSequence);
    }

    [Fact]
    public async Task A_writer_in_another_process_refuses_this_one_with_its_pid_host_mode_and_start_time()
    {
        using var other = await WriterProcess.StartAsync(_dir.File(), "live");

        var ex = Assert.Throws<JournalLockedException>(() => SqliteJournal.Open(_dir.File()));

        Assert.Equal(other.Pid, ex.Holder.Pid);
        Assert.Equal(Environment.MachineName, ex.Holder.Host);
        Assert.Equal("live", ex.Holder.Mode);
        Assert.InRange(ex.Holder.StartedUtc, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
        Assert.Contains($"pid {other.Pid}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_process_reads_the_holder_and_its_properties_without_taking_the_lock()
    {
        using var other = await WriterProcess.StartAsync(_dir.File(), "paper", "killSwitchFile=/srv/bm/KILL", "operatorRequests=/srv/bm");

        var holder = JournalLock.TryReadHolder(_dir.File());

        Assert.NotNull(holder);
        Assert.Equal(other.Pid, holder.Pid);
        Assert.Equal("/srv/bm/KILL", holder.Properties["killSwitchFile"]);
        Assert.Equal("/srv/bm", holder.Properties["operatorRequests"]);
        // Reading did not disturb the writer: a second writer is still refused.
        Assert.Throws<JournalLockedException>(() => SqliteJournal.Open(_dir.File()));
    }

    [Fact]
    public async Task A_writer_killed_with_sigkill_releases_the_lock_and_its_stale_holder_file_is_not_reported()
    {
        var other = await WriterProcess.StartAsync(_dir.File(), "paper");
        await other.KillAsync();
        other.Dispose();

        Assert.True(File.Exists(JournalLock.HolderFileOf(_dir.File())), "kill -9 leaves the holder file behind");
        Assert.Null(JournalLock.TryReadHolder(_dir.File()));
        await using var next = SqliteJournal.Open(_dir.File());
        Assert.Equal(Environment.ProcessId, JournalLock.TryReadHolder(_dir.File())!.Pid);
    }

    [Fact]
    public void Nobody_holds_a_journal_that_was_never_opened()
    {
        Assert.Null(JournalLock.TryReadHolder(_dir.File()));
    }

    [Fact]
    public async Task Closing_the_writer_releases_the_lock_and_removes_the_holder_file()
    {
        await using (SqliteJournal.Open(_dir.File()))
        {
        }

        Assert.Null(JournalLock.TryReadHolder(_dir.File()));
        Assert.False(File.Exists(JournalLock.HolderFileOf(_dir.File())));
        await using var again = SqliteJournal.Open(_dir.File());
    }

    [Fact]
    public async Task The_lock_file_refuses_plain_readers_so_the_holder_lives_in_its_own_file()
    {
        // .NET on Unix opens every file with a shared flock, which the writer's exclusive flock refuses: the reason
        // the holder details are in a separate file. On Windows the share mode refuses them the same way.
        await using var writer = SqliteJournal.Open(_dir.File());

        Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(JournalLock.LockFileOf(_dir.File())));
        Assert.Contains("\"pid\"", File.ReadAllText(JournalLock.HolderFileOf(_dir.File())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_take_no_lock()
    {
        await using var writer = SqliteJournal.Open(_dir.File());
        writer.Append(Entries.Note(1));
        await writer.FlushAsync();

        using var reader = JournalReader.Open(_dir.File());

        Assert.Equal(1, reader.Count());
    }

    [UnixFact]
    public async Task A_symlink_to_the_journal_leads_to_the_same_lock()
    {
        await using var writer = SqliteJournal.Open(_dir.File());
        string link = _dir.File("link.db");
        File.CreateSymbolicLink(link, _dir.File());

        Assert.Throws<JournalLockedException>(() => SqliteJournal.Open(link));
    }
}
