using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Time;
using Bookmaker.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Tests;

/// <summary>Daily compaction on real files: what recovery needs stays, everything else moves to the archive intact.</summary>
public sealed class JournalCompactionTests : IDisposable
{
    private static readonly long Roll = TradingDay.Start.AddDays(1).UtcTicks;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Compacts everything at the threshold of 1 byte (so any journal is "too big").</summary>
    private static SqliteJournalOptions Compacting => new() { CompactAbove = 1, CompactionStepRows = 500, VacuumStepPages = 16 };

    private string ArchivePath => JournalArchives.PathFor(_dir.File(), new DateOnly(2025, 1, 1));

    private static async Task<JournalCompaction> CompactAsync(SqliteJournal journal, long rollTicks, Action? whileRunning = null)
    {
        var done = new TaskCompletionSource<JournalCompaction>(TaskCreationOptions.RunContinuationsAsynchronously);
        journal.Compacted += (_, e) => done.TrySetResult(e.Compaction);
        journal.RequestCompaction(rollTicks);
        whileRunning?.Invoke();
        var result = await done.Task.WaitAsync(TimeSpan.FromSeconds(120));
        await journal.FlushAsync();
        return result;
    }

    private async Task<(List<JournalRecord> Before, JournalCompaction Result)> CompactADayAsync(int orders = 2000)
    {
        await using var journal = SqliteJournal.Open(_dir.File(), Compacting);
        TradingDay.Write(journal, orders);
        await journal.FlushAsync();
        var before = TradingDay.Read(_dir.File());
        var result = await CompactAsync(journal, Roll);
        Assert.True(result.Succeeded, result.Error);
        return (before, result);
    }

    [Fact]
    public async Task The_engine_asks_for_a_compaction_at_the_trading_day_roll()
    {
        await using var journal = SqliteJournal.Open(_dir.File(), Compacting);
        TradingDay.Write(journal, 500);
        var done = new TaskCompletionSource<JournalCompaction>(TaskCreationOptions.RunContinuationsAsynchronously);
        journal.Compacted += (_, e) => done.TrySetResult(e.Compaction);
        var clock = new SimulatedTimeProvider(TradingDay.Start.AddDays(1).AddMinutes(-1));
        await using var host = EngineHost.Create(clock, [], journal, new EngineHostOptions());
        await host.StartAsync(CancellationToken.None);

        await host.RunSimulatedAsync(clock, TradingDay.Start.AddDays(1).AddMinutes(1), null, null, TimeSpan.FromSeconds(1), CancellationToken.None);
        var result = await done.Task.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.InRange(result.RollTicks, Roll, Roll + TimeSpan.TicksPerSecond);
        Assert.True(result.Performed);
        Assert.Equal(ArchivePath, result.ArchivePath);
    }

    [Fact]
    public async Task Recovery_reads_the_same_fills_live_orders_breach_halt_and_day_baseline_after_compaction()
    {
        var (before, _) = await CompactADayAsync();
        var instruments = TradingDay.Instruments();
        // The compaction note comes after the cut; recovery reads it like any note.
        var after = TradingDay.Read(_dir.File()).Where(r => r.Entry.Kind != JournalKind.Note || !r.Entry.Payload.Contains("journal compacted", StringComparison.Ordinal));

        var expected = JournalRecovery.Recover(before.Select(r => r.Entry), instruments);
        var actual = JournalRecovery.Recover(after.Select(r => r.Entry), instruments);

        Assert.NotEmpty(expected.LiveOrders);
        Assert.Equal(expected.Fills, actual.Fills);
        Assert.Equal(expected.LiveOrders.Select(o => (o.Request, o.Status, string.Join(",", o.Fills))), actual.LiveOrders.Select(o => (o.Request, o.Status, string.Join(",", o.Fills))));
        Assert.True(expected.Breached);
        Assert.Equal(expected.Breached, actual.Breached);
        Assert.Equal(expected.ManuallyHalted, actual.ManuallyHalted);
        Assert.Equal(expected.LastDailyPnl, actual.LastDailyPnl);
        Assert.Equal(expected.LastSnapshotTicks, actual.LastSnapshotTicks);
        Assert.Equal(expected.LastSnapshotNetPnl, actual.LastSnapshotNetPnl);
        Assert.Equal(expected.LastTicks, actual.LastTicks);
    }

    [Fact]
    public async Task The_archive_holds_every_entry_removed_from_the_live_file()
    {
        var (before, result) = await CompactADayAsync();

        var live = TradingDay.Read(_dir.File());
        var archived = TradingDay.Read(result.ArchivePath!);
        var liveSequences = live.Select(r => r.Sequence).ToHashSet();
        var removed = before.Where(r => !liveSequences.Contains(r.Sequence)).ToList();

        Assert.True(removed.Count > before.Count / 2, $"only {removed.Count} of {before.Count} entries moved");
        Assert.Equal(removed, archived);
        Assert.Equal(removed.Count, result.EntriesMoved);
    }

    [Fact]
    public async Task Every_kept_entry_is_unchanged_and_the_live_file_only_lost_what_the_archive_has()
    {
        var (before, result) = await CompactADayAsync();

        var union = TradingDay.Read(_dir.File()).Concat(TradingDay.Read(result.ArchivePath!))
            .Where(r => r.Sequence <= before[^1].Sequence).OrderBy(r => r.Sequence);

        Assert.Equal(before, union);
    }

    [Fact]
    public async Task Kept_in_the_live_file_are_fills_states_operator_commands_sessions_and_open_orders()
    {
        var (before, _) = await CompactADayAsync();
        var live = TradingDay.Read(_dir.File());

        foreach (var kind in new[] { JournalKind.SessionStarted, JournalKind.Fill, JournalKind.TradingState, JournalKind.OperatorCommand })
        {
            Assert.Equal(before.Count(r => r.Entry.Kind == kind), live.Count(r => r.Entry.Kind == kind));
        }

        Assert.Equal(before.Last(r => r.Entry.Kind == JournalKind.PnlSnapshot), live.Single(r => r.Entry.Kind == JournalKind.PnlSnapshot));
        Assert.DoesNotContain(live, r => r.Entry.Kind == JournalKind.RiskDenied);
    }

    [Fact]
    public async Task The_last_alert_of_each_code_and_key_and_every_critical_alert_stay()
    {
        var (before, _) = await CompactADayAsync();
        var live = TradingDay.Read(_dir.File()).Where(r => r.Entry.Kind == JournalKind.Alert).ToList();

        var lastPerKey = before.Where(r => r.Entry.Kind == JournalKind.Alert)
            .GroupBy(r => (JournalRecovery.StateText(r.Entry.Payload), r.Entry.Payload.Contains("stale_feed", StringComparison.Ordinal)))
            .Select(g => g.Last());
        Assert.Subset(live.ToHashSet(), lastPerKey.ToHashSet());
        Assert.Contains(live, r => r.Entry.Payload.Contains("CRITICAL", StringComparison.Ordinal));
        Assert.True(live.Count < before.Count(r => r.Entry.Kind == JournalKind.Alert));
    }

    [Fact]
    public async Task The_archive_opens_with_the_journal_reader_and_knows_the_sessions()
    {
        var (_, result) = await CompactADayAsync();

        using var archive = JournalReader.Open(result.ArchivePath!);

        Assert.Equal(ArchivePath, result.ArchivePath);
        Assert.Equal(1u, archive.LatestSession()!.Epoch);
        Assert.True(archive.Count() > 0);
    }

    [Fact]
    public async Task Compaction_returns_the_freed_space_to_the_file_system()
    {
        var (_, result) = await CompactADayAsync(orders: 6000);

        Assert.True(result.BytesAfter < result.BytesBefore / 2, $"{result.BytesBefore} -> {result.BytesAfter}");
        Assert.True(new FileInfo(_dir.File()).Length <= result.BytesAfter, "the file on disk is no larger than its pages");
    }

    [Fact]
    public async Task Compaction_is_journaled_as_a_note_naming_the_archive_and_sizes()
    {
        var (_, result) = await CompactADayAsync();

        var note = TradingDay.Read(_dir.File()).Last(r => r.Entry.Kind == JournalKind.Note);

        Assert.Equal(Roll, note.Entry.TimeTicks);
        Assert.Contains("\"text\":\"journal compacted\"", note.Entry.Payload, StringComparison.Ordinal);
        Assert.Contains($"\"moved\":{result.EntriesMoved}", note.Entry.Payload, StringComparison.Ordinal);
        Assert.Contains($"\"bytes_before\":{result.BytesBefore}", note.Entry.Payload, StringComparison.Ordinal);
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(ArchivePath)[1..^1], note.Entry.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_under_the_threshold_is_left_alone()
    {
        await using var journal = SqliteJournal.Open(_dir.File());
        TradingDay.Write(journal, 200);
        await journal.FlushAsync();
        long count = TradingDay.Read(_dir.File()).Count;

        var result = await CompactAsync(journal, Roll);

        Assert.False(result.Performed);
        Assert.Equal(count, TradingDay.Read(_dir.File()).Count);
        Assert.False(File.Exists(ArchivePath));
    }

    [Fact]
    public async Task Entries_appended_while_compacting_stay_in_the_live_file_with_contiguous_sequences()
    {
        await using var journal = SqliteJournal.Open(_dir.File(), Compacting);
        TradingDay.Write(journal, 2000);
        await journal.FlushAsync();
        long cut = journal.LastSequence;

        var result = await CompactAsync(journal, Roll, whileRunning: () =>
        {
            for (int i = 1; i <= 3000; i++) journal.Append(new JournalEntry(Roll + i, JournalKind.OrderState, 42, "sim:yes", "{\"text\":\"Open\"}"));
        });

        var live = TradingDay.Read(_dir.File());
        Assert.Equal(cut, result.CutSequence);
        Assert.Equal(3000, live.Count(r => r.Sequence > cut && r.Entry.OrderId == 42));
        var all = live.Concat(TradingDay.Read(result.ArchivePath!)).Select(r => r.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all);
    }

    [Fact]
    public async Task Archives_older_than_the_retention_are_deleted()
    {
        string old = JournalArchives.PathFor(_dir.File(), new DateOnly(2024, 11, 30));
        string kept = JournalArchives.PathFor(_dir.File(), new DateOnly(2024, 12, 2));
        File.WriteAllBytes(old, []);
        File.WriteAllBytes(kept, []);
        await using var journal = SqliteJournal.Open(_dir.File(), new SqliteJournalOptions { ArchiveRetentionDays = 30 });

        var result = await CompactAsync(journal, Roll);

        Assert.Equal([old], result.ArchivesDeleted);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(kept));
    }

    [Fact]
    public async Task A_retention_of_zero_keeps_every_archive()
    {
        string old = JournalArchives.PathFor(_dir.File(), new DateOnly(2020, 1, 1));
        File.WriteAllBytes(old, []);
        await using var journal = SqliteJournal.Open(_dir.File(), new SqliteJournalOptions { ArchiveRetentionDays = 0 });

        await CompactAsync(journal, Roll);

        Assert.True(File.Exists(old));
    }

    [Fact]
    public async Task A_failed_compaction_leaves_the_live_file_whole_and_the_journal_writing()
    {
        Directory.CreateDirectory(ArchivePath); // the archive cannot be created where a folder stands
        await using var journal = SqliteJournal.Open(_dir.File(), Compacting);
        TradingDay.Write(journal, 500);
        await journal.FlushAsync();
        var before = TradingDay.Read(_dir.File());

        var result = await CompactAsync(journal, Roll);
        long next = journal.Append(Entries.Note(1));
        await journal.FlushAsync();

        Assert.False(result.Succeeded);
        Assert.False(journal.IsFaulted);
        var live = TradingDay.Read(_dir.File());
        Assert.Equal(before, live.Take(before.Count));
        Assert.Contains("journal compaction failed", live[^2].Entry.Payload, StringComparison.Ordinal);
        Assert.Equal(next, live[^1].Sequence);
    }

    [Fact]
    public async Task A_row_whose_archive_copy_differs_is_not_deleted_from_the_live_file()
    {
        await using var journal = SqliteJournal.Open(_dir.File(), Compacting);
        TradingDay.Write(journal, 500);
        await journal.FlushAsync();
        var cancel = TradingDay.Read(_dir.File()).First(r => r.Entry.Kind == JournalKind.CancelRequested);
        // A stranger's archive of the same name already holds that sequence with other content.
        using (var archive = new SqliteConnection($"Data Source={ArchivePath};Pooling=False"))
        {
            archive.Open();
            JournalSchema.Apply(archive, JournalSchema.Migrations);
            using var insert = archive.CreateCommand();
            insert.CommandText = $"INSERT INTO entries VALUES ({cancel.Sequence}, 1, 99, 0, NULL, '{{\"other\":true}}');";
            insert.ExecuteNonQuery();
        }

        await CompactAsync(journal, Roll);

        Assert.Contains(cancel, TradingDay.Read(_dir.File()));
    }

    [Fact]
    public async Task A_journal_created_without_incremental_vacuum_is_converted_and_shrunk_by_its_first_compaction()
    {
        using (var old = new SqliteConnection($"Data Source={_dir.File()};Pooling=False"))
        {
            old.Open();
            JournalSchema.Apply(old, JournalSchema.Migrations);
        }

        await using var journal = SqliteJournal.Open(_dir.File(), Compacting);
        TradingDay.Write(journal, 4000);
        await journal.FlushAsync();
        Assert.Equal(0, AutoVacuum());

        var result = await CompactAsync(journal, Roll);

        Assert.True(result.BytesAfter < result.BytesBefore / 2, $"{result.BytesBefore} -> {result.BytesAfter}");
        Assert.Equal(2, AutoVacuum());
    }

    private long AutoVacuum()
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File()};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA auto_vacuum;";
        return (long)command.ExecuteScalar()!;
    }
}
