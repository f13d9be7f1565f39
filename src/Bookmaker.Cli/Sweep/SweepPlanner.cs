using System.CommandLine;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Backtest.Sweeps;
using Bookmaker.Cli.Commands;
using Bookmaker.Engine.Configuration;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.QueueModels;

namespace Bookmaker.Cli.Sweep;

/// <summary>
/// Checks a <c>bookmaker sweep</c> command line before anything runs, and prints one line naming the flag, the value
/// and the rule for each problem (the caller exits 2): each <c>--grid</c> (an '=', a key, non-empty values, each key
/// once, and every value accepted by the configuration, e.g. no unknown key), <c>--shard</c>, <c>--parallel</c>,
/// <c>--out</c>, <c>--queue-model</c>, <c>--latency</c> and the <c>--data</c> files.
/// </summary>
internal static class SweepPlanner
{
    public static SweepJob? Plan(SweepOptions o, ParseResult parse, CliContext context)
    {
        var grids = parse.GetValue(o.Grid) ?? [];
        if (grids.Length == 0) return Fail(context, $"sweep: --grid is required, at least once ({GridAxis.Syntax})");
        var axes = new List<GridAxis>();
        foreach (string g in grids)
        {
            if (!GridAxis.TryParse(g, out var axis, out string? error)) return Fail(context, "sweep: " + error);
            axes.Add(axis!);
        }

        SweepGrid grid;
        try
        {
            grid = new SweepGrid(axes);
        }
        catch (ArgumentException e)
        {
            return Fail(context, "sweep: " + e.Message.Split(" (Parameter", 2)[0]);
        }

        var shard = ShardSpec.All;
        if (parse.GetValue(o.Shard) is { } shardText && !ShardSpec.TryParse(shardText, out shard, out string? shardError)) return Fail(context, "sweep: " + shardError);
        int parallel = parse.GetValue(o.Parallel);
        if (parallel < 1) return Fail(context, $"sweep: --parallel '{parallel}': must be a whole number >= 1");
        if (parse.GetValue(o.Backtest.Out) is not { Length: > 0 } outText) return Fail(context, "sweep: --out is required (the sweep's directory: runs/<id>/ per run)");
        string cwd = context.WorkingDirectory ?? Directory.GetCurrentDirectory();
        var data = parse.GetValue(o.Backtest.Data) ?? [];
        if (data.Length == 0) return Fail(context, "sweep: --data is required (the recordings every run replays)");
        var (_, missing) = DataPaths.Expand(data, cwd);
        if (missing.Count > 0) return Fail(context, $"sweep: --data {string.Join(", ", missing.Select(m => $"'{m}'"))}: no such file or directory");
        if (parse.GetValue(o.Backtest.QueueModel) is { } queue && !QueueModelSpec.TryParse(queue, out _, out string? queueError))
            return Fail(context, $"sweep: --queue-model '{queue}': {queueError}");
        if (parse.GetValue(o.Backtest.Latency) is { Length: > 0 } latency && !LatencyProfile.TryParse(latency, out _, out string? latencyError))
            return Fail(context, $"sweep: --latency '{latency}': {latencyError}");
        if (!ConfigAccepts(o, parse, context, grid)) return null;

        return new SweepJob
        {
            Grid = grid,
            Shard = shard,
            Parallel = parallel,
            OutDir = context.ResolvePath(outText),
            CommonArgs = PassedOn(o, parse),
            WorkingDirectory = cwd,
            Environment = context.Environment,
        };
    }

    // Every value of every key, the other keys at their first value: the configuration must accept each (known key,
    // valid value) — the same check the run itself makes, done once here so a bad grid fails before any run.
    private static bool ConfigAccepts(SweepOptions o, ParseResult parse, CliContext context, SweepGrid grid)
    {
        for (int a = 0; a < grid.Axes.Count; a++)
        {
            foreach (string value in grid.Axes[a].Values)
            {
                var overrides = new List<ConfigOverride>();
                for (int b = 0; b < grid.Axes.Count; b++)
                {
                    string v = b == a ? value : grid.Axes[b].Values[0];
                    if (!ConfigOverride.TryParseAssignment(grid.Axes[b].Key + "=" + v, out var assignment, out var error))
                    {
                        context.Stderr.WriteLine($"sweep: --grid '{grid.Axes[b].Key}': {error}");
                        return false;
                    }

                    overrides.Add(assignment! with { Source = "cli:--grid" });
                }

                using var captured = new StringWriter();
                if (o.Flags.LoadValid(parse, context with { Stderr = captured }, overrides) is null)
                {
                    context.Stderr.Write(captured.ToString());
                    context.Stderr.WriteLine($"sweep: --grid '{grid.Axes[a].Key}={string.Join(',', grid.Axes[a].Values)}': the configuration refuses {grid.Axes[a].Key} = '{value}' (see above)");
                    return false;
                }
            }
        }

        return true;
    }

    // The backtest flags as given (tokens re-emitted one flag each), minus --out, which is per run.
    private static List<string> PassedOn(SweepOptions o, ParseResult parse)
    {
        var args = new List<string>();
        foreach (var option in o.PassedOn)
        {
            if (parse.GetResult(option) is not { Implicit: false } result) continue;
            if (result.Tokens.Count == 0) args.Add(option.Name);
            foreach (var token in result.Tokens) args.AddRange([option.Name, token.Value]);
        }

        return args;
    }

    private static SweepJob? Fail(CliContext context, string line)
    {
        context.Stderr.WriteLine(line);
        return null;
    }
}
