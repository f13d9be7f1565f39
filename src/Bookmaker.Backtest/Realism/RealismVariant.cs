namespace Bookmaker.Backtest.Realism;

/// <summary>
/// One fill model of the realism band: a queue model of the replay venue (<c>QueueModelSpec</c>) and a named latency
/// profile (<c>LatencyProfile</c> spec, null = no delay). Its <see cref="Id"/> names its output directory.
/// </summary>
/// <param name="QueueModel">Queue model spec, e.g. <c>risk_averse</c> or <c>power2</c>.</param>
/// <param name="LatencyName">Short name of the latency profile, e.g. <c>zero</c>.</param>
/// <param name="LatencySpec">The profile spec, or null for no delay.</param>
public sealed record RealismVariant(string QueueModel, string LatencyName, string? LatencySpec)
{
    /// <summary>
    /// Queue models of the band: <c>risk_averse</c> (our place in the queue moves only when the queue ahead trades: the
    /// pessimistic bound), <c>power2</c> (the default) and <c>log</c> (hftbacktest's logarithmic probability that a
    /// cancel was ahead of us).
    /// </summary>
    public static IReadOnlyList<string> QueueModels { get; } = ["risk_averse", "power2", "log"];

    /// <summary>
    /// Latency profiles of the band: <c>zero</c> (no delay), <c>colocated</c> (about a millisecond) and <c>remote</c>
    /// (tens of milliseconds with a log-normal tail: a bot on a home line or another continent).
    /// </summary>
    public static IReadOnlyList<(string Name, string? Spec)> Latencies { get; } =
    [
        ("zero", null),
        ("colocated", "feed=const:1ms,entry=const:1ms,response=const:1ms"),
        ("remote", "feed=lognormal:40ms:0.5,entry=lognormal:80ms:0.5,response=lognormal:80ms:0.5"),
    ];

    /// <summary>Every queue model × every latency profile, queue model outermost (3 × 3 = 9 variants).</summary>
    public static IReadOnlyList<RealismVariant> Standard { get; } =
        [.. QueueModels.SelectMany(q => Latencies.Select(l => new RealismVariant(q, l.Name, l.Spec)))];

    /// <summary>The variant's name and directory under <c>realism/</c>, e.g. <c>power2-remote</c>.</summary>
    public string Id => QueueModel.Replace(':', '_') + "-" + LatencyName;
}
