using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// The gate's judgement of an amend (<see cref="RiskGate.CheckAmend"/>): the amended order goes through the same checks
/// as a submit (<see cref="PreTradeChecks"/>, the venue's conditions, then a submit token), told what it replaces
/// (<see cref="AmendTerms"/>). One job — turn an order and its amended terms into those checks' inputs.
/// </summary>
internal sealed class AmendCheck(InstrumentRegistry instruments, TimeProvider time, PreTradeChecks checks, VenueConditions venues, ClockedTokenBucket submitBucket)
{
    /// <summary>Judges <paramref name="amended"/> as the new terms of <paramref name="order"/> (the day already rolled by the gate).</summary>
    public RiskDecision Judge(IOrderView order, OrderRequest amended)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(amended);
        var state = checks.ForAnyOrder();
        if (state == DenyReason.None) state = venues.ForVenue(amended.Instrument.Venue, time.GetUtcNow().UtcTicks);
        if (state != DenyReason.None) return RiskDecision.Deny(state);
        if (!instruments.TryGet(amended.Instrument, out var inst)) return RiskDecision.Deny(DenyReason.UnknownInstrument);
        var current = order.Request;
        long before = Math.Max(0, (current.Size - order.FilledSize).Raw);
        long after = Math.Max(0, (amended.Size - order.FilledSize).Raw);
        bool towardsMarket = current.Side == Side.Buy ? amended.Price > current.Price : amended.Price < current.Price;
        long locked = current.Side == Side.Buy ? Money.Notional(current.Price, new Quantity(before), MidpointRounding.ToPositiveInfinity).Raw : 0;
        var terms = new AmendTerms(true, before, after, locked, after <= before && !towardsMarket);
        var reason = checks.ForOrder(amended, inst, default, terms);
        if (reason != DenyReason.None) return RiskDecision.Deny(reason);
        if (!submitBucket.AttemptAcquire(1).IsAcquired) return RiskDecision.Deny(DenyReason.RateLimited);
        return RiskDecision.Allow;
    }
}

/// <summary>
/// What an amend replaces, for <see cref="PreTradeChecks.ForOrder"/>: the order's remaining size before and after it,
/// the cash its old terms lock, and whether it adds no risk (the rest does not grow and the price does not move towards
/// the market). The default is "not an amend".
/// </summary>
internal readonly record struct AmendTerms(bool IsAmend, long LeavesBeforeRaw, long LeavesAfterRaw, long LockedCashRaw, bool AddsNoRisk);
