using System.Globalization;

namespace Bookmaker.Backtest.Sweeps;

/// <summary>
/// <c>--shard i/N</c>: this machine takes every run whose grid index mod N equals i. <b>i is 0-based</b> (0 … N−1),
/// as Kubernetes' <c>JOB_COMPLETION_INDEX</c> is, so an Indexed Job passes <c>$(JOB_COMPLETION_INDEX)/N</c> as it is.
/// The N shards together take every run exactly once.
/// </summary>
/// <param name="Index">This shard, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">Number of shards, ≥ 1.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole grid on one machine (<c>0/1</c>).</summary>
    public static ShardSpec All { get; } = new(0, 1);

    /// <summary>The accepted form, for error text.</summary>
    public const string Syntax = "i/N with whole numbers N >= 1 and 0 <= i < N (0-based, as JOB_COMPLETION_INDEX)";

    /// <summary>Whether the run at <paramref name="gridIndex"/> belongs to this shard.</summary>
    public bool Takes(int gridIndex) => gridIndex % Count == Index;

    /// <summary>Parses <c>i/N</c>; on failure <paramref name="error"/> names the value and the rule.</summary>
    public static bool TryParse(string? text, out ShardSpec shard, out string? error)
    {
        shard = All;
        error = null;
        string spec = (text ?? "").Trim();
        int slash = spec.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !int.TryParse(spec.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(spec.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            error = $"--shard '{text}': expected {Syntax}";
            return false;
        }

        if (n < 1) { error = $"--shard '{text}': N must be >= 1 ({Syntax})"; return false; }
        if (i >= n) { error = $"--shard '{text}': i must be below N; shards are 0-based, 0 … {n - 1} ({Syntax})"; return false; }
        shard = new ShardSpec(i, n);
        return true;
    }

    /// <summary>The canonical <c>i/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
