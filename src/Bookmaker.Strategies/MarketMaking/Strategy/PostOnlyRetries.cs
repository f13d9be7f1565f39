using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;
using Bookmaker.Strategies.MarketMaking.Protections;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// Post-only quotes the venue rejected for crossing: each is retried one tick further (per attempt) after a backoff,
/// up to the limit, from a timer whose payload names the market, the slot and the slot's generation (so a slot freed or
/// reused meanwhile ignores it).
/// </summary>
internal sealed class PostOnlyRetries(IStrategyContext ctx, MarketMakerSettings settings, OrderSlots slots, string tag)
{
    private const int SlotBits = 16;
    private const int GenerationBits = 24;

    private long Now => ctx.Time.GetUtcNow().UtcTicks;

    /// <summary>Post-only crossing reject: retry one tick further (per attempt) after a backoff, up to the limit.</summary>
    public void Schedule(MarketState m, int slot, Price rejectedPrice)
    {
        ref var s = ref m.Slots[slot];
        long now = Now;
        var instrument = m.Token(s.Token);
        var top = BookTop.Of(ctx.Book(instrument));
        var d = PostOnlyRetry.Next(settings.Retry, s.Retries, now, s.Side, rejectedPrice, top, instrument);
        if (!d.Retry)
        {
            m.PostOnlyGiveUps++;
            OrderSlots.Free(m, slot);
            return;
        }

        s.State = SlotState.RetryPending;
        s.Retries = d.Attempt;
        s.Price = d.Price;
        s.Generation++;
        long payload = ((long)m.Index << (SlotBits + GenerationBits)) | ((long)slot << GenerationBits) | (uint)(s.Generation & ((1 << GenerationBits) - 1));
        ctx.ScheduleTimer(TimeSpan.FromTicks(Math.Max(0, d.NotBeforeTicks - now)), TimeSpan.Zero, MarketMakerStrategy.TimerPostOnlyRetry, payload);
    }

    /// <summary>The retry timer fired: re-clamp, re-fit and resubmit, unless the market stopped quoting or the slot moved on.</summary>
    public void Fire(long payload, MarketState[] markets, TradingState state)
    {
        int market = (int)(payload >> (SlotBits + GenerationBits));
        int slot = (int)((payload >> GenerationBits) & ((1 << SlotBits) - 1));
        int generation = (int)(payload & ((1 << GenerationBits) - 1));
        if ((uint)market >= (uint)markets.Length) return;
        var m = markets[market];
        if ((uint)slot >= (uint)m.Slots.Length) return;
        ref var s = ref m.Slots[slot];
        if (s.State != SlotState.RetryPending || (s.Generation & ((1 << GenerationBits) - 1)) != generation) return;

        // A market that stopped quoting meanwhile drops the retry.
        const ActiveProtections stop = ActiveProtections.Gap | ActiveProtections.Stale | ActiveProtections.VenueDown
            | ActiveProtections.Halted | ActiveProtections.MarkoutPause | ActiveProtections.ForcedExit | ActiveProtections.EdgeFreeze;
        if (state == TradingState.Halted || (m.Active & stop) != 0)
        {
            OrderSlots.Free(m, slot);
            return;
        }

        var instrument = m.Token(s.Token);
        // The retry price was set when the reject arrived; the book may have moved through it during the backoff.
        // Re-clamp to the book of now, only in the passive direction (a bid down, an ask up).
        var top = BookTop.Of(ctx.Book(instrument));
        if (!PassivePrices.Clamp(ref s.Price, s.Side, top, instrument))
        {
            OrderSlots.Free(m, slot);
            return;
        }

        // q may have moved during the backoff: the retry must still fit the inventory limit.
        var fit = slots.FitInventory(m, s.Token, s.Side, s.Size, exceptSlot: slot);
        if (fit.Raw == 0)
        {
            OrderSlots.Free(m, slot);
            return;
        }

        s.Size = fit;

        var id = ctx.NextId();
        s.Id = id;
        s.State = SlotState.Live;
        var outcome = ctx.Submit(new OrderRequest(id, instrument.Id, s.Side, OrderType.Limit, TimeInForce.Gtc, s.Price, s.Size, PostOnly: true, Tag: tag));
        if (!outcome.Sent)
        {
            m.Denials++;
            m.LastDenial = outcome.Decision.Code;
            OrderSlots.Free(m, slot);
            return;
        }

        m.Submits++;
        m.PostOnlyRetries++;
    }
}
