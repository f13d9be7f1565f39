using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Storage.Tests;

public sealed class JournalSessionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartSession_records_a_session_started_entry_and_a_session_row()
    {
        JournalSession session;
        await using (var journal = SqliteJournal.Open(_dir.File()))
        {
            journal.Append(Entries.Note(1));
            session = journal.StartSession("sha256:abc", seed: 7, venue: "simulated", timeTicks: Entries.T0 + 5);
        }

        Assert.Equal(new JournalSession(1, Entries.T0 + 5, "sha256:abc", 7, "simulated", 2), session);
        using var reader = JournalReader.Open(_dir.File());
        Assert.Equal(session, reader.LatestSession());
        var started = Assert.Single(reader.ReadByKind(JournalKind.SessionStarted));
        Assert.Equal(2, started.Sequence);
        Assert.Equal("{\"epoch\":1,\"configHash\":\"sha256:abc\",\"seed\":7,\"venue\":\"simulated\"}", started.Entry.Payload);
    }

    [Fact]
    public async Task Fresh_journal_has_no_session_and_next_epoch_one()
    {
        await using (SqliteJournal.Open(_dir.File()))
        {
        }

        using var reader = JournalReader.Open(_dir.File());
        Assert.Null(reader.LatestSession());
        Assert.Equal(1u, reader.NextEpoch());
    }

    [Fact]
    public async Task Epochs_increase_across_restarts()
    {
        for (int run = 1; run <= 3; run++)
        {
            await using var journal = SqliteJournal.Open(_dir.File());
            Assert.Equal((uint)run, journal.StartSession("h", run, "simulated", Entries.T0 + run).Epoch);
        }

        using var reader = JournalReader.Open(_dir.File());
        Assert.Equal([1u, 2u, 3u], reader.Sessions().Select(s => s.Epoch));
        Assert.Equal(4u, reader.NextEpoch());
        Assert.Equal(3u, reader.LatestSession()!.Epoch);
    }
}
