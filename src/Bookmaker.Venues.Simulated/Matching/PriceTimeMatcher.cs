using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// Matches an incoming order against one book in price-time priority: best level first, oldest order first within a
/// level, across both tokens of a binary market (so MINT and MERGE happen as on the CTF exchange). Each trade settles
/// both accounts through the <see cref="SimAccountLedger"/>, charges fees and writes one maker and one taker
/// <see cref="MatchEventKind.Fill"/> sharing a trade id. Self-trade prevention is applied as the walk reaches an own order.
/// </summary>
/// <remarks>
/// Fill prices: every maker trades at its own limit price; the taker trades at the complement-equivalent of the
/// maker's price — the same price for a normal match, 1 − the maker's price for MINT (YES buy vs NO buy) and MERGE
/// (YES sell vs NO sell) — so the two legs of a MINT pay exactly $1 per set and a MERGE pays out exactly $1 per set.
/// Price improvement therefore goes to the taker, as on the venue.
/// </remarks>
internal sealed class PriceTimeMatcher(RestingOrders orders, SimAccountLedger ledger)
{
    private const long Scale = FixedPoint.Scale;

    private long _nextTradeId;

    /// <summary>What <see cref="Probe"/> found on the walk.</summary>
    public enum ProbeResult : byte
    {
        /// <summary>Enough crossing liquidity to fill the order completely.</summary>
        Complete,

        /// <summary>Not enough (or the walk stopped at an own order under CancelTaker).</summary>
        Short,

        /// <summary>The walk reaches an own order and the policy is Reject.</summary>
        SelfTrade,
    }

    /// <summary>Self-trade policy; may be changed between operations.</summary>
    public SelfTradePrevention SelfTradePrevention { get; set; }

    /// <summary>True when the best opposite level is at or through the limit (YES space).</summary>
    public static bool Crosses(InstrumentOrderBook mk, Side canonSide, long canonLimit)
    {
        if (canonSide == Side.Buy)
            return mk.BestAskIndex < mk.LevelCount && mk.PriceAt(mk.BestAskIndex) <= canonLimit;
        return mk.BestBidIndex >= 0 && mk.PriceAt(mk.BestBidIndex) >= canonLimit;
    }

    /// <summary>Walks the crossing liquidity without changing anything, exactly as <see cref="Match"/> would.</summary>
    public ProbeResult Probe(InstrumentOrderBook mk, ref IncomingOrder t)
    {
        OrderNode[] nodes = orders.Nodes;
        Side makerSide = t.CanonSide.Opposite();
        long need = t.Remaining;
        long quoteLeft = t.QuoteLeft;
        long lastOwnPx = 0;
        int li = makerSide == Side.Sell ? mk.BestAskIndex : mk.BestBidIndex;
        while (li >= 0 && li < mk.LevelCount)
        {
            long px = mk.PriceAt(li);
            if (t.CanonSide == Side.Buy ? px > t.CanonLimit : px < t.CanonLimit) break;
            for (int node = mk.LevelRef(makerSide, li).Head; node >= 0; node = nodes[node].Next)
            {
                ref OrderNode m = ref nodes[node];
                if (m.Account == t.Account)
                {
                    if (SelfTradePrevention == SelfTradePrevention.Reject) return ProbeResult.SelfTrade;
                    if (SelfTradePrevention == SelfTradePrevention.CancelTaker) return ProbeResult.Short;
                    continue;
                }

                if (t.QuoteSized)
                {
                    long ownPx = t.IsNo ? Scale - px : px;
                    lastOwnPx = ownPx;
                    long afford = FixedPoint.FloorTo(SimAccountLedger.DivideScaled(quoteLeft, ownPx), t.SizeStep);
                    long q = Math.Min(afford, m.Remaining);
                    if (q <= 0) return ProbeResult.Complete;
                    quoteLeft -= FixedPoint.MultiplyScaled(ownPx, q, MidpointRounding.ToEven);
                }
                else
                {
                    need -= Math.Min(need, m.Remaining);
                    if (need == 0) return ProbeResult.Complete;
                }
            }

            li = mk.NextWorse(makerSide, li);
        }

        // A budget spent down to less than one size step at the last price is as full as a quote-sized order gets.
        if (t.QuoteSized && lastOwnPx > 0 && FixedPoint.FloorTo(SimAccountLedger.DivideScaled(quoteLeft, lastOwnPx), t.SizeStep) == 0)
            return ProbeResult.Complete;
        return ProbeResult.Short;
    }

    /// <summary>Trades the incoming order against the book until it is filled, its limit is reached or the book is empty.</summary>
    public void Match(InstrumentOrderBook mk, ref IncomingOrder t, long now, MatchEventBuffer output)
    {
        // Matching removes orders but never rests one, so the node array cannot be replaced during the walk.
        OrderNode[] nodes = orders.Nodes;
        Side makerSide = t.CanonSide.Opposite();
        while (t.Remaining > 0)
        {
            int li = makerSide == Side.Sell ? mk.BestAskIndex : mk.BestBidIndex;
            if (li < 0 || li >= mk.LevelCount) return;
            long px = mk.PriceAt(li);
            if (t.CanonSide == Side.Buy ? px > t.CanonLimit : px < t.CanonLimit) return;
            int node = mk.LevelRef(makerSide, li).Head;
            while (node >= 0)
            {
                int next = nodes[node].Next;
                if (nodes[node].Account == t.Account)
                {
                    if (SelfTradePrevention == SelfTradePrevention.CancelTaker)
                    {
                        t.SelfTradeStop = true;
                        return;
                    }

                    // CancelMaker (and Reject, whose probe already ruled out reaching an own order).
                    orders.Remove(node, MatchEventKind.Cancelled, RejectReason.SelfTrade, now, output);
                    node = next;
                    continue;
                }

                long qty = Math.Min(t.Remaining, nodes[node].Remaining);
                if (t.QuoteSized)
                {
                    long ownPx = t.IsNo ? Scale - px : px;
                    qty = Math.Min(qty, FixedPoint.FloorTo(SimAccountLedger.DivideScaled(t.QuoteLeft, ownPx), t.SizeStep));
                    if (qty <= 0)
                    {
                        t.Remaining = 0;
                        return;
                    }
                }

                Execute(mk, nodes, node, ref t, px, qty, now, output);
                if (t.Remaining == 0) return;
                node = next;
            }
        }
    }

    /// <summary>One trade between the resting order in <paramref name="node"/> and the incoming order.</summary>
    private void Execute(InstrumentOrderBook mk, OrderNode[] nodes, int node, ref IncomingOrder t, long canonPx, long qty, long now,
        MatchEventBuffer output)
    {
        ref OrderNode m = ref nodes[node];
        long makerPx = m.IsNo ? Scale - canonPx : canonPx;
        long takerPx = t.IsNo ? Scale - canonPx : canonPx;
        MatchKind type = m.IsNo == t.IsNo ? MatchKind.Normal : (t.Side == Side.Buy ? MatchKind.Mint : MatchKind.Merge);
        long makerNotional = FixedPoint.MultiplyScaled(makerPx, qty, MidpointRounding.ToEven);
        // MINT/MERGE: the two legs together are exactly one dollar per set.
        long takerNotional = type == MatchKind.Normal ? makerNotional : qty - makerNotional;
        var size = new Quantity(qty);
        FeeCharge makerFee = mk.Fees.ForFill(new Price(makerPx), size, Liquidity.Maker, m.Side);
        FeeCharge takerFee = mk.Fees.ForFill(new Price(takerPx), size, Liquidity.Taker, t.Side);

        SimAccount ma = ledger[m.Account];
        SimAccountLedger.Settle(ma, m.Side, m.Instrument, qty, makerNotional, makerFee);
        m.Remaining -= qty;
        mk.LevelRef(m.CanonSide, m.Level).Size -= qty;
        SimAccountLedger.ReleaseFilled(mk, ma, ref m, qty);

        SimAccountLedger.Settle(ledger[t.Account], t.Side, t.Instrument, qty, takerNotional, takerFee);
        t.Remaining -= qty;
        if (t.QuoteSized) t.QuoteLeft -= takerNotional;
        if (type == MatchKind.Mint) mk.SetsOutstanding += size;
        else if (type == MatchKind.Merge) mk.SetsOutstanding -= size;
        ledger.RecordFees(m.Instrument, makerFee, t.Instrument, takerFee);

        long tradeId = ++_nextTradeId;
        output.Add(new MatchEvent(MatchEventKind.Fill, m.OrderId, m.ClientOrderId, m.Account, m.Instrument, m.Side,
            new Price(makerPx), size, new Quantity(m.Remaining), makerFee.Fee, makerFee.Rebate, Liquidity.Maker, type,
            tradeId, t.OrderId, RejectReason.None, 0, null, now, makerFee.FeeShares));
        output.Add(new MatchEvent(MatchEventKind.Fill, t.OrderId, t.ClientOrderId, t.Account, t.Instrument, t.Side,
            new Price(takerPx), size, new Quantity(t.QuoteSized ? 0 : t.Remaining), takerFee.Fee, takerFee.Rebate,
            Liquidity.Taker, type, tradeId, m.OrderId, RejectReason.None, 0, null, now, takerFee.FeeShares));

        if (m.Remaining == 0) orders.Unlink(node);
    }
}
