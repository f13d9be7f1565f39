using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking.Protections;

/// <summary>
/// What a fill's fee costs the edge, in bps of the fair price per share kept — the fee term of <see cref="EdgeGuard"/>.
/// A BUY whose fee the venue takes in shares (Polymarket's taker BUY) pays q·p for q − feeShares shares, so each share
/// kept costs p·q/(q − feeShares): the excess over p is the fee. A fee paid in cash costs fee ÷ q per share.
/// </summary>
/// <remarks>Model math in doubles (an estimate for a guard, never a price or an amount); calls the fee model only, so
/// nothing allocates.</remarks>
public static class FeeEdge
{
    /// <summary>Fee cost in bps of <paramref name="fair"/> of one fill of <paramref name="size"/> at <paramref name="price"/>
    /// on <paramref name="side"/>; 0 without a fee, +∞ when a BUY's fee would take every share.</summary>
    public static double CostBps(IFeeModel model, Side side, Price price, Quantity size, Liquidity liquidity, double fair) =>
        Bps(model, side, price, size, liquidity, fair, net: false);

    /// <summary>As <see cref="CostBps"/>, less the rebate the fill earns: negative when the rebate exceeds the fee (a
    /// maker on a rebate tier). What the maker's quoted half-spread is adjusted by (<see cref="MakerFeeSpread"/>).</summary>
    public static double NetCostBps(IFeeModel model, Side side, Price price, Quantity size, Liquidity liquidity, double fair) =>
        Bps(model, side, price, size, liquidity, fair, net: true);

    private static double Bps(IFeeModel model, Side side, Price price, Quantity size, Liquidity liquidity, double fair, bool net)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(fair > 0) || price.Raw <= 0 || size.Raw <= 0) return 0;
        var charge = model.ForFill(price, size, liquidity, side);
        double q = size.ToDouble();
        double perShare = charge.CashFee.ToDouble() / q;
        if (net) perShare -= charge.Rebate.ToDouble() / q;
        if (charge.FeeShares.Raw > 0)
        {
            double kept = q - charge.FeeShares.ToDouble();
            if (kept <= 0) return double.PositiveInfinity;
            double p = price.ToDouble();
            perShare += p * q / kept - p;
        }

        return perShare / fair * 10_000.0;
    }

    /// <summary>
    /// Fee cost of a quote pair on a binary market's YES token, the worse side in the worse form it can trade: the bid
    /// as a YES BUY at <paramref name="bid"/> or a NO SELL at 1 − bid, the ask as a YES SELL at <paramref name="ask"/> or
    /// a NO BUY at 1 − ask (the complement router sends either form). Both tokens share the market's fee curve.
    /// </summary>
    public static double QuoteCostBps(IFeeModel model, Price bid, Price ask, Quantity size, Liquidity liquidity, double fair) =>
        QuoteBps(model, bid, ask, size, liquidity, fair, net: false);

    /// <summary>As <see cref="QuoteCostBps"/>, each form net of its rebate (the least favourable form still decides).</summary>
    public static double QuoteNetCostBps(IFeeModel model, Price bid, Price ask, Quantity size, Liquidity liquidity, double fair) =>
        QuoteBps(model, bid, ask, size, liquidity, fair, net: true);

    private static double QuoteBps(IFeeModel model, Price bid, Price ask, Quantity size, Liquidity liquidity, double fair, bool net)
    {
        double bidCost = Math.Max(
            Bps(model, Side.Buy, bid, size, liquidity, fair, net),
            Bps(model, Side.Sell, bid.Complement(), size, liquidity, fair, net));
        double askCost = Math.Max(
            Bps(model, Side.Sell, ask, size, liquidity, fair, net),
            Bps(model, Side.Buy, ask.Complement(), size, liquidity, fair, net));
        return Math.Max(bidCost, askCost);
    }

    /// <summary>
    /// Cost of a quote pair on a standalone instrument (crypto): the worse of the bid as a BUY at <paramref name="bid"/>
    /// and the ask as a SELL at <paramref name="ask"/>; net of rebates when <paramref name="net"/>.
    /// </summary>
    public static double PairCostBps(IFeeModel model, Price bid, Price ask, Quantity size, Liquidity liquidity, double fair, bool net) =>
        Math.Max(Bps(model, Side.Buy, bid, size, liquidity, fair, net), Bps(model, Side.Sell, ask, size, liquidity, fair, net));
}
