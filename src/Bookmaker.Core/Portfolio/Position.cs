using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// Our holding of one instrument: signed quantity (long &gt; 0, short &lt; 0), the exact cost basis of what is open,
/// realized P&amp;L, and fees and rebates kept apart from it. Changed only by <see cref="Portfolio"/> on the event loop.
/// </summary>
/// <remarks>
/// <para>Average cost is exact as the pair (<see cref="CostBasis"/>, |<see cref="Quantity"/>|); <see cref="AverageCost"/>
/// is their rounded ratio for display. Adding to a position adds the fill's notional to the basis. Reducing it removes
/// the closed share of the basis (basis × closed / open, rounded half-even to 1e-9) and realizes the difference to the
/// fill's notional; whatever the rounding, what is removed from the basis is exactly what realized P&amp;L is measured
/// against, so realized + basis always accounts for every cent of cash. When a fill flips the side, the remainder opens
/// at the fill price (basis = fill notional − closed part's notional) and the opened-at time restarts.</para>
/// <para>Realized P&amp;L is trading P&amp;L only: fees paid and rebates earned are never netted into it.</para>
/// </remarks>
public sealed class Position
{
    private readonly MarkBoard _marks;

    internal Position(Instrument instrument, MarkBoard marks)
    {
        Instrument = instrument;
        _marks = marks;
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>The instrument's id.</summary>
    public InstrumentId Id => Instrument.Id;

    /// <summary>Signed size: long &gt; 0, short &lt; 0.</summary>
    public Quantity Quantity { get; private set; }

    /// <summary>Exact entry cost of the open quantity (≥ 0): paid for a long, received for a short.</summary>
    public Money CostBasis { get; private set; }

    /// <summary>Realized trading P&amp;L (fees and rebates excluded).</summary>
    public Money RealizedPnl { get; private set; }

    /// <summary>
    /// Fees paid on this instrument (≥ 0), in USDC-equivalent: cash fees as paid, fees kept in shares valued at the
    /// fill price (<see cref="Fees.ShareFee.ValueOf"/>).
    /// </summary>
    public Money FeesPaid { get; private set; }

    /// <summary>Shares the venue kept as fees on BUYs of this instrument (≥ 0); their value is part of <see cref="FeesPaid"/>.</summary>
    public Quantity FeeShares { get; private set; }

    /// <summary>Rebates earned on this instrument (≥ 0).</summary>
    public Money RebatesEarned { get; private set; }

    /// <summary>When the current position was opened (from flat, or by a flip); null while flat. For max hold time.</summary>
    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>
    /// The instrument's latest mark, read from the portfolio's one store of marks (null when the instrument has none).
    /// The first mark after a position was adopted without one also fixes that position's basis (see
    /// <see cref="BasisAwaitsMark"/>).
    /// </summary>
    public Price? Mark => _marks.Get(Instrument.Index);

    /// <summary>
    /// True while the open quantity was adopted from the venue (reconciliation) before any price was known. Its basis is
    /// then set at the first mark (or the first fill's price), so the adoption itself shows neither profit nor loss:
    /// a basis of zero would book the whole holding as unrealized profit and hide real losses from the daily loss limit.
    /// </summary>
    public bool BasisAwaitsMark { get; private set; }

    /// <summary>True with no open quantity.</summary>
    public bool IsFlat => Quantity.Raw == 0;

    /// <summary>CostBasis / |Quantity| rounded half-even to 1e-9; null while flat. Display only: the exact pair is the truth.</summary>
    public Price? AverageCost => Quantity.Raw == 0 ? null : new Price(PnlMath.Ratio(CostBasis.Raw, FixedPointScale, Math.Abs(Quantity.Raw)));

    /// <summary>CostBasis with the position's sign (negative for a short): what the open quantity stands in for in cash.</summary>
    public Money SignedCostBasis => Quantity.Raw < 0 ? -CostBasis : CostBasis;

    /// <summary>Signed value of the position at <paramref name="mark"/> (quantity × mark, half-even).</summary>
    public Money MarketValue(Price mark) => Money.Notional(mark, Quantity);

    /// <summary>Value at the stored mark, or at cost when no mark was set.</summary>
    public Money MarketValue() => Mark is { } m ? MarketValue(m) : SignedCostBasis;

    /// <summary>Unrealized P&amp;L against <paramref name="mark"/>: market value − signed cost basis.</summary>
    public Money UnrealizedPnl(Price mark) => MarketValue(mark) - SignedCostBasis;

    /// <summary>Unrealized P&amp;L at the stored mark (zero when no mark was set).</summary>
    public Money UnrealizedPnl() => MarketValue() - SignedCostBasis;

    /// <summary>Realized + unrealized − fees + rebates, at the stored mark.</summary>
    public Money NetPnl() => RealizedPnl + UnrealizedPnl() - FeesPaid + RebatesEarned;

    private const long FixedPointScale = FixedPoint.Scale;

    internal void Apply(Side side, Price price, Quantity size, Money notional, Money fee, Money rebate, DateTimeOffset at,
        Quantity feeShares = default)
    {
        // A holding adopted before any mark: this fill's price is the best evidence of what it is worth now.
        if (BasisAwaitsMark) SettleBasis(price);
        FeesPaid += fee;
        FeeShares += feeShares;
        RebatesEarned += rebate;
        if (size.Raw == 0) return; // a BUY whose whole size went to its fee: nothing arrived
        long delta = side == Side.Buy ? size.Raw : -size.Raw;
        long qty = Quantity.Raw;
        if (qty == 0 || (qty > 0) == (delta > 0))
        {
            if (qty == 0) OpenedAt = at;
            Quantity = new Quantity(checked(qty + delta));
            CostBasis += notional;
            return;
        }

        long open = Math.Abs(qty);
        long close = Math.Min(size.Raw, open);
        Money removed = close == open ? CostBasis : new Money(PnlMath.Ratio(CostBasis.Raw, close, open));
        Money closeNotional = close == size.Raw ? notional : Money.Notional(price, new Quantity(close));
        // Long: sold for closeNotional what cost `removed`. Short: bought back for closeNotional what brought in `removed`.
        RealizedPnl += qty > 0 ? closeNotional - removed : removed - closeNotional;
        CostBasis -= removed;
        long remaining = size.Raw - close;
        if (remaining == 0)
        {
            Quantity = new Quantity(qty + delta);
            if (Quantity.Raw == 0) OpenedAt = null;
            return;
        }

        // Flip: the remainder opens at the fill price; its basis is the rest of this fill's notional, exactly.
        Quantity = new Quantity(delta > 0 ? remaining : -remaining);
        CostBasis = notional - closeNotional;
        OpenedAt = at;
    }

    /// <summary>
    /// Sets the quantity to the venue's. <paramref name="adoptAt"/> (a replay after a reversal) is the price the adopted
    /// shares were first carried at; without it they are carried at the current mark.
    /// </summary>
    internal void AdjustTo(Quantity target, DateTimeOffset at, Price? adoptAt = null)
    {
        long qty = Quantity.Raw;
        if (target.Raw == qty) return;
        if (target.Raw == 0)
        {
            Quantity = Quantity.Zero;
            CostBasis = Money.Zero;
            OpenedAt = null;
            BasisAwaitsMark = false;
            return;
        }

        if (qty != 0 && (qty > 0) == (target.Raw > 0))
        {
            // Same direction: scale the basis to the new size at the current average cost.
            CostBasis = new Money(PnlMath.Ratio(CostBasis.Raw, Math.Abs(target.Raw), Math.Abs(qty)));
        }
        else
        {
            // Adopted at the mark (no profit or loss from the adoption itself); without a mark, at the first one to come.
            Price? price = adoptAt ?? Mark;
            CostBasis = price is { } mark ? Money.Notional(mark, target.Abs()) : Money.Zero;
            BasisAwaitsMark = price is null;
            OpenedAt = at;
        }

        Quantity = target;
    }

    internal void SettleBasis(Price price)
    {
        BasisAwaitsMark = false;
        CostBasis = Money.Notional(price, Quantity.Abs());
    }

    internal void Reset()
    {
        Quantity = Quantity.Zero;
        CostBasis = Money.Zero;
        RealizedPnl = Money.Zero;
        FeesPaid = Money.Zero;
        FeeShares = Quantity.Zero;
        RebatesEarned = Money.Zero;
        OpenedAt = null;
        BasisAwaitsMark = false;
    }
}

/// <summary>Exact ratios for P&amp;L attribution.</summary>
internal static class PnlMath
{
    /// <summary>a × b / c rounded half to even, computed in 128 bits (c &gt; 0).</summary>
    public static long Ratio(long a, long b, long c)
    {
        Int128 n = (Int128)a * b;
        Int128 q = Int128.DivRem(n, c).Quotient;
        Int128 rem = n - q * c;
        if (rem != 0)
        {
            Int128 twice = Int128.Abs(rem) * 2;
            if (twice > c || (twice == c && (q & 1) != 0)) q += n < 0 ? -1 : 1;
        }

        return checked((long)q);
    }
}
