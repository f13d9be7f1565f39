namespace Bookmaker.Backtest.Sources;

/// <summary>One problem found in the input: what, where (file and line; 0 = the whole file) and what was done about it.</summary>
public sealed record DataProblem(string Kind, string File, long Line, string Detail);

/// <summary>
/// Every problem the readers met, counted by kind; the first <see cref="KeptPerKind"/> of each kind in each file are
/// kept with file and line for <c>result.json</c>. Nothing bad in the input is skipped without landing here. Files may
/// be read on prefetch threads at once, so what is kept is decided per file and listed sorted by file and line: the
/// same input always gives the same list.
/// </summary>
public sealed class DataProblems
{
    /// <summary>How many problems of one kind in one file are kept in detail (all are counted).</summary>
    public const int KeptPerKind = 50;

    /// <summary>The file format is not recognised; the file is not replayed.</summary>
    public const string UnknownFormat = "unknown_format";

    /// <summary>The gzip stream ends early; the lines before the cut are replayed.</summary>
    public const string TruncatedGzip = "truncated_gzip";

    /// <summary>A line (or message) that cannot be decoded; skipped (Polymarket: the books are invalidated until the next <c>book</c>).</summary>
    public const string MalformedLine = "malformed_line";

    /// <summary>The whole file cannot be decoded (a JSON array cut short); not replayed.</summary>
    public const string MalformedFile = "malformed_file";

    /// <summary>A Binance diff whose <c>pu</c> (or <c>U − 1</c>) is not the previous <c>u</c>: diffs were lost; the chain is re-linked.</summary>
    public const string SequenceGap = "sequence_gap";

    /// <summary>A line stamped earlier than the line before it; replayed at the earlier line's time.</summary>
    public const string OutOfOrder = "out_of_order";

    private readonly List<DataProblem> _kept = [];
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string File), long> _perFile = [];

    /// <summary>Problems kept in detail, sorted by file, line and kind.</summary>
    public IReadOnlyList<DataProblem> Kept
    {
        get
        {
            lock (_kept)
            {
                return [.. _kept.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Kind, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Count per kind (sorted by kind).</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Total problems.</summary>
    public long Total
    {
        get
        {
            lock (_kept) return _counts.Values.Sum();
        }
    }

    /// <summary>Records a problem. Thread-safe: a file may be read on a prefetch thread.</summary>
    public void Add(string kind, string file, long line, string detail)
    {
        lock (_kept)
        {
            _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
            long n = _perFile.GetValueOrDefault((kind, file)) + 1;
            _perFile[(kind, file)] = n;
            if (n <= KeptPerKind) _kept.Add(new DataProblem(kind, file, line, detail));
        }
    }

    /// <summary>The count of one kind.</summary>
    public long Count(string kind)
    {
        lock (_kept) return _counts.GetValueOrDefault(kind);
    }
}
