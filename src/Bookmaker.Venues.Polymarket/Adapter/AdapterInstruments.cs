using Bookmaker.Core.Instruments;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>One instrument the adapter trades: the engine's instrument, its market and its token id.</summary>
/// <param name="Instrument">The engine instrument (YES or NO token).</param>
/// <param name="Market">The market it belongs to.</param>
/// <param name="Token">The token id (the instrument's symbol).</param>
internal readonly record struct AdapterInstrument(Instrument Instrument, PolymarketMarket Market, string Token);

/// <summary>
/// The instruments of the configured markets — two per market (YES and NO, linked as complements) — in configuration
/// order, each findable by id with its market and token. A market named twice is listed once.
/// </summary>
internal sealed class AdapterInstruments
{
    private readonly Dictionary<InstrumentId, AdapterInstrument> _byId = [];
    private readonly List<Instrument> _all = [];

    /// <summary>Builds the table from the markets.</summary>
    public AdapterInstruments(IReadOnlyList<PolymarketMarket> markets)
    {
        foreach (var m in markets)
        {
            var (yes, no) = m.ToInstruments();
            foreach (var (inst, token) in new[] { (yes, m.YesTokenId), (no, m.NoTokenId) })
            {
                if (_byId.TryAdd(inst.Id, new AdapterInstrument(inst, m, token))) _all.Add(inst);
            }
        }
    }

    /// <summary>Every instrument, in configuration order.</summary>
    public IReadOnlyList<Instrument> All => _all;

    /// <summary>True when <paramref name="id"/> is one of the adapter's instruments.</summary>
    public bool Contains(InstrumentId id) => _byId.ContainsKey(id);

    /// <summary>An instrument with its market and token.</summary>
    public bool TryGet(InstrumentId id, out AdapterInstrument instrument) => _byId.TryGetValue(id, out instrument);

    /// <summary>The condition ids of the markets (each once): the user channel's market filter.</summary>
    public List<string> ConditionIds() => _byId.Values.Select(v => v.Market.ConditionId).Distinct().ToList();
}
