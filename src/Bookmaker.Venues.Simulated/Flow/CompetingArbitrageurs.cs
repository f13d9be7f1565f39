using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// Arbitrageurs racing us for a neg-risk event's mispricings (issue 15, 4(e)). Each has its own latency, drawn once from
/// a seeded lognormal (some faster than our feed plus order path, some slower). When the sum of the outcomes' best YES
/// asks falls below 1 − threshold, every idle competitor notes the asks it sees and, its latency later, sends a
/// fill-and-kill buy at each of those asks, sized to the visible depth of the thinnest leg and its own spending cap. The
/// orders go through the matching engine like every agent's, so whoever arrives first gets the liquidity and a slower
/// one finds it gone. A competitor keeps what it bought (its cash is deep); it does not unwind.
/// </summary>
/// <remarks>
/// Binary markets need no competitor: the engine keeps one book per YES/NO market, so YES ask + NO ask = 1 + the
/// spread and never sums below 1. Latencies are served on the flow's step (25 ms), rounded up.
/// </remarks>
public sealed class CompetingArbitrageurs
{
    private readonly Competitor[] _competitors;
    private readonly long _thresholdRaw;
    private readonly double _sizeCapQuote;

    private sealed class Competitor(int account, long latencyTicks, int legs)
    {
        public int Account { get; } = account;
        public long LatencyTicks { get; } = latencyTicks;
        public long FireAt { get; set; } = long.MaxValue;
        public long Size { get; set; }
        public long[] Prices { get; } = new long[legs];
    }

    /// <summary>
    /// Competitors of <paramref name="settings"/> trading from <paramref name="accounts"/> (one each) on an event of
    /// <paramref name="legs"/> outcomes; latencies drawn from <paramref name="random"/>.
    /// </summary>
    public CompetingArbitrageurs(ProfileArbitrage settings, IReadOnlyList<int> accounts, int legs, FlowRandom random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(random);
        _thresholdRaw = (long)Math.Round(settings.Threshold * FixedPoint.Scale);
        _sizeCapQuote = settings.SizeCapQuote;
        _competitors = new Competitor[accounts.Count];
        for (int i = 0; i < _competitors.Length; i++)
        {
            double ms = settings.LatencyMedianMs * Math.Exp(settings.LatencySigma * random.Gaussian());
            _competitors[i] = new Competitor(accounts[i], (long)(ms * TimeSpan.TicksPerMillisecond), legs);
        }
    }

    /// <summary>Each competitor's latency, in the order of the accounts.</summary>
    public IReadOnlyList<TimeSpan> Latencies => _competitors.Select(c => TimeSpan.FromTicks(c.LatencyTicks)).ToArray();

    /// <summary>Mispricings seen (steps at which the asks summed below 1 − threshold).</summary>
    public long Detections { get; private set; }

    /// <summary>Baskets sent (one per competitor and detection it acted on).</summary>
    public long Shots { get; private set; }

    /// <summary>Sends the baskets due at <paramref name="now"/>, then looks at <paramref name="legs"/> for a new mispricing.</summary>
    public void Step(IReadOnlyList<FlowMarket> legs, long now, AgentDesk desk)
    {
        ArgumentNullException.ThrowIfNull(legs);
        ArgumentNullException.ThrowIfNull(desk);
        foreach (var c in _competitors)
        {
            if (now < c.FireAt) continue;
            c.FireAt = long.MaxValue;
            for (int k = 0; k < legs.Count; k++) desk.Take(c.Account, legs[k].Slot, Side.Buy, c.Prices[k], c.Size);
            Shots++;
        }

        if (!TryBasket(legs, out long size)) return;
        Detections++;
        foreach (var c in _competitors)
        {
            if (c.FireAt != long.MaxValue) continue;
            c.FireAt = now + c.LatencyTicks;
            c.Size = size;
            for (int k = 0; k < legs.Count; k++)
            {
                legs[k].Book.TryGetBestAsk(out var p, out _);
                c.Prices[k] = p.Raw;
            }
        }
    }

    /// <summary>True when the best asks sum below 1 − threshold; <paramref name="size"/> is what one basket can take.</summary>
    private bool TryBasket(IReadOnlyList<FlowMarket> legs, out long size)
    {
        size = 0;
        long sum = 0, depth = long.MaxValue, lot = 1, minSize = 0;
        foreach (var m in legs)
        {
            if (!m.Book.TryGetBestAsk(out var price, out var visible)) return false;
            sum += price.Raw;
            depth = Math.Min(depth, visible.Raw);
            lot = Math.Max(lot, m.LotRaw);
            minSize = Math.Max(minSize, m.MinSizeRaw);
        }

        if (sum >= FixedPoint.Scale - _thresholdRaw) return false;
        double capShares = _sizeCapQuote / (sum / (double)FixedPoint.Scale) * FixedPoint.Scale;
        size = Math.Min(depth, (long)Math.Min(capShares, 1e15)) / lot * lot;
        return size >= minSize;
    }
}
