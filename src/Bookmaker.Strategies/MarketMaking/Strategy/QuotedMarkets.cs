using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// The markets the strategy quotes, built once at start from their specs: each market's state, found from either of its
/// tokens by instrument index (an array access, no dictionary on the hot path).
/// </summary>
internal sealed class QuotedMarkets
{
    private readonly MarketState[] _markets;
    private readonly int[] _byInstrument;

    private QuotedMarkets(MarketState[] markets, int[] byInstrument)
    {
        _markets = markets;
        _byInstrument = byInstrument;
    }

    /// <summary>No markets (before start).</summary>
    public static QuotedMarkets None { get; } = new([], []);

    /// <summary>
    /// Builds the market states over the context's instruments; a NO token given as quoted, or a market listed twice,
    /// is a configuration error.
    /// </summary>
    public static QuotedMarkets Build(IStrategyContext context, IReadOnlyList<MarketMakerMarket> specs, MarketMakerSettings settings)
    {
        var registry = context.Instruments;
        var byInstrument = new int[registry.Count];
        Array.Fill(byInstrument, -1);
        var markets = new MarketState[specs.Count];
        for (int i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var quoted = registry.Get(spec.Quoted);
            Instrument? complement = null;
            if (quoted.Outcome is { } links)
            {
                if (!links.IsYes) throw new ArgumentException($"{spec.Quoted} is not a YES token; quote markets on their YES token", nameof(context));
                complement = registry.Get(links.Complement);
            }

            if (byInstrument[quoted.Index] >= 0) throw new ArgumentException($"market {spec.Quoted} listed twice", nameof(context));
            markets[i] = new MarketState(i, spec, quoted, complement, settings.Options, settings.MaxLadderQuotes) { Terms = settings.SharedTerms };
            byInstrument[quoted.Index] = i;
            if (complement is not null) byInstrument[complement.Index] = i;
        }

        foreach (var m in markets) m.EventMarkets = EventMarketsOf(registry, m.Quoted);
        return new QuotedMarkets(markets, byInstrument);
    }

    /// <summary>Every market, in spec order (an array: iterating it allocates nothing).</summary>
    public MarketState[] All => _markets;

    /// <summary>The market state of an instrument (YES or NO token), or null when it is not one of ours.</summary>
    public MarketState? Of(Instrument instrument)
    {
        int i = instrument.Index;
        if ((uint)i >= (uint)_byInstrument.Length) return null;
        int m = _byInstrument[i];
        return m < 0 ? null : _markets[m];
    }

    /// <summary>The market state of an instrument id, or null when it is unknown or not one of ours.</summary>
    public MarketState? Of(InstrumentRegistry registry, InstrumentId id) =>
        registry.TryGet(id, out var instrument) ? Of(instrument) : null;

    private static string[]? EventMarketsOf(InstrumentRegistry registry, Instrument quoted)
    {
        if (quoted.Outcome is not { NegRiskEventId: { } eventId }) return null;
        var markets = registry.All
            .Where(i => i.Outcome is { IsYes: true } o && string.Equals(o.NegRiskEventId, eventId, StringComparison.Ordinal))
            .Select(i => i.Outcome!.MarketId)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return markets.Length >= 3 ? markets : null;
    }
}
