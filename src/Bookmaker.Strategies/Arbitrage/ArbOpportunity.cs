using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage;

/// <summary>What an arbitrage basket does.</summary>
public enum ArbKind : byte
{
    /// <summary>Buy YES and NO of one binary market (then merge, or hold to resolution): pays $1 per set.</summary>
    BuySet = 0,

    /// <summary>Sell held YES and NO of one binary market for more than the $1 a merge would give.</summary>
    SellSet = 1,

    /// <summary>Buy one YES of every outcome of a neg-risk event: exactly one resolves YES, so a set pays $1.</summary>
    NegRiskBuyAll = 2,
}

/// <summary>Whether a found opportunity can be traded now.</summary>
public enum ArbActionability : byte
{
    /// <summary>Yes: sized within every cap.</summary>
    Actionable = 0,

    /// <summary>A sell-set edge exists but the legs are not held (in at least the minimum size); recorded, not traded.</summary>
    NotHeld = 1,

    /// <summary>A buy edge exists but the cash available does not reach the minimum size; recorded, not traded.</summary>
    InsufficientCash = 2,
}

/// <summary>One leg of a planned basket.</summary>
/// <param name="Instrument">The token traded.</param>
/// <param name="Side">Buy for buy baskets, sell for sell baskets.</param>
/// <param name="LimitPrice">The worst book level price the plan uses on this leg (the order's limit).</param>
/// <param name="Size">Shares (= sets).</param>
/// <param name="Notional">Σ level price × size taken on this leg (exact).</param>
/// <param name="Fee">Taker fee of this leg, level by level, as the venue rounds it.</param>
public readonly record struct ArbLegPlan(Instrument Instrument, Side Side, Price LimitPrice, Quantity Size, Money Notional, Money Fee);

/// <summary>An order the executor will submit for one leg (plain data; it still passes the risk gate).</summary>
/// <param name="Instrument">The token.</param>
/// <param name="Side">Side.</param>
/// <param name="Type">Always a limit order: the limit caps the price the leg can pay.</param>
/// <param name="TimeInForce">FOK by default (all or nothing per leg), FAK optional.</param>
/// <param name="LimitPrice">Worst level price the plan used.</param>
/// <param name="Size">Shares.</param>
public readonly record struct ArbLegOrder(Instrument Instrument, Side Side, OrderType Type, TimeInForce TimeInForce, Price LimitPrice, Quantity Size);

/// <summary>
/// A detected arbitrage: its legs, sets, exact money figures and score. Produced by <see cref="ArbScanner"/> without
/// allocating: <see cref="Legs"/> points into the basket's own buffer and is valid until the next evaluation of the same
/// basket and kind — call <see cref="Detach"/> to keep it longer.
/// </summary>
public readonly record struct ArbOpportunity
{
    /// <summary>The basket's id (market condition id or neg-risk event id).</summary>
    public string BasketId { get; init; }

    /// <summary>What the basket does.</summary>
    public ArbKind Kind { get; init; }

    /// <summary>Whether it can be traded now.</summary>
    public ArbActionability Actionability { get; init; }

    /// <summary>The legs (one per token).</summary>
    public ReadOnlyMemory<ArbLegPlan> Legs { get; init; }

    /// <summary>Number of complete sets (the common size of every leg).</summary>
    public Quantity Sets { get; init; }

    /// <summary>Σ legs' price × size (exact).</summary>
    public Money GrossNotional { get; init; }

    /// <summary>Σ legs' taker fees.</summary>
    public Money Fees { get; init; }

    /// <summary>$1 × sets: what the sets pay at resolution or merge (buy), or the merge value given up (sell).</summary>
    public Money Payout { get; init; }

    /// <summary>Expected profit after every fee: Payout − Notional − Fees (buy) or Notional − Fees − Payout (sell).</summary>
    public Money Profit { get; init; }

    /// <summary>Cash committed: Notional + Fees for a buy, the $1 merge value of the held sets for a sell.</summary>
    public Money Capital { get; init; }

    /// <summary>Detection time in the host clock's ticks.</summary>
    public long DetectedAtTicks { get; init; }

    /// <summary>For buys, the expected cost (Notional + Fees); for sells, zero cash is spent.</summary>
    public Money ExpectedCost => Kind == ArbKind.SellSet ? Money.Zero : GrossNotional + Fees;

    /// <summary>Profit per dollar of capital (a score; double is fine for ranking).</summary>
    public double ProfitPerDollar => Capital.Raw == 0 ? 0 : (double)Profit.Raw / Capital.Raw;

    /// <summary>Profit per set in basis points of the $1 payout.</summary>
    public double EdgeBps => Payout.Raw == 0 ? 0 : (double)Profit.Raw / Payout.Raw * 10_000;

    /// <summary>Writes one order per leg into <paramref name="destination"/> (limit = the leg's worst level price);
    /// returns the count.</summary>
    public int ToOrders(Span<ArbLegOrder> destination, TimeInForce timeInForce = TimeInForce.Fok)
    {
        if (timeInForce is not (TimeInForce.Fok or TimeInForce.Fak))
            throw new ArgumentOutOfRangeException(nameof(timeInForce), "basket legs are FOK or FAK");
        var legs = Legs.Span;
        if (destination.Length < legs.Length) throw new ArgumentException("destination too small", nameof(destination));
        for (int i = 0; i < legs.Length; i++)
        {
            ref readonly var l = ref legs[i];
            destination[i] = new ArbLegOrder(l.Instrument, l.Side, OrderType.Limit, timeInForce, l.LimitPrice, l.Size);
        }

        return legs.Length;
    }

    /// <summary>The leg orders as a new array (allocates; for the executor off the hot path).</summary>
    public ArbLegOrder[] ToOrders(TimeInForce timeInForce = TimeInForce.Fok)
    {
        var orders = new ArbLegOrder[Legs.Length];
        ToOrders(orders, timeInForce);
        return orders;
    }

    /// <summary>A copy whose legs no longer share the basket's buffer.</summary>
    public ArbOpportunity Detach() => this with { Legs = Legs.ToArray() };
}
