using Bookmaker.Backtest.Inputs;
using Bookmaker.Backtest.Sources;

namespace Bookmaker.Backtest.Output;

/// <summary>What identifies a backtest run, for <c>result.json</c>'s run block (nothing wall-clock: the file is byte-identical for the same inputs).</summary>
public sealed record BacktestRun
{
    /// <summary>The code's version (informational version, with the commit when built from git).</summary>
    public required string CodeVersion { get; init; }

    /// <summary>SHA-256 of the effective configuration (secrets masked).</summary>
    public required string ConfigHash { get; init; }

    /// <summary>The effective configuration: key → value, secrets masked.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Config { get; init; }

    /// <summary>The seed.</summary>
    public required long Seed { get; init; }

    /// <summary>Venue replayed.</summary>
    public required string Venue { get; init; }

    /// <summary>Strategies run.</summary>
    public required IReadOnlyList<string> Strategies { get; init; }

    /// <summary>Queue model and latency profile of the fill simulation.</summary>
    public required string QueueModel { get; init; }

    /// <summary>Latency profile.</summary>
    public required string Latency { get; init; }

    /// <summary>The data files.</summary>
    public required IReadOnlyList<DataFile> Files { get; init; }

    /// <summary>Simulated start and end.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Simulated end.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Replayed venue messages.</summary>
    public required long Messages { get; init; }

    /// <summary>Events the engine loop processed.</summary>
    public required long Events { get; init; }

    /// <summary>Why the run ended (completed, signal, a fault reason).</summary>
    public required string ExitReason { get; init; }

    /// <summary>Opening cash.</summary>
    public required decimal InitialCash { get; init; }

    /// <summary>Input problems.</summary>
    public required DataProblems Problems { get; init; }
}

/// <summary>The engine's order counts and exit invariants, for <c>result.json</c>.</summary>
public sealed record BacktestOrders(long Submitted, long Cancelled, long Rejected, long Denied, long OpenAtExit, long AcceptedWhileHalted, long UnhedgedLegsAtExit, string TradingStateAtExit);
