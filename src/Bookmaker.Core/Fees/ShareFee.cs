using Bookmaker.Core.Values;

namespace Bookmaker.Core.Fees;

/// <summary>
/// A fee collected in shares: Polymarket takes a taker BUY's fee out of the tokens bought (the buyer receives fewer
/// shares) and a SELL's fee out of the USDC received (reference §7.2). The fee's amount is the venue's USDC formula;
/// this class turns it into shares, values them and sizes a BUY so that what arrives covers a target.
/// </summary>
/// <remarks>
/// <para>Rounding: fee shares = fee ÷ price, rounded <b>up</b> to the token's on-chain unit (1e-6 share; conditional
/// tokens have the collateral's 6 decimals) and never more than the fill. The venue publishes the USDC fee's rounding
/// (floored to 5 decimals) but not the share conversion's, so we round in the venue's favour: we may book a hair fewer
/// shares than we receive, never more, and reconciliation only ever finds a surplus.</para>
/// <para>Value: the shares withheld are valued at the fill price — what they cost us (<see cref="ValueOf"/>). That value
/// is the fill's fee in USDC-equivalent; the portfolio books the notional less that value as the received shares'
/// basis, so equity − initial cash = realized + unrealized − fees + rebates still holds to the raw unit.</para>
/// <para>Integer arithmetic in 128 bits; nothing allocates.</para>
/// </remarks>
public static class ShareFee
{
    /// <summary>One on-chain token unit (1e-6 share) in 1e-9 raw units: fee shares are whole multiples of it.</summary>
    public const long TokenUnitRaw = 1_000;

    /// <summary>
    /// Shares withheld for <paramref name="fee"/> on a BUY of <paramref name="size"/> at <paramref name="price"/>: fee ÷
    /// price rounded up to <see cref="TokenUnitRaw"/>, at most <paramref name="size"/>; zero for no fee or no price.
    /// </summary>
    public static Quantity SharesFor(Money fee, Price price, Quantity size)
    {
        if (fee.Raw <= 0 || price.Raw <= 0 || size.Raw <= 0) return Quantity.Zero;
        Int128 n = (Int128)fee.Raw * FixedPoint.Scale;
        Int128 q = Int128.DivRem(n, price.Raw).Quotient;
        if (q * price.Raw != n) q += 1;
        Int128 units = (q + TokenUnitRaw - 1) / TokenUnitRaw;
        Int128 shares = units * TokenUnitRaw;
        return shares >= size.Raw ? size : new Quantity((long)shares);
    }

    /// <summary>
    /// The value of <paramref name="shares"/> withheld from a BUY of <paramref name="size"/> at <paramref name="price"/>:
    /// the fill's notional less the notional of what was received (both as <see cref="Money.Notional"/> rounds them).
    /// Defined as a difference so that received basis + fee value = notional to the raw unit; never negative.
    /// </summary>
    public static Money ValueOf(Quantity shares, Price price, Quantity size) =>
        shares.Raw <= 0 ? Money.Zero : Money.Notional(price, size) - Money.Notional(price, size - shares);

    /// <summary>The charge of a BUY whose USDC fee <paramref name="fee"/> the venue collects in shares.</summary>
    public static FeeCharge BuyCharge(Money fee, Price price, Quantity size)
    {
        Quantity shares = SharesFor(fee, price, size);
        return shares.Raw == 0 ? FeeCharge.None : new FeeCharge(ValueOf(shares, price, size), Money.Zero, shares);
    }

    /// <summary>Shares a fill leaves in the owner's account: a BUY's size less the shares withheld; a SELL's size.</summary>
    public static Quantity Received(Quantity size, Quantity feeShares) => size - feeShares;

    /// <summary>
    /// The smallest BUY size — a multiple of <paramref name="step"/>, at least <paramref name="minSize"/> — whose shares
    /// received after the taker fee at <paramref name="price"/> are at least <paramref name="target"/>. Fee-free
    /// markets give the target itself rounded up to the step.
    /// </summary>
    /// <param name="model">The market's fee model.</param>
    /// <param name="price">The price the BUY is expected to fill at (the worst level it may take; the fee per share is
    /// largest toward 0.5, so callers pass the price that charges the most).</param>
    /// <param name="target">Shares wanted after the fee.</param>
    /// <param name="step">The instrument's size step (raw &gt; 0).</param>
    /// <param name="minSize">The instrument's minimum order size.</param>
    public static Quantity GrossUpForBuy(IFeeModel model, Price price, Quantity target, Quantity step, Quantity minSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        return GrossUpForBuy(new ModelBuyFeeShares(model), price, target, step, minSize);
    }

    /// <summary>
    /// <see cref="GrossUpForBuy(IFeeModel, Price, Quantity, Quantity, Quantity)"/> over any source of BUY fee shares
    /// (a struct, so the call allocates nothing).
    /// </summary>
    public static Quantity GrossUpForBuy<TFees>(TFees fees, Price price, Quantity target, Quantity step, Quantity minSize)
        where TFees : IBuyFeeShares
    {
        if (target.Raw <= 0) return Quantity.Zero;
        long stepRaw = Math.Max(1, step.Raw);
        long floor = Math.Max(FixedPoint.CeilTo(target.Raw, stepRaw), FixedPoint.CeilTo(minSize.Raw, stepRaw));
        // First guess: the target plus the fee shares on it; then walk a step at a time (a few steps at most: the fee
        // on one step is a small fraction of it), up until enough arrives, down while one step less still suffices.
        long size = Math.Max(floor, FixedPoint.CeilTo(target.Raw + fees.FeeShares(price, new Quantity(floor)).Raw, stepRaw));
        while (size - fees.FeeShares(price, new Quantity(size)).Raw < target.Raw) size += stepRaw;
        while (size - stepRaw >= floor && size - stepRaw - fees.FeeShares(price, new Quantity(size - stepRaw)).Raw >= target.Raw) size -= stepRaw;
        return new Quantity(size);
    }

    private readonly struct ModelBuyFeeShares(IFeeModel model) : IBuyFeeShares
    {
        public Quantity FeeShares(Price price, Quantity size) => model.ForFill(price, size, Orders.Liquidity.Taker, Side.Buy).FeeShares;
    }
}

/// <summary>Shares a taker BUY of a given size and price gives up as its fee (what <see cref="ShareFee.GrossUpForBuy{TFees}"/> searches over).</summary>
public interface IBuyFeeShares
{
    /// <summary>Fee shares withheld from a taker BUY of <paramref name="size"/> at <paramref name="price"/>.</summary>
    Quantity FeeShares(Price price, Quantity size);
}
