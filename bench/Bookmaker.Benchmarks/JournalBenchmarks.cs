using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Benchmarks;

/// <summary>
/// The SQLite journal: (a) what <see cref="SqliteJournal.Append"/> costs the event loop while the writer thread is
/// busy writing, and (b) sustained throughput, 100,000 appends followed by a flush (shown as events/s).
/// Each iteration uses a fresh database file in the temp folder. "Allocated" counts every thread, so it includes the
/// writer thread's ADO.NET allocations (parameter boxing, UTF-8 text); the caller's Append itself allocates nothing
/// (see the storage test Append_allocates_nothing_on_the_caller_thread).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EventsPerSecondConfig))]
public class JournalBenchmarks
{
    private const int Entries = 100_000;
    private const int Appends = 1_000_000; // enough for a >100 ms iteration; the buffer holds what the writer has not taken
    private static readonly JournalEntry Entry = new(638_712_864_000_000_000, JournalKind.OrderState, 1UL << 40 | 17, "polymarket:YES",
        "{\"status\":\"PartiallyFilled\",\"filled\":\"12.5\",\"px\":\"0.513\"}");

    private string _directory = "";
    private SqliteJournal? _journal;
    private int _iteration;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "bookmaker-journal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [GlobalCleanup]
    public void GlobalCleanup() => Directory.Delete(_directory, recursive: true);

    [IterationSetup]
    public void OpenFreshJournal()
    {
        string path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"j{_iteration++}.db"));
        // Sized for the whole invocation so the Append figures show the steady state, not buffer growth.
        _journal = SqliteJournal.Open(path, new SqliteJournalOptions { InitialCapacity = Appends });
        // Warm the buffers and the prepared statement so the iteration measures the steady state.
        for (int i = 0; i < Entries; i++) _journal.Append(Entry);
        _journal.FlushAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void CloseJournal() => _journal!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Caller-thread cost of one append (the writer drains concurrently; the flush is not timed).</summary>
    [Benchmark(OperationsPerInvoke = Appends)]
    public long Append()
    {
        var journal = _journal!;
        long last = 0;
        for (int i = 0; i < Appends; i++) last = journal.Append(Entry);
        return last;
    }

    /// <summary>Append 100,000 entries and wait until all are committed: time per event, events/s column.</summary>
    [Benchmark(OperationsPerInvoke = Entries)]
    public long AppendAndFlush()
    {
        var journal = _journal!;
        long last = 0;
        for (int i = 0; i < Entries; i++) last = journal.Append(Entry);
        journal.FlushAsync().GetAwaiter().GetResult();
        return last;
    }
}

/// <summary>Adds an events/s column (1 / mean time per operation) to the journal benchmarks.</summary>
public sealed class EventsPerSecondConfig : ManualConfig
{
    public EventsPerSecondConfig() => AddColumn(StatisticColumn.Median, new EventsPerSecondColumn());

    private sealed class EventsPerSecondColumn : IColumn
    {
        public string Id => nameof(EventsPerSecondColumn);
        public string ColumnName => "Events/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Operations (journal events) per second, from the mean time per operation";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var stats = summary[benchmarkCase]?.ResultStatistics;
            return stats is null || stats.Mean <= 0 ? "NA" : (1e9 / stats.Mean).ToString("N0", CultureInfo.InvariantCulture);
        }
    }
}
