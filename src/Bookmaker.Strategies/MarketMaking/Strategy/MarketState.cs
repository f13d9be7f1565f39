using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking.Protections;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>Protections currently acting on one market (several may be active at once).</summary>
[Flags]
public enum ActiveProtections
{
    /// <summary>Nothing active.</summary>
    None = 0,

    /// <summary>Spread wider than the gap limit, or a side empty: no quotes.</summary>
    Gap = 1 << 0,

    /// <summary>No book update within the staleness limit, or the book is marked stale: quotes pulled.</summary>
    Stale = 1 << 1,

    /// <summary>The venue is not live: quotes pulled.</summary>
    VenueDown = 1 << 2,

    /// <summary>|q| at the maximum inventory: only the reducing side is quoted.</summary>
    MaxInventory = 1 << 3,

    /// <summary>Held longer than the maximum hold: passive unwinding.</summary>
    HoldTimeUnwind = 1 << 4,

    /// <summary>Held past the grace period: slippage-capped taker exit.</summary>
    ForcedExit = 1 << 5,

    /// <summary>Unrealised loss beyond the dollar stop: unwinding.</summary>
    StopLoss = 1 << 6,

    /// <summary>Adverse move beyond the percentage stop: unwinding.</summary>
    AdverseMove = 1 << 7,

    /// <summary>Toxic flow: spreads widened.</summary>
    MarkoutWiden = 1 << 8,

    /// <summary>Persistently toxic flow: market paused for the cool-down.</summary>
    MarkoutPause = 1 << 9,

    /// <summary>Expected edge below the minimum: quotes frozen.</summary>
    EdgeFreeze = 1 << 10,

    /// <summary>The risk gate is HALTED: no quotes.</summary>
    Halted = 1 << 11,

    /// <summary>The risk gate is REDUCING: only the reducing side.</summary>
    Reducing = 1 << 12,
}

/// <summary>What a slot of a market's order table holds.</summary>
internal enum SlotState : byte
{
    Free = 0,
    Live,
    CancelPending,
    RetryPending,
}

/// <summary>A quote (passive, reconciled) or an exit (taker, forced).</summary>
internal enum SlotKind : byte
{
    Quote = 0,
    Exit,
}

/// <summary>One of our orders for a market, as the strategy tracks it (token 0 = quoted, 1 = complement).</summary>
internal struct QuoteSlot
{
    public SlotState State;
    public SlotKind Kind;
    public byte Token;
    public Side Side;
    public ClientOrderId Id;
    public Price Price;
    public Quantity Size;
    public int Level;
    public int Retries;
    public int Generation;
    public double Score;
    public long PlacedTicks;
}

/// <summary>
/// Everything the strategy keeps per market: estimators, the order table, throttle and protection state, counters,
/// and every scratch buffer the quoting cycle needs (preallocated so a cycle that changes no order allocates nothing).
/// The position is not kept here: inventory, average entry and opening time are read from the portfolio's ledger.
/// </summary>
internal sealed class MarketState
{
    public const int DepthLevels = 16;

    public MarketState(int index, MarketMakerMarket spec, Instrument quoted, Instrument? complement, MarketMakerOptions options, int ladderQuotes)
    {
        Index = index;
        Spec = spec;
        Quoted = quoted;
        Complement = complement;
        Vol = new EwmaVolatility(options.VolatilityOptions);
        Intensity = new TradeIntensityEstimator(options.IntensityOptions);
        Markouts = new MarkoutTracker(options.MarkoutOptions);
        int legs = 2 * ladderQuotes;
        Slots = new QuoteSlot[4 * legs + 8];
        Ladder = new LadderQuote[ladderQuotes];
        Desired = [new DesiredQuote[legs], new DesiredQuote[legs]];
        DesiredLevel = [new int[legs], new int[legs]];
        Resting = new RestingQuote[Slots.Length];
        Cancels = new ClientOrderId[Slots.Length];
        Places = new DesiredQuote[legs];
        DepthBids = new BookLevel[DepthLevels];
        DepthAsks = new BookLevel[DepthLevels];
        RewardOrders = new RewardOrder[Slots.Length];
        Horizons = options.MarkoutOptions.EffectiveHorizons.Count;
    }

    public int Index { get; }

    /// <summary>The market's quoting terms; null until resolved (see <see cref="MarketMakerOptions.PerMarket"/>).</summary>
    public MarketQuoteTerms? Terms { get; set; }

    public MarketMakerMarket Spec { get; }

    public Instrument Quoted { get; }

    public Instrument? Complement { get; }

    public bool IsBinary => Complement is not null;

    /// <summary>
    /// For a member of a neg-risk event with ≥ 3 registered outcomes: the condition ids of every outcome of the event,
    /// this one included; null otherwise. One YES of every outcome is a complete basket worth exactly $1 — hedged, so
    /// it is not this market's inventory (see <c>Portfolio.CompleteBaskets</c>).
    /// </summary>
    public string[]? EventMarkets { get; set; }

    public EwmaVolatility Vol { get; }

    public TradeIntensityEstimator Intensity { get; }

    /// <summary>Replaced by a fresh tracker when a markout pause ends (its history is what paused the market).</summary>
    public MarkoutTracker Markouts { get; set; }

    public int Horizons { get; }

    public QuoteSlot[] Slots { get; }

    public LadderQuote[] Ladder { get; }

    public DesiredQuote[][] Desired { get; }

    public int[][] DesiredLevel { get; }

    public int[] DesiredCount { get; } = new int[2];

    public RestingQuote[] Resting { get; }

    public ClientOrderId[] Cancels { get; }

    public DesiredQuote[] Places { get; }

    public BookLevel[] DepthBids { get; }

    public BookLevel[] DepthAsks { get; }

    public RewardOrder[] RewardOrders { get; }

    public RoutedOrder[] Legs { get; } = new RoutedOrder[2];

    // Throttle, timers and flags.
    public long LastBookTicks;
    public long LastRequoteTicks = long.MinValue;
    public long KappaFitTicks = long.MinValue;
    public double Kappa = double.NaN;
    public bool Dirty;
    public long PausedUntilTicks;
    public ActiveProtections Active;

    // Quiet watch: the last time the market had a quote resting (or was halted or paused, which alert on their own),
    // the denial count then, and whether mm_not_quoting is raised.
    public long QuotingTicks;
    public long DenialsWhenQuoting;
    public bool QuietAlerted;

    // The unhedged inventory q (the ledger's) the last quoting cycle was built on: when it changes without a fill here
    // (baskets completed or broken in another market of the event), the market is requoted.
    public long QuotedInventoryRaw;

    // Last cycle's model outputs (for reports).
    public double Fair = double.NaN;
    public double Reservation = double.NaN;
    public double HalfSpread = double.NaN;
    public double RewardQMin;

    // Counters.
    public long RequestsSaved;
    public long Submits;
    public long CancelsSent;
    public long Denials;
    public long PostOnlyRetries;
    public long PostOnlyGiveUps;
    public long ForcedExits;
    public long SlotsExhausted;
    public long InventoryTrims;
    public string? LastDenial;

    /// <summary>True when at least one quote of ours rests or awaits its post-only retry (cancels in flight and exits do not count).</summary>
    public bool HasQuote()
    {
        for (int i = 0; i < Slots.Length; i++)
            if (Slots[i].Kind == SlotKind.Quote && Slots[i].State is SlotState.Live or SlotState.RetryPending) return true;
        return false;
    }

    /// <summary>A free slot index, or −1 when the table is full.</summary>
    public int FreeSlot()
    {
        for (int i = 0; i < Slots.Length; i++)
            if (Slots[i].State == SlotState.Free) return i;
        return -1;
    }

    /// <summary>The slot holding <paramref name="id"/>, or −1.</summary>
    public int FindSlot(ClientOrderId id)
    {
        for (int i = 0; i < Slots.Length; i++)
            if (Slots[i].State != SlotState.Free && Slots[i].Id == id) return i;
        return -1;
    }

    /// <summary>True when a fill of an order on <paramref name="token"/> raises q: a YES (or crypto) buy, a NO sell.</summary>
    public static bool RaisesQ(int token, Side side) => (token == 0) == (side == Side.Buy);

    /// <summary>
    /// Leaves of our orders that can still fill, by YES-equivalent direction: every occupied slot (live, in flight,
    /// awaiting a post-only retry, cancelled but not confirmed), except <paramref name="exceptSlot"/>. With
    /// <paramref name="outsideReconcile"/> only the slots the next reconciliation will not keep or cancel (cancels in
    /// flight and exits): the ladder sizes the rest afresh.
    /// </summary>
    public void OpenExposure(bool outsideReconcile, int exceptSlot, out Quantity raising, out Quantity lowering)
    {
        long up = 0, down = 0;
        for (int i = 0; i < Slots.Length; i++)
        {
            ref readonly var s = ref Slots[i];
            if (s.State == SlotState.Free || i == exceptSlot) continue;
            if (outsideReconcile && s.Kind == SlotKind.Quote && s.State is SlotState.Live or SlotState.RetryPending) continue;
            if (RaisesQ(s.Token, s.Side)) up += s.Size.Raw;
            else down += s.Size.Raw;
        }

        raising = new Quantity(up);
        lowering = new Quantity(down);
    }

    /// <summary>The instrument of token 0 (quoted) or 1 (complement).</summary>
    public Instrument Token(int token) => token == 0 ? Quoted : Complement!;
}
