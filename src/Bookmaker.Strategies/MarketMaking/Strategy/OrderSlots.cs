using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// Each market's order table (<see cref="MarketState.Slots"/>): reconciles the desired quotes against the resting ones,
/// places orders through the risk gate into slots, cancels them, and follows what the order manager reports about
/// them. Every quote placed must fit the inventory limit together with every order of the market that can still fill.
/// </summary>
internal sealed class OrderSlots(IStrategyContext ctx, MarketMakerSettings settings, MarketInventory inventory, string tag)
{
    private long Now => ctx.Time.GetUtcNow().UtcTicks;

    /// <summary>Keeps what is close enough, cancels the rest (both tokens first), then places what is missing.</summary>
    public void Reconcile(MarketState m)
    {
        int tokens = m.IsBinary ? 2 : 1;
        Span<int> placeCount = stackalloc int[2];
        // The venue scores an order only once it has rested its minimum age: a younger quote is kept through a small
        // price change (its age would restart), measured from our submit, so never longer than the venue counts.
        long minAge = m.Spec.Rewards?.MinOrderAge.Ticks ?? 0;
        long now = Now;
        for (int t = 0; t < tokens; t++)
        {
            int r = 0;
            for (int i = 0; i < m.Slots.Length; i++)
            {
                ref var s = ref m.Slots[i];
                if (s.Kind != SlotKind.Quote || s.Token != t || (s.State != SlotState.Live && s.State != SlotState.RetryPending)) continue;
                m.Resting[r++] = new RestingQuote(s.Id, s.Side, s.Price, s.Size, minAge > 0 && now - s.PlacedTicks < minAge);
            }

            var places = t == 0 ? m.Places.AsSpan(0, m.Places.Length / 2) : m.Places.AsSpan(m.Places.Length / 2);
            var result = settings.Reconciler.Reconcile(m.Desired[t].AsSpan(0, m.DesiredCount[t]), m.Resting.AsSpan(0, r), m.Token(t).TickSize, m.Cancels, places);
            m.RequestsSaved += result.RequestsSaved;
            // Where the venue amends in place (Bybit), a quote to cancel and a quote to place on the same side become one
            // amend of the resting order: one request instead of two, and the order keeps its id. Elsewhere (Polymarket,
            // the simulated venue) nothing changes: cancel, then place.
            bool amends = ctx.SupportsAmend(m.Token(t).Id);
            int placesLeft = result.Places;
            for (int i = 0; i < result.Cancels; i++)
            {
                int slot = m.FindSlot(m.Cancels[i]);
                if (amends && slot >= 0 && TryAmend(m, t, slot, places, ref placesLeft)) continue;
                Cancel(m, slot);
            }

            placeCount[t] = placesLeft;
        }

        for (int t = 0; t < tokens; t++)
        {
            var places = t == 0 ? m.Places.AsSpan(0, m.Places.Length / 2) : m.Places.AsSpan(m.Places.Length / 2);
            for (int i = 0; i < placeCount[t]; i++)
            {
                var d = places[i];
                Place(m, t, SlotKind.Quote, d.Side, d.Price, d.Size, LevelOf(m, t, d), TimeInForce.Gtc, settings.PostOnly);
            }
        }
    }

    /// <summary>
    /// Amends the slot's resting order to the first quote to place on its side (which then is not placed): the new size
    /// fits the inventory limit like a new quote's, and the new total is what filled plus that size. False when there is
    /// no such quote, the order cannot be amended now (not acknowledged, a cancel or amend in flight) or the gate denied
    /// the amend: the caller then cancels, and the quote is placed as a new order.
    /// </summary>
    private bool TryAmend(MarketState m, int token, int slot, Span<DesiredQuote> places, ref int placesLeft)
    {
        ref var s = ref m.Slots[slot];
        if (s.State != SlotState.Live || s.Kind != SlotKind.Quote || ctx.FindOrder(s.Id) is not { } order) return false;
        for (int j = 0; j < placesLeft; j++)
        {
            var d = places[j];
            if (d.Side != s.Side) continue;
            var size = FitInventory(m, token, d.Side, d.Size, exceptSlot: slot);
            if (size.Raw == 0) return false;
            var outcome = ctx.Amend(s.Id, d.Price, order.FilledSize + size);
            if (!outcome.Sent) return false;
            s.Price = d.Price;
            s.Size = size;
            s.Level = LevelOf(m, token, d);
            s.PlacedTicks = Now;
            places[j] = places[placesLeft - 1];
            placesLeft--;
            return true;
        }

        return false;
    }

    private static int LevelOf(MarketState m, int token, in DesiredQuote d)
    {
        var desired = m.Desired[token];
        for (int i = 0; i < m.DesiredCount[token]; i++)
            if (desired[i] == d) return m.DesiredLevel[token][i];
        return 0;
    }

    /// <summary>Submits one order through the risk gate and records it in a slot; false when denied or no slot is free.</summary>
    public bool Place(MarketState m, int token, SlotKind kind, Side side, Price price, Quantity size, int level, TimeInForce tif, bool postOnly)
    {
        int slot = m.FreeSlot();
        if (slot < 0)
        {
            m.SlotsExhausted++;
            return false;
        }

        var instrument = m.Token(token);
        // Exits only ever reduce |q| (sized to it, sent once no quote rests); quotes must fit the inventory limit with
        // every order of ours that can still fill, cancels in flight included.
        if (kind == SlotKind.Quote)
        {
            size = FitInventory(m, token, side, size, exceptSlot: -1);
            if (size.Raw == 0) return false;
        }

        var id = ctx.NextId();
        // The slot is filled before the submit so any synchronous order event finds it.
        m.Slots[slot] = new QuoteSlot
        {
            State = SlotState.Live, Kind = kind, Token = (byte)token, Side = side, Id = id, Price = price, Size = size, Level = level,
            PlacedTicks = Now,
        };
        var outcome = ctx.Submit(new OrderRequest(id, instrument.Id, side, OrderType.Limit, tif, price, size, PostOnly: postOnly, Tag: tag));
        if (!outcome.Sent)
        {
            m.Slots[slot] = default;
            m.Denials++;
            m.LastDenial = outcome.Decision.Code;
            return false;
        }

        m.Submits++;
        return true;
    }

    /// <summary>
    /// The part of a new quote that keeps |q| within the limit if it and every other open order of the market filled
    /// (<see cref="InventoryLimit"/>); zero when nothing fits. Counts a trim.
    /// </summary>
    public Quantity FitInventory(MarketState m, int token, Side side, Quantity size, int exceptSlot)
    {
        m.OpenExposure(outsideReconcile: false, exceptSlot, out var raising, out var lowering);
        var room = InventoryLimit.Room(m.Terms!.MaxInventory, inventory.NetDelta(m), raising, lowering).For(MarketState.RaisesQ(token, side));
        var instrument = m.Token(token);
        var fit = InventoryLimit.Fit(size, room, instrument.SizeStep, instrument.MinSize);
        if (fit != size) m.InventoryTrims++;
        return fit;
    }

    /// <summary>Cancels one slot: a live order through the context, a pending retry simply dropped.</summary>
    public void Cancel(MarketState m, int slot)
    {
        if (slot < 0) return;
        ref var s = ref m.Slots[slot];
        switch (s.State)
        {
            case SlotState.RetryPending:
                s.Generation++;
                s.State = SlotState.Free;
                break;
            case SlotState.Live:
                if (ctx.Cancel(s.Id))
                {
                    m.CancelsSent++;
                    if (s.State == SlotState.Live) s.State = SlotState.CancelPending;
                }
                else
                {
                    s.State = SlotState.Free;
                }

                break;
        }
    }

    /// <summary>Cancels every order of the market (gap, stale, halt, pause).</summary>
    public void Pull(MarketState m)
    {
        for (int i = 0; i < m.Slots.Length; i++) Cancel(m, i);
        m.RewardQMin = 0;
    }

    /// <summary>
    /// Follows an order change of the slot's order. Returns true for a post-only quote rejected for crossing while
    /// live: the slot is left as it is for the caller to schedule its retry.
    /// </summary>
    public static bool Follow(MarketState m, int slot, IOrderView order)
    {
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
                // An amend answered: the terms in force are the order's (a refused amend left the old price: requote).
                if (order.PendingAmend is null && s.Price != order.Request.Price)
                {
                    s.Price = order.Request.Price;
                    m.Dirty = true;
                }

                break;
            case OrderStatus.Rejected:
                if (s.Kind == SlotKind.Quote && order.Request.PostOnly && order.RejectReason == RejectReason.PostOnlyWouldCross && s.State == SlotState.Live)
                    return true;
                Free(m, slot);
                break;
            default:
                // Filled, cancelled or expired: the slot is free and the market should requote.
                Free(m, slot);
                break;
        }

        return false;
    }

    /// <summary>Frees a slot (a later timer of its old generation is ignored) and marks the market for a requote.</summary>
    public static void Free(MarketState m, int slot)
    {
        m.Slots[slot].Generation++;
        m.Slots[slot].State = SlotState.Free;
        m.Dirty = true;
    }
}
