using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// The gate's pre-trade checks, in the order of the table in <c>docs/risk.md</c>: the state (1–5), the venue and market
/// conditions (6–8c), then the order's shape, the venue's price band (10a), the fat-finger band, the
/// liquidation distance of a perpetual (14a), exposure, own quotes, caps and balances (9–18). The submit
/// token bucket (19) is the gate's, taken only when these all pass. One job — judge one order (or one leg, with the
/// effects of the basket's legs before it) against the ledger and the gate's own book-keeping.
/// </summary>
/// <remarks>Allocation-free: a check is a few array reads and integer comparisons.</remarks>
internal sealed class PreTradeChecks(
    PortfolioBook ledger,
    RiskLimits limits,
    TimeProvider time,
    TradingStateMachine state,
    VenueConditions venues,
    ShadowAccount account)
{
    /// <summary>Checks 1–7: denials that hold for every order whatever it is (the state, then the venue's mode and circuit).</summary>
    public DenyReason ForAnyOrder()
    {
        var reason = state.Denial();
        return reason != DenyReason.None ? reason : venues.ForAnyOrder();
    }

    /// <summary>
    /// Checks 8–18 for one order (or basket leg) on <paramref name="inst"/>; for an amend, <paramref name="o"/> is the
    /// amended order and <paramref name="amend"/> says what it replaces (see <see cref="AmendTerms"/>).
    /// </summary>
    public DenyReason ForOrder(OrderRequest o, Instrument inst, PendingBasket basket, in AmendTerms amend = default)
    {
        ref readonly var r = ref account.Risk(inst.Index);
        long nowTicks = time.GetUtcNow().UtcTicks;
        var venue = venues.ForOrder(o, inst, r.Group, nowTicks);
        if (venue != DenyReason.None) return venue;

        // Shape: size, tick, bounds, per-order size and notional.
        bool quoteSized = o.Type == OrderType.Market && o.Side == Side.Buy && o.QuoteAmount.Raw > 0 && o.Size.Raw == 0;
        if (!quoteSized && !inst.IsValidSize(o.Size)) return DenyReason.InvalidSize;
        if (o.Price < inst.MinPrice || o.Price > inst.MaxPrice) return DenyReason.PriceOutOfBounds;
        if (!o.Price.IsOnTick(inst.TickSize)) return DenyReason.OffTick;
        if (venues.Bands.IsOutside(o, inst.Index)) return DenyReason.PriceBand;
        if (o.Size > limits.MaxOrderSize) return DenyReason.MaxOrderSize;
        Money notional = o.Notional;
        if (notional > limits.MaxOrderNotional) return DenyReason.MaxOrderNotional;

        // Fat finger: the limit (or, for market orders, the worst acceptable price) must sit near the mark.
        long markRaw = ledger.MarkOf(inst).Raw;
        if (markRaw <= 0) return DenyReason.NoMark;
        long band = FixedPoint.MultiplyScaled(inst.IsOutcomeToken ? FixedPoint.Scale : markRaw, limits.FatFingerBandBps * (FixedPoint.Scale / 10_000), MidpointRounding.ToZero);
        if (Math.Abs(o.Price.Raw - markRaw) > band) return DenyReason.FatFinger;

        // Exposure of the order in its group's units (YES-equivalent shares for binary markets).
        // An amended order can still fill only its new remaining size.
        long size = amend.IsAmend ? amend.LeavesAfterRaw : quoteSized ? EstimateQuoteSizedShares(o) : o.Size.Raw;
        long groupDelta = ledger.GroupDelta(r.Group).Raw + basket.GroupDelta(r.Group);
        long change = (o.Side == Side.Buy ? size : -size) * r.Sign;
        long after = groupDelta + change;
        bool reducing = groupDelta != 0 && Math.Abs(after) < Math.Abs(groupDelta) && (after == 0 || Math.Sign(after) == Math.Sign(groupDelta));
        // An amend that neither grows the resting size nor moves the price towards the market adds no risk to what rests:
        // it passes where only a reducing order would (REDUCING, hold time, liquidation distance, position and exposure).
        reducing |= amend.AddsNoRisk;

        if (o.ReduceOnly && !reducing) return DenyReason.ReduceOnlyWouldIncrease;
        if (state.State == TradingState.Reducing && !reducing) return DenyReason.ReducingOnly;
        if (!reducing && groupDelta != 0 && ledger.GroupOpenedAt(r.Group) is { } openedAt
            && time.GetUtcNow().UtcTicks - openedAt.UtcTicks > limits.MaxHoldTime.Ticks)
            return DenyReason.MaxHoldTime;
        // Adding to a perpetual position only moves its liquidation price closer to the mark: refused once it is near.
        if (!reducing && inst.Kind == InstrumentKind.LinearPerpetual && venues.Liquidation.IsTooClose(inst.Index, limits.MinLiquidationDistanceBps))
            return DenyReason.LiquidationDistance;
        if (!reducing)
        {
            if (Math.Abs(after) > limits.MaxPositionPerInstrument.Raw) return DenyReason.MaxPosition;
            // YES-equivalent shares at the group mark, for every leg alike (a NO order is not valued at the NO mark).
            long groupMark = ledger.GroupMark(r.Group).Raw;
            Money exposureAfter = ledger.NetExposure + basket.Exposure + new Money(FixedPoint.MultiplyScaled(change, groupMark, MidpointRounding.AwayFromZero));
            if (exposureAfter.Abs() > limits.MaxDirectionalExposure) return DenyReason.DirectionalExposure;
            if (groupDelta == 0 && ledger.OpenGroups + basket.NewGroups + 1 > limits.MaxConcurrentPositions) return DenyReason.MaxConcurrentPositions;
        }

        // Our own quotes on this instrument must never cross each other (nor, for binary markets, via the complement).
        if (o.Type == OrderType.Limit && !o.TimeInForceIsImmediate())
        {
            if (o.Side == Side.Buy && r.OwnBestAskRaw > 0 && o.Price.Raw >= r.OwnBestAskRaw) return DenyReason.SelfCross;
            if (o.Side == Side.Buy && r.ComplementBidAsAskRaw > 0 && o.Price.Raw >= r.ComplementBidAsAskRaw) return DenyReason.SelfCross;
            if (o.Side == Side.Sell && r.OwnBestBidRaw > 0 && o.Price.Raw <= r.OwnBestBidRaw) return DenyReason.SelfCross;
        }

        // Caps limit new risk; an order that shrinks a position is never kept from going out by them.
        // An amend adds no order: the caps on open and daily orders do not apply to it.
        if (!reducing && !amend.IsAmend && account.OpenOrders + basket.Count + 1 > limits.MaxOpenOrders) return DenyReason.MaxOpenOrders;
        if (!reducing && !amend.IsAmend && account.OrdersToday + basket.Count + 1 > limits.MaxOrdersPerDay) return DenyReason.MaxOrdersPerDay;

        // Balances, net of what open orders already lock (for an amend, what the order itself locks is freed by it).
        if (o.Side == Side.Buy)
        {
            Money needed = amend.IsAmend ? Money.Notional(o.Price, new Quantity(amend.LeavesAfterRaw), MidpointRounding.ToPositiveInfinity) : notional;
            if (needed > account.AvailableCash - basket.Cash + new Money(amend.LockedCashRaw)) return DenyReason.InsufficientCash;
        }
        else if (inst.Kind != InstrumentKind.LinearPerpetual)
        {
            // Only settled shares can be sold (a venue refuses tokens whose trade has not settled): the ledger's
            // sellable quantity, not the position, which already counts provisional fills.
            long held = ledger.SellableQuantity(inst).Raw;
            long freeTokens = held - r.OpenSellRaw - basket.Sells(inst.Index) + (amend.IsAmend ? amend.LeavesBeforeRaw : 0);
            if (size > freeTokens) return DenyReason.InsufficientTokens;
        }

        return DenyReason.None;
    }

    private static long EstimateQuoteSizedShares(OrderRequest o) =>
        o.Price.Raw <= 0 ? 0 : (long)((Int128)o.QuoteAmount.Raw * FixedPoint.Scale / o.Price.Raw);
}

