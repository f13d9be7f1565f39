using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage;

/// <summary>One token of a basket as the host describes it.</summary>
/// <param name="Instrument">The token (tick, min size, size step, outcome links).</param>
/// <param name="Fee">Its taker fee curve (per market r and e on Polymarket).</param>
/// <param name="OutcomeName">The outcome's name in a neg-risk event ("Trump", "Other", "Person X"); null for binary legs.</param>
/// <param name="IsPlaceholder">Flagged as a placeholder by the venue (Gamma augmented neg-risk); names are checked too.</param>
public sealed record ArbLegDefinition(Instrument Instrument, ILegFeeModel Fee, string? OutcomeName = null, bool IsPlaceholder = false);

/// <summary>
/// The watched state of one arbitrage basket — a binary market's YES/NO pair or every outcome of a neg-risk event —
/// kept in preallocated arrays so that a book update and an evaluation allocate nothing. The host owns one per
/// basket, copies each leg's top levels in when its book changes (<see cref="UpdateBook"/>), keeps holdings current
/// (<see cref="SetHeld"/>) and then asks <see cref="ArbScanner.Evaluate"/>. Not thread-safe: the event loop owns it.
/// </summary>
public sealed class ArbBasket
{
    private readonly LegState[] _legs;

    private ArbBasket(string id, bool isNegRisk, IReadOnlyList<ArbLegDefinition> legs, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        Id = id;
        IsNegRisk = isNegRisk;
        Depth = depth;
        _legs = new LegState[legs.Count];
        long step = 1, minSize = 1;
        for (int i = 0; i < legs.Count; i++)
        {
            var d = legs[i];
            ArgumentNullException.ThrowIfNull(d);
            _legs[i] = new LegState(d, depth);
            step = Lcm(step, d.Instrument.SizeStep.Raw);
            minSize = Math.Max(minSize, d.Instrument.MinSize.Raw);
            if (d.IsPlaceholder || (isNegRisk && PlaceholderOutcomes.IsPlaceholder(d.OutcomeName))) HasPlaceholder = true;
        }

        CommonSizeStep = new Quantity(step);
        MinSetSize = new Quantity(minSize);
        BuyPlan = new ArbLegPlan[legs.Count];
        SellPlan = new ArbLegPlan[legs.Count];
    }

    /// <summary>
    /// A binary complete set: the YES and NO token of one market (their <see cref="OutcomeLinks"/> must name each
    /// other as complements).
    /// </summary>
    public static ArbBasket CompleteSet(string marketId, ArbLegDefinition yes, ArbLegDefinition no, int depth = 10)
    {
        ArgumentNullException.ThrowIfNull(yes);
        ArgumentNullException.ThrowIfNull(no);
        var y = yes.Instrument.Outcome ?? throw new ArgumentException("YES leg is not an outcome token", nameof(yes));
        var n = no.Instrument.Outcome ?? throw new ArgumentException("NO leg is not an outcome token", nameof(no));
        if (!y.IsYes || n.IsYes) throw new ArgumentException("legs must be the YES and the NO token, in that order", nameof(yes));
        if (y.Complement != no.Instrument.Id || n.Complement != yes.Instrument.Id || y.MarketId != n.MarketId)
            throw new ArgumentException("YES and NO must be complements of one market", nameof(no));
        return new ArbBasket(marketId, false, [yes, no], depth);
    }

    /// <summary>
    /// A neg-risk event: the YES token of every outcome (at least three). The host must pass every market of the event
    /// — a missing outcome breaks the "exactly one pays $1" guarantee.
    /// </summary>
    public static ArbBasket NegRisk(string eventId, IReadOnlyList<ArbLegDefinition> outcomes, int depth = 10)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count < 3) throw new ArgumentException("a neg-risk basket needs at least three outcomes", nameof(outcomes));
        var seen = new HashSet<InstrumentId>();
        foreach (var o in outcomes)
        {
            var links = o.Instrument.Outcome ?? throw new ArgumentException($"{o.Instrument} is not an outcome token", nameof(outcomes));
            if (!links.IsYes) throw new ArgumentException($"{o.Instrument} is not a YES token", nameof(outcomes));
            if (links.NegRiskEventId != eventId) throw new ArgumentException($"{o.Instrument} is not in neg-risk event {eventId}", nameof(outcomes));
            if (!seen.Add(o.Instrument.Id)) throw new ArgumentException($"{o.Instrument} listed twice", nameof(outcomes));
        }

        return new ArbBasket(eventId, true, outcomes, depth);
    }

    /// <summary>Market condition id (binary) or neg-risk event id.</summary>
    public string Id { get; }

    /// <summary>True for a neg-risk event basket.</summary>
    public bool IsNegRisk { get; }

    /// <summary>Book levels kept per side per leg.</summary>
    public int Depth { get; }

    /// <summary>Number of legs.</summary>
    public int LegCount => _legs.Length;

    /// <summary>True when an outcome is a placeholder or catch-all ("Other", "Person X", flagged).</summary>
    public bool HasPlaceholder { get; }

    /// <summary>A size that is a multiple of every leg's size step (their least common multiple).</summary>
    public Quantity CommonSizeStep { get; }

    /// <summary>The smallest basket: the largest of the legs' minimum order sizes.</summary>
    public Quantity MinSetSize { get; }

    /// <summary>The leg's definition.</summary>
    public ArbLegDefinition Leg(int leg) => _legs[leg].Definition;

    /// <summary>The leg index of <paramref name="instrument"/>, or −1 (linear: call off the hot path and cache).</summary>
    public int IndexOf(InstrumentId instrument)
    {
        for (int i = 0; i < _legs.Length; i++)
        {
            if (_legs[i].Definition.Instrument.Id == instrument) return i;
        }

        return -1;
    }

    /// <summary>Copies the top <see cref="Depth"/> levels of both sides of one leg's book (best first, zero sizes skipped).</summary>
    public void UpdateBook(int leg, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        UpdateBids(leg, bids);
        UpdateAsks(leg, asks);
    }

    /// <summary>Copies the top ask levels of one leg (ascending prices, best first).</summary>
    public void UpdateAsks(int leg, ReadOnlySpan<BookLevel> asks) => _legs[leg].Asks.Load(asks, _legs[leg].Definition.Fee, roundUp: true);

    /// <summary>Copies the top bid levels of one leg (descending prices, best first).</summary>
    public void UpdateBids(int leg, ReadOnlySpan<BookLevel> bids) => _legs[leg].Bids.Load(bids, _legs[leg].Definition.Fee, roundUp: false);

    /// <summary>Sets the shares of this leg's token currently held (for the sell side).</summary>
    public void SetHeld(int leg, Quantity held) => _legs[leg].Held = held;

    /// <summary>Shares of the leg held.</summary>
    public Quantity Held(int leg) => _legs[leg].Held;

    internal ArbLegPlan[] BuyPlan { get; }

    internal ArbLegPlan[] SellPlan { get; }

    internal DedupState BuyDedup;

    internal DedupState SellDedup;

    internal LegState LegAt(int leg) => _legs[leg];

    private static long Lcm(long a, long b)
    {
        long x = a, y = b;
        while (y != 0) (x, y) = (y, x % y);
        return checked(a / x * b);
    }

    /// <summary>Per-leg book levels and holdings.</summary>
    internal sealed class LegState(ArbLegDefinition definition, int depth)
    {
        public ArbLegDefinition Definition { get; } = definition;

        public LevelSide Asks { get; } = new(depth);

        public LevelSide Bids { get; } = new(depth);

        public Quantity Held { get; set; }
    }

    /// <summary>
    /// One side of a leg's book: prices, sizes, the fee bound per share of each level, and the exact notional (rounded
    /// against us: up for asks, down for bids) and fee of taking the whole level, so pricing a basket computes only each
    /// leg's last, partly taken level.
    /// </summary>
    internal sealed class LevelSide(int depth)
    {
        public readonly long[] Price = new long[depth];
        public readonly long[] Size = new long[depth];
        public readonly long[] FeeBound = new long[depth];
        public readonly long[] FullNotional = new long[depth];
        public readonly long[] FullFee = new long[depth];
        public int Count;
        public int Computed; // slots whose FeeBound matches their Price

        public void Load(ReadOnlySpan<BookLevel> levels, ILegFeeModel fee, bool roundUp)
        {
            int n = 0;
            for (int i = 0; i < levels.Length && n < Price.Length; i++)
            {
                var l = levels[i];
                if (l.Size.Raw <= 0) continue;
                // Most updates move sizes, not prices: keep the fee bound already computed for this price.
                if (Price[n] != l.Price.Raw || n >= Computed)
                {
                    Price[n] = l.Price.Raw;
                    FeeBound[n] = fee.FeePerShareBound(l.Price);
                }

                Size[n] = l.Size.Raw;
                FullNotional[n] = ArbMath.MulScaled(l.Price.Raw, l.Size.Raw, roundUp);
                FullFee[n] = fee.TakerFee(l.Price, l.Size).Raw;
                n++;
            }

            Count = n;
            if (n > Computed) Computed = n;
        }
    }

    /// <summary>What was last reported for one kind, so the same basket at the same prices is not reported twice.</summary>
    internal struct DedupState
    {
        public bool HasReport;
        public long ReportedAt;
        public long Sets;
        public long Notional;
        public long Fees;
        public ArbActionability Actionability;
        public long[]? Limits;
    }
}
