using System.Globalization;
using System.Text.Json.Nodes;

namespace Bookmaker.Backtest.Sweeps;

/// <summary>
/// One finished run of a sweep as the report reads it: its manifest (id, index, parameters), the figures of its
/// <c>result.json</c> it ranks and deflates by (net P&amp;L exact; Sharpe and its moments per minute, as doubles) and
/// the path of its directory.
/// </summary>
public sealed record SweepTrial
{
    /// <summary>Periods of the per-minute statistics in a 365-day year (their Sharpe is annualized by its root).</summary>
    public const double MinutesPerYear = 365 * 1440;

    /// <summary>Run id.</summary>
    public required string Id { get; init; }

    /// <summary>Index in the grid.</summary>
    public required int Index { get; init; }

    /// <summary>Grid key → value.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Directory of the run (holds result.json and report.html).</summary>
    public required string Directory { get; init; }

    /// <summary>The run's <c>result.json</c>.</summary>
    public required JsonObject Result { get; init; }

    /// <summary>Net P&amp;L (exact).</summary>
    public decimal NetPnl => Statistics["net_pnl"]!.GetValue<decimal>();

    /// <summary>Fills.</summary>
    public long Fills => Statistics["fills"]!.GetValue<long>();

    /// <summary>Annualized per-minute Sharpe, NaN when undefined.</summary>
    public double Sharpe => Number(PerMinute["sharpe"]);

    /// <summary>Per-minute Sharpe, not annualized (what the deflated Sharpe compares).</summary>
    public double SharpePerPeriod => Sharpe / Math.Sqrt(MinutesPerYear);

    /// <summary>Number of per-minute returns.</summary>
    public int Periods => PerMinute["periods"]?.GetValue<int>() ?? 0;

    /// <summary>Skew of the per-minute returns.</summary>
    public double Skew => Number(PerMinute["skew"]);

    /// <summary>Kurtosis (not excess) of the per-minute returns.</summary>
    public double Kurtosis => Number(PerMinute["kurtosis"]);

    private JsonObject Statistics => Result["statistics"]!.AsObject();

    private JsonObject PerMinute => Statistics["per_minute"]!.AsObject();

    /// <summary>Reads a run directory; null when its result.json or sweep-run.json is missing, unreadable, or the run was stopped by a signal.</summary>
    public static SweepTrial? TryRead(string runDirectory)
    {
        if (SweepFiles.TryRead(Path.Combine(runDirectory, SweepFiles.RunFile)) is not { } manifest) return null;
        if (SweepFiles.TryRead(Path.Combine(runDirectory, "result.json")) is not { } result) return null;
        if (result["run"]?["exit_reason"]?.GetValue<string>() is not { } exit || exit.StartsWith("signal", StringComparison.Ordinal)) return null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in manifest["parameters"]!.AsObject()) parameters[k] = v!.GetValue<string>();
        return new SweepTrial
        {
            Id = manifest["id"]!.GetValue<string>(),
            Index = manifest["index"]!.GetValue<int>(),
            Parameters = parameters,
            Directory = runDirectory,
            Result = result,
        };
    }

    private static double Number(JsonNode? node) =>
        node is JsonValue v ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : double.NaN;
}
