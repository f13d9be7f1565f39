using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The markets the emulator lists and how requests name them: by token id (with the token's engine slot) or by
/// condition id. Each market is a binary market of the <see cref="MatchingEngine"/>, free or with the taker fee of
/// <see cref="EmulatedMarket.TakerFeeBps"/> (<see cref="PublishedRateFeeModel"/>).
/// </summary>
internal sealed class EmulatedMarkets
{
    private readonly List<MarketState> _all = [];
    private readonly Dictionary<string, (MarketState Market, int Slot)> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MarketState> _byCondition = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Lists every market of <paramref name="definitions"/> on <paramref name="engine"/>.</summary>
    public EmulatedMarkets(MatchingEngine engine, IEnumerable<EmulatedMarket> definitions)
    {
        foreach (EmulatedMarket m in definitions) Add(engine, m);
    }

    /// <summary>Markets in definition order.</summary>
    public IReadOnlyList<MarketState> All => _all;

    /// <summary>True when <paramref name="tokenId"/> is a token of a listed market.</summary>
    public bool IsToken(string tokenId) => _tokens.ContainsKey(tokenId);

    /// <summary>The market and engine slot of a token.</summary>
    public bool TryToken(string tokenId, out MarketState market, out int slot)
    {
        if (_tokens.TryGetValue(tokenId, out var t))
        {
            (market, slot) = t;
            return true;
        }

        market = null!;
        slot = -1;
        return false;
    }

    /// <summary>The market and engine slot of a token; throws for an unknown one (admin calls).</summary>
    public (MarketState Market, int Slot) Token(string tokenId) =>
        _tokens.TryGetValue(tokenId, out var t) ? t : throw new ArgumentException($"unknown token {tokenId}", nameof(tokenId));

    /// <summary>A market by condition id (case-insensitive).</summary>
    public bool TryCondition(string conditionId, out MarketState market) => _byCondition.TryGetValue(conditionId, out market!);

    private void Add(MatchingEngine engine, EmulatedMarket m)
    {
        var yesId = new InstrumentId(VenueNames.Polymarket, m.YesTokenId);
        var noId = new InstrumentId(VenueNames.Polymarket, m.NoTokenId);
        var yes = Instrument.PolymarketToken(m.YesTokenId, m.TickSize, new OutcomeLinks(m.ConditionId, "Yes", true, noId), m.MinOrderSize);
        var no = Instrument.PolymarketToken(m.NoTokenId, m.TickSize, new OutcomeLinks(m.ConditionId, "No", false, yesId), m.MinOrderSize);
        IFeeModel fees = m.TakerFeeBps > 0 ? new PublishedRateFeeModel(m.TakerFeeBps) : ZeroFeeModel.Instance;
        int index = engine.AddBinaryMarket(yes, no, fees);
        var state = new MarketState
        {
            Definition = m,
            EngineMarket = index,
            YesSlot = engine.SlotOf(yesId),
            NoSlot = engine.SlotOf(noId),
            Tick = m.TickSize,
        };
        _all.Add(state);
        _tokens[m.YesTokenId] = (state, state.YesSlot);
        _tokens[m.NoTokenId] = (state, state.NoSlot);
        _byCondition[m.ConditionId] = state;
    }
}
