using Bookmaker.Storage.Journal;

namespace Bookmaker.Storage.Tests;

public sealed class JournalSpaceTests : IDisposable
{
    private const long Floor = 256L * 1024 * 1024;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Free_space_at_the_floor_is_exhausted()
    {
        Assert.Equal(JournalSpaceState.Exhausted, JournalSpace.Classify(Floor, Floor));
    }

    [Fact]
    public void Free_space_under_twice_the_floor_is_low()
    {
        Assert.Equal(JournalSpaceState.Low, JournalSpace.Classify(2 * Floor - 1, Floor));
    }

    [Fact]
    public void Free_space_of_twice_the_floor_is_ok()
    {
        Assert.Equal(JournalSpaceState.Ok, JournalSpace.Classify(2 * Floor, Floor));
    }

    [Fact]
    public void A_floor_of_zero_turns_the_check_off()
    {
        Assert.Equal(JournalSpaceState.Ok, JournalSpace.Classify(0, 0));
    }

    [Fact]
    public void A_huge_floor_does_not_overflow_into_ok()
    {
        Assert.Equal(JournalSpaceState.Low, JournalSpace.Classify(long.MaxValue - 1, long.MaxValue / 2 + 1));
    }

    [Fact]
    public void Free_space_of_a_folder_that_does_not_exist_is_an_error()
    {
        Assert.ThrowsAny<IOException>(() => JournalSpace.FreeBytes(Path.Combine(_dir.Path, "absent")));
    }

    [TmpfsFact]
    public void Free_space_is_measured_on_the_volume_that_holds_the_journal()
    {
        using var small = new Tmpfs(4 * 1024 * 1024);

        long free = new JournalSpace(small.File(), 0).Read().FreeBytes;

        Assert.InRange(free, 3 * 1024 * 1024, 4 * 1024 * 1024);
        Assert.True(JournalSpace.FreeBytes(_dir.Path) != free, "the temp folder's volume is another one");
    }

    [TmpfsFact]
    public async Task Filling_the_volume_is_seen_as_exhausted_before_the_journal_faults_and_then_the_journal_faults()
    {
        using var small = new Tmpfs(4 * 1024 * 1024);
        var space = new JournalSpace(small.File(), minFreeBytes: 1024 * 1024);
        var journal = SqliteJournal.Open(small.File());
        string payload = "{\"pad\":\"" + new string('x', 900) + "\"}";
        var states = new List<JournalSpaceState>();
        bool exhaustedBeforeFault = false;
        int n = 0;
        try
        {
            while (!journal.IsFaulted && n < 20_000)
            {
                for (int i = 0; i < 50; i++) journal.Append(new(Entries.T0 + ++n, Engine.Journal.JournalKind.Note, 0, null, payload));
                try
                {
                    await journal.FlushAsync();
                }
                catch (JournalFaultedException)
                {
                    break;
                }

                var reading = space.Read();
                states.Add(reading.State);
                if (reading.State == JournalSpaceState.Exhausted) exhaustedBeforeFault = true;
            }

            Assert.True(journal.IsFaulted, $"the journal should fault on a full 4 MiB volume; {n} entries appended");
            Assert.True(exhaustedBeforeFault, "the floor should be crossed while the journal still worked");
            Assert.Contains(JournalSpaceState.Low, states);
            Assert.Equal(JournalSpaceState.Ok, states[0]);
        }
        finally
        {
            await Assert.ThrowsAsync<JournalFaultedException>(() => journal.DisposeAsync().AsTask());
        }
    }
}
