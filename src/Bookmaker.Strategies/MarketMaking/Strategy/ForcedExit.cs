using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Strategies;
using Bookmaker.Strategies.MarketMaking.Protections;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// The hold-time guard's last resort: once a position has outlived its hold and grace time, the market's quotes come
/// off and, once they are gone, one slippage-capped taker (FAK) order at a time trades it out until flat.
/// </summary>
internal sealed class ForcedExit(IStrategyContext ctx, MarketMakerSettings settings, OrderSlots slots, MarketInventory inventory)
{
    /// <summary>Forced exit: quotes off, then (once they are gone) one slippage-capped taker (FAK) order at a time until flat.</summary>
    public void Run(MarketState m, in HoldTimeVerdict verdict)
    {
        // The taker order waits until no quote of ours rests any more (cancels confirmed): it must not trade with them.
        bool busy = false;
        for (int i = 0; i < m.Slots.Length; i++)
        {
            ref var s = ref m.Slots[i];
            if (s.State == SlotState.Free) continue;
            busy = true;
            if (s.Kind == SlotKind.Quote) slots.Cancel(m, i);
        }

        if (busy) return;
        long size = Math.Min(verdict.Size.Raw, inventory.NetDelta(m).Abs().Raw);
        size -= size % m.Quoted.SizeStep.Raw;
        if (size <= 0) return;
        var quote = new LadderQuote(verdict.Side, verdict.Price, new Quantity(size), 0);
        int legs;
        if (m.IsBinary)
        {
            legs = ComplementRouter.Route(settings.Router, quote, m.Quoted, m.Complement!,
                new Quantity(inventory.FreeYes(m)), new Quantity(inventory.FreeNo(m)), inventory.Cash, m.Legs);
        }
        else
        {
            m.Legs[0] = new RoutedOrder(RoutedInstrument.Quoted, quote.Side, quote.Price, quote.Size, default, default, default);
            legs = 1;
        }

        for (int j = 0; j < legs; j++)
        {
            var leg = m.Legs[j];
            int token = leg.Instrument == RoutedInstrument.Quoted ? 0 : 1;
            if (leg.Side == Side.Buy && m.Spec.Fees is { } fees)
                leg = leg with { Size = ExitBuySize(fees, token == 0 ? m.Quoted : m.Complement!, leg.Price, leg.Size) };
            if (slots.Place(m, token, SlotKind.Exit, leg.Side, leg.Price, leg.Size, 0, TimeInForce.Fak, postOnly: false)) m.ForcedExits++;
        }
    }

    /// <summary>
    /// A forced exit's taker BUY, sized up so that the shares kept after the fee (taken in shares) cover
    /// <paramref name="target"/>. The fee shares per share, r·(p(1 − p))^e ÷ p, depend on the fill price (for e = 1 they
    /// grow as it falls), so the size is worked out at the best ask and at the limit and the larger one is sent.
    /// </summary>
    private Quantity ExitBuySize(IFeeModel fees, Instrument token, Price limit, Quantity target)
    {
        var book = ctx.Book(token);
        var price = book.HasAsks && book.BestAsk.Price < limit ? book.BestAsk.Price : limit;
        var size = ShareFee.GrossUpForBuy(fees, price, target, token.SizeStep, token.MinSize);
        var atLimit = ShareFee.GrossUpForBuy(fees, limit, target, token.SizeStep, token.MinSize);
        return Quantity.Max(size, atLimit);
    }
}
