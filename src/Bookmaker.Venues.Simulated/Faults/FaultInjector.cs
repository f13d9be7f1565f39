using Bookmaker.Venues.Simulated.Latency;

namespace Bookmaker.Venues.Simulated.Faults;

/// <summary>
/// Decides, per request or message, whether a fault strikes, deterministically from a seed. Each endpoint has its own
/// <see cref="Random"/> derived from the seed, so the feed's message volume does not shift the decisions on orders;
/// an endpoint without rules draws nothing. One uniform draw per call picks at most one fault (rules are exclusive,
/// laid end to end on [0, 1)). Not thread-safe; allocation free per call.
/// </summary>
public sealed class FaultInjector
{
    private readonly FaultRule[][] _rules;
    private readonly double[][] _cumulative;
    private readonly Random?[] _random;

    /// <summary>An injector for <paramref name="spec"/> seeded with <paramref name="seed"/>.</summary>
    public FaultInjector(FaultSpec spec, int seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        int n = Enum.GetValues<FaultEndpoint>().Length;
        _rules = new FaultRule[n][];
        _cumulative = new double[n][];
        _random = new Random?[n];
        for (int e = 0; e < n; e++)
        {
            _rules[e] = spec.Rules.Where(r => (int)r.Endpoint == e).ToArray();
            _cumulative[e] = new double[_rules[e].Length];
            double sum = 0;
            for (int i = 0; i < _rules[e].Length; i++) _cumulative[e][i] = sum += _rules[e][i].Probability;
            if (_rules[e].Length > 0) _random[e] = new Random(LatencyProfile.DeriveSeed(seed, 100 + e));
        }
    }

    /// <summary>The spec in force.</summary>
    public FaultSpec Spec { get; }

    /// <summary>The verdict for the next request or message on <paramref name="endpoint"/>.</summary>
    public FaultDecision Decide(FaultEndpoint endpoint)
    {
        var random = _random[(int)endpoint];
        if (random is null) return FaultDecision.None;
        double u = random.NextDouble();
        var cumulative = _cumulative[(int)endpoint];
        for (int i = 0; i < cumulative.Length; i++)
        {
            if (u < cumulative[i]) return _rules[(int)endpoint][i].Decision;
        }

        return FaultDecision.None;
    }
}
