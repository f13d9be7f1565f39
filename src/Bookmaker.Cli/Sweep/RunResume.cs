using System.Globalization;
using System.Text.Json.Nodes;
using Bookmaker.Backtest.Sweeps;

namespace Bookmaker.Cli.Sweep;

/// <summary>
/// Whether a run of a sweep is already done, so a resumed sweep skips it: its <c>result.json</c> exists, is whole and
/// was not stopped by a signal, its configuration holds the run's grid values, and its <c>sweep-run.json</c> says it
/// was run with the same arguments (same data, flags and profile). Anything else is run again.
/// </summary>
internal static class RunResume
{
    public static bool IsFinished(SweepJob job, SweepRun run)
    {
        string dir = job.RunDirectory(run);
        if (SweepFiles.TryRead(Path.Combine(dir, SweepFiles.RunFile)) is not { } manifest) return false;
        if (manifest["args_sha256"]?.GetValue<string>() != job.ArgumentsHash(run)) return false;
        if (SweepTrial.TryRead(dir) is not { } trial) return false;
        if (trial.Result["run"]?["config"] is not JsonObject config) return false;
        foreach (var (key, value) in run.Parameters)
        {
            string? found = config.FirstOrDefault(e => string.Equals(e.Key, key.Replace("__", ":", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>();
            if (!SameValue(found, value)) return false;
        }

        return true;
    }

    // The configuration may write a number back in its own form (5.0 for 5): equal decimals are the same value.
    private static bool SameValue(string? stored, string given)
    {
        if (stored is null) return false;
        if (string.Equals(stored, given, StringComparison.OrdinalIgnoreCase)) return true;
        return decimal.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal a)
            && decimal.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal b) && a == b;
    }
}
