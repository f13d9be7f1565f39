using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// The size a basket's BUY leg is sent at so that the shares it keeps cover the sets wanted: Polymarket takes a taker
/// BUY's fee out of the tokens bought, so a leg sized at the set count would arrive short by fee ÷ price and leave the
/// basket unbalanced. The leg is raised to the smallest multiple of the instrument's size step (at least its minimum
/// size) whose shares received after the leg's taker fee at its limit are at least the target; SELL legs pay in USDC
/// and keep their size.
/// </summary>
internal static class LegBuySize
{
    /// <summary>
    /// The order size for a leg that must end with <paramref name="target"/> shares more (BUY) or fewer (SELL);
    /// <paramref name="feesInShares"/> false (a venue charging fees in cash) keeps the target.
    /// </summary>
    public static Quantity For(Instrument instrument, Side side, Price limit, Quantity target, ILegFeeModel fee, bool feesInShares) =>
        side == Side.Buy && feesInShares
            ? ShareFee.GrossUpForBuy(new LegBuyFeeShares(fee), limit, target, instrument.SizeStep, instrument.MinSize)
            : target;
}

