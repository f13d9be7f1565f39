using System.Text;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Storage.Tests;

public sealed class JournalPropertyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Text SQLite stores as UTF-8 and gives back unchanged: well-formed UTF-16 (no lone surrogates) without NUL.
    private static bool StorableText(string? s) =>
        s is not null && !s.Contains('\0', StringComparison.Ordinal) && Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s;

    [Fact]
    public void Any_entry_round_trips_exactly()
    {
        var entries =
            from ticks in ArbMap.Default.GeneratorFor<long>()
            from kind in Gen.Elements(Enum.GetValues<JournalKind>())
            from order in ArbMap.Default.GeneratorFor<ulong>()
            from instrument in ArbMap.Default.GeneratorFor<string>()
            from payload in ArbMap.Default.GeneratorFor<string>()
            select new JournalEntry(ticks, kind, order, StorableText(instrument) ? instrument : null, StorableText(payload) ? payload : "{}");

        Prop.ForAll(entries.ArrayOf().ToArbitrary(), batch =>
        {
            string path = _dir.File($"{Guid.NewGuid():N}.db");
            var journal = SqliteJournal.Open(path);
            foreach (var e in batch) journal.Append(e);
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();

            using var reader = JournalReader.Open(path);
            return reader.ReadAll().Select(r => r.Entry).SequenceEqual(batch);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void Sequences_stay_contiguous_across_any_schedule_of_appends_flushes_and_reopens()
    {
        // Each run is a list of (entries to append, flush afterwards?); the journal is reopened between runs.
        // Kept small: every reopen creates and checkpoints a WAL file, which costs fsyncs.
        var step = Gen.Zip(Gen.Choose(0, 300), ArbMap.Default.GeneratorFor<bool>());
        var schedule =
            from runCount in Gen.Choose(1, 3)
            from runs in (from stepCount in Gen.Choose(0, 5) from steps in step.ArrayOf(stepCount) select steps).ArrayOf(runCount)
            select runs;

        Prop.ForAll(schedule.ToArbitrary(), runs =>
        {
            string path = _dir.File($"{Guid.NewGuid():N}.db");
            long appended = 0;
            foreach (var run in runs)
            {
                var journal = SqliteJournal.Open(path, new SqliteJournalOptions { BatchSize = 64 });
                if (journal.LastSequence != appended) return false;
                foreach (var (count, flush) in run)
                {
                    for (int i = 0; i < count; i++)
                    {
                        if (journal.Append(Entries.Note(i)) != ++appended) return false;
                    }

                    if (flush) journal.FlushAsync().GetAwaiter().GetResult();
                }

                journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            if (appended == 0) return true;
            using var reader = JournalReader.Open(path);
            return reader.ReadAll().Select(r => r.Sequence).SequenceEqual(Enumerable.Range(1, (int)appended).Select(i => (long)i));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(15));
    }
}
