using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// Turns a market's YES-view ladder into the orders it wants per token (<see cref="MarketState.Desired"/>): a crypto
/// instrument's quotes as they are (a spot pair's asks capped by the base it holds, its bids by the quote); a binary market's through <see cref="ComplementRouter"/> (an ask without YES to sell
/// goes out as a NO bid at 1 − ask), spending the sellable shares and the cash as it goes, with a post-only NO price
/// kept passive against the NO book.
/// </summary>
internal sealed class DesiredOrders(IStrategyContext ctx, MarketMakerSettings settings, MarketInventory inventory)
{
    /// <summary>Routes the first <paramref name="n"/> ladder quotes of the market into its desired orders.</summary>
    public void Route(MarketState m, int n)
    {
        m.DesiredCount[0] = 0;
        m.DesiredCount[1] = 0;
        if (!m.IsBinary)
        {
            // A spot pair cannot be sold short nor bought on credit: asks spend the base we hold (settled), bids the
            // quote (cash), level by level — the ladder replaces our own resting orders, so what they lock counts as
            // ours to spend again, and what is left is what the gate calls free — and a level that would be under the
            // minimum size is left out instead of being sent for the gate to deny on every requote.
            bool spot = m.Quoted.Kind == InstrumentKind.Spot;
            long baseFree = spot ? ctx.Portfolio.SellableQuantity(m.Quoted).Raw : long.MaxValue;
            long quoteFree = spot ? inventory.Cash.Raw : long.MaxValue;
            for (int i = 0; i < n; i++)
            {
                var q = m.Ladder[i];
                var size = q.Size;
                if (spot)
                {
                    long affordable = q.Side == Side.Sell ? baseFree : Affordable(quoteFree, q.Price);
                    long step = m.Quoted.SizeStep.Raw;
                    long capped = Math.Min(size.Raw, Math.Max(0, affordable));
                    if (step > 0) capped -= capped % step;
                    if (capped <= 0 || capped < m.Quoted.MinSize.Raw) continue;
                    size = new Quantity(capped);
                    if (q.Side == Side.Sell) baseFree -= capped;
                    else quoteFree -= Money.Notional(q.Price, size, MidpointRounding.AwayFromZero).Raw;
                }

                Add(m, 0, q.Side, q.Price, size, q.Level);
            }

            return;
        }

        var no = m.Complement!;
        // YES legs of complete neg-risk baskets are not ours to sell.
        long yesFree = inventory.FreeYes(m);
        long noFree = inventory.FreeNo(m);
        Money cash = inventory.Cash;
        var noTop = BookTop.Of(ctx.Book(no));
        for (int i = 0; i < n; i++)
        {
            int legs = ComplementRouter.Route(settings.Router, m.Ladder[i], m.Quoted, no, new Quantity(yesFree), new Quantity(noFree), cash, m.Legs);
            for (int j = 0; j < legs; j++)
            {
                var leg = m.Legs[j];
                int token = leg.Instrument == RoutedInstrument.Quoted ? 0 : 1;
                Price price = leg.Price;
                if (token == 1 && settings.PostOnly && !PassivePrices.Clamp(ref price, leg.Side, noTop, no)) continue;
                if (leg.Side == Side.Sell)
                {
                    if (token == 0) yesFree -= leg.Size.Raw;
                    else noFree -= leg.Size.Raw;
                }
                else
                {
                    cash -= leg.CashLocked;
                }

                Add(m, token, leg.Side, price, leg.Size, m.Ladder[i].Level);
            }
        }
    }

    // The base quantity that quote (raw) buys at price; none at a price of zero.
    private static long Affordable(long quote, Price price)
    {
        if (price.Raw <= 0 || quote <= 0) return 0;
        Int128 units = (Int128)quote * FixedPoint.Scale / price.Raw;
        return units > long.MaxValue ? long.MaxValue : (long)units;
    }

    private static void Add(MarketState m, int token, Side side, Price price, Quantity size, int level)
    {
        var desired = m.Desired[token];
        int k = m.DesiredCount[token];
        // Two ladder levels may route onto the same complement price: merge them into one order.
        for (int i = 0; i < k; i++)
        {
            if (desired[i].Side == side && desired[i].Price == price)
            {
                desired[i] = desired[i] with { Size = desired[i].Size + size };
                return;
            }
        }

        if (k == desired.Length) return;
        desired[k] = new DesiredQuote(side, price, size);
        m.DesiredLevel[token][k] = level;
        m.DesiredCount[token] = k + 1;
    }
}
