using System.Security.Cryptography;
using System.Text;
using Bookmaker.Backtest.Sweeps;

namespace Bookmaker.Cli.Sweep;

/// <summary>
/// A validated <c>bookmaker sweep</c>: the grid, this machine's shard, how many runs at a time, where the outputs go and
/// the backtest arguments every run shares (passed on as given). Each run's command line is those arguments, one
/// <c>--set key=value</c> per grid key (after the user's own <c>--set</c>, so the grid wins) and its own <c>--out</c>.
/// </summary>
internal sealed record SweepJob
{
    public required SweepGrid Grid { get; init; }

    public required ShardSpec Shard { get; init; }

    public required int Parallel { get; init; }

    /// <summary>The sweep's output directory (absolute).</summary>
    public required string OutDir { get; init; }

    /// <summary>The backtest flags every run gets, as given on the command line (without <c>--out</c>).</summary>
    public required IReadOnlyList<string> CommonArgs { get; init; }

    public required string WorkingDirectory { get; init; }

    public IDictionary<string, string?>? Environment { get; init; }

    /// <summary>The run's directory.</summary>
    public string RunDirectory(SweepRun run) => Path.Combine(OutDir, SweepFiles.RunsDirectory, run.Id);

    /// <summary>The arguments of <c>bookmaker</c> for <paramref name="run"/>, without <c>--out</c>.</summary>
    public List<string> Arguments(SweepRun run)
    {
        var args = new List<string> { "backtest" };
        args.AddRange(CommonArgs);
        foreach (var (k, v) in run.Parameters) args.AddRange(["--set", k + "=" + v]);
        return args;
    }

    /// <summary>SHA-256 of <see cref="Arguments"/>: a finished run is reused only when it was run with the same ones.</summary>
    public string ArgumentsHash(SweepRun run) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', Arguments(run)))));
}
