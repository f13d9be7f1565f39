using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Strategies.MarketMaking.Protections;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

public sealed partial class MarketMakerStrategy
{
    private const int SlotBits = 16;
    private const int GenerationBits = 24;

    /// <inheritdoc />
    public void OnOrderChanged(IOrderView order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var m = MarketOf(order.Instrument);
        if (m is null) return;
        int slot = m.FindSlot(order.Id);
        if (slot < 0) return;
        ref var s = ref m.Slots[slot];
        switch (order.Status)
        {
            case OrderStatus.PendingCancel:
                if (s.State == SlotState.Live) s.State = SlotState.CancelPending;
                break;
            case OrderStatus.PendingNew or OrderStatus.Open or OrderStatus.PartiallyFilled:
                // A refused cancel brings the order back; a partial fill leaves less resting.
                if (s.State == SlotState.CancelPending) s.State = SlotState.Live;
                s.Size = order.LeavesSize;
                break;
            case OrderStatus.Rejected:
                if (s.Kind == SlotKind.Quote && order.Request.PostOnly && order.RejectReason == RejectReason.PostOnlyWouldCross && s.State == SlotState.Live)
                {
                    ScheduleRetry(m, slot, order.Request.Price);
                    break;
                }

                Free(m, slot);
                break;
            default:
                // Filled, cancelled or expired: the slot is free and the market should requote.
                Free(m, slot);
                break;
        }
    }

    private static void Free(MarketState m, int slot)
    {
        m.Slots[slot].Generation++;
        m.Slots[slot].State = SlotState.Free;
        m.Dirty = true;
    }

    /// <summary>Post-only crossing reject: retry one tick further (per attempt) after a backoff, up to the limit.</summary>
    private void ScheduleRetry(MarketState m, int slot, Price rejectedPrice)
    {
        ref var s = ref m.Slots[slot];
        long now = Now;
        var instrument = m.Token(s.Token);
        var top = TopOf(Ctx.Book(instrument));
        var d = PostOnlyRetry.Next(_retry, s.Retries, now, s.Side, rejectedPrice, top, instrument);
        if (!d.Retry)
        {
            m.PostOnlyGiveUps++;
            Free(m, slot);
            return;
        }

        s.State = SlotState.RetryPending;
        s.Retries = d.Attempt;
        s.Price = d.Price;
        s.Generation++;
        long payload = ((long)m.Index << (SlotBits + GenerationBits)) | ((long)slot << GenerationBits) | (uint)(s.Generation & ((1 << GenerationBits) - 1));
        Ctx.ScheduleTimer(TimeSpan.FromTicks(Math.Max(0, d.NotBeforeTicks - now)), TimeSpan.Zero, TimerPostOnlyRetry, payload);
    }

    private void FireRetry(long payload)
    {
        int market = (int)(payload >> (SlotBits + GenerationBits));
        int slot = (int)((payload >> GenerationBits) & ((1 << SlotBits) - 1));
        int generation = (int)(payload & ((1 << GenerationBits) - 1));
        if ((uint)market >= (uint)_markets.Length) return;
        var m = _markets[market];
        if ((uint)slot >= (uint)m.Slots.Length) return;
        ref var s = ref m.Slots[slot];
        if (s.State != SlotState.RetryPending || (s.Generation & ((1 << GenerationBits) - 1)) != generation) return;

        // A market that stopped quoting meanwhile drops the retry.
        const ActiveProtections stop = ActiveProtections.Gap | ActiveProtections.Stale | ActiveProtections.VenueDown
            | ActiveProtections.Halted | ActiveProtections.MarkoutPause | ActiveProtections.ForcedExit | ActiveProtections.EdgeFreeze;
        if (_state == TradingState.Halted || (m.Active & stop) != 0)
        {
            Free(m, slot);
            return;
        }

        var instrument = m.Token(s.Token);
        // The retry price was set when the reject arrived; the book may have moved through it during the backoff.
        // Re-clamp to the book of now, only in the passive direction (a bid down, an ask up).
        var top = TopOf(Ctx.Book(instrument));
        Price tick = instrument.TickSize;
        if (s.Side == Side.Buy && top.HasAsk) s.Price = Price.Min(s.Price, (top.BestAsk - tick).FloorTo(tick));
        if (s.Side == Side.Sell && top.HasBid) s.Price = Price.Max(s.Price, (top.BestBid + tick).CeilTo(tick));
        if (!instrument.IsValidPrice(s.Price))
        {
            Free(m, slot);
            return;
        }

        // q may have moved during the backoff: the retry must still fit the inventory limit.
        var fit = FitInventory(m, s.Token, s.Side, s.Size, exceptSlot: slot);
        if (fit.Raw == 0)
        {
            Free(m, slot);
            return;
        }

        s.Size = fit;

        var id = Ctx.NextId();
        s.Id = id;
        s.State = SlotState.Live;
        var outcome = Ctx.Submit(new OrderRequest(id, instrument.Id, s.Side, OrderType.Limit, TimeInForce.Gtc, s.Price, s.Size, PostOnly: true, Tag: Name));
        if (!outcome.Sent)
        {
            m.Denials++;
            m.LastDenial = outcome.Decision.Code;
            Free(m, slot);
            return;
        }

        m.Submits++;
        m.PostOnlyRetries++;
    }

    /// <inheritdoc />
    public void OnFill(IOrderView? order, Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var m = MarketOf(fill.Instrument);
        if (m is null) return;
        // The position itself is the ledger's (the portfolio applied this fill before we hear of it); the markouts
        // want the fill in YES terms: a NO buy is a YES sell at 1 − price, and the reverse.
        bool onQuoted = fill.Instrument == m.Quoted.Id;
        bool yesBuy = (fill.Side == Side.Buy) == onQuoted;
        Price yesPrice = onQuoted ? fill.Price : fill.Price.Complement();
        m.Markouts.RecordFill(Now, yesBuy ? Side.Buy : Side.Sell, yesPrice, fill.Size);
        m.Dirty = true;
    }
}
