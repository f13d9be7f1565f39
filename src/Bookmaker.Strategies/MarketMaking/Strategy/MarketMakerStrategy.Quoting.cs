using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Strategies.MarketMaking.Protections;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

public sealed partial class MarketMakerStrategy
{
    /// <summary>One quoting cycle of one market: protections, model, ladder, routing, reconciliation, placement.</summary>
    private void Requote(MarketState m, long now)
    {
        m.LastRequoteTicks = now;
        m.Dirty = false;
        var ctx = Ctx;
        var yes = m.Quoted;
        var book = ctx.Book(yes);
        var top = TopOf(book);

        if (_state == TradingState.Halted)
        {
            m.Active = ActiveProtections.Halted;
            Pull(m);
            return;
        }

        if (m.PausedUntilTicks != 0)
        {
            if (now < m.PausedUntilTicks)
            {
                m.Active = ActiveProtections.MarkoutPause;
                Pull(m);
                return;
            }

            // Resume with a fresh markout history: the old one would pause the market again at once, and no new fill
            // can improve it while we do not quote.
            m.PausedUntilTicks = 0;
            m.Markouts = new MarkoutTracker(_options.MarkoutOptions);
            ctx.ClearAlert("mm_markout_pause", yes.Id.Symbol);
        }

        // Terms given per instrument are resolved once, at the market's first two-sided book; until then it cannot quote.
        if (m.Terms is null && !TryResolveTerms(m, top))
        {
            m.Active = ActiveProtections.Gap;
            Pull(m);
            return;
        }

        var terms = m.Terms!;

        // Gap and stale: no reliable fair price ⇒ no quotes, resting ones cancelled.
        var stale = StaleGuard.Evaluate(_stale, now, m.LastBookTicks, ctx.IsVenueLive(yes));
        if (!stale.IsClear || book.IsStale)
        {
            m.Active = stale.Reason == ProtectionReason.VenueNotLive ? ActiveProtections.VenueDown : ActiveProtections.Stale;
            Pull(m);
            return;
        }

        if (!GapGuard.Evaluate(terms.Gap, top).IsClear
            || !FairPrice.TryCompute(top, _fair, double.NaN, out double fair))
        {
            m.Active = ActiveProtections.Gap;
            Pull(m);
            return;
        }

        m.Fair = fair;
        var active = ActiveProtections.None;
        if (_state == TradingState.Reducing) active |= ActiveProtections.Reducing;

        // Toxic flow: widen, then pause.
        var markout = m.Markouts.Evaluate(now);
        double widen = 1.0;
        if (markout.Action == ProtectionAction.PauseMarket)
        {
            m.PausedUntilTicks = now + _options.PauseCooldown.Ticks;
            m.Active = ActiveProtections.MarkoutPause;
            Pull(m);
            ctx.Alert("mm_markout_pause", Engine.Alerts.AlertSeverity.Warning, $"{yes.Id}: persistent adverse markouts, market paused", yes.Id.Symbol);
            return;
        }

        if (markout.Action == ProtectionAction.WidenSpread)
        {
            active |= ActiveProtections.MarkoutWiden;
            widen = markout.SpreadFactor;
        }

        Quantity q = NetDelta(m);
        m.QuotedInventoryRaw = q.Raw;
        var mark = new Price((top.BestBid.Raw + top.BestAsk.Raw) / 2);

        // Position guards: hold time (passive, then forced taker exit), stop loss and adverse move (passive), on the
        // ledger's view of the inventory (when the unhedged delta opened, its average entry). A position below the minimum
        // order size (a partial fill's remainder) cannot be reduced by any order — the unwind quote and the taker exit
        // would both be too small — so the guards cannot act on it and must not stop the quotes either: the model's
        // reducing quote trades it out as part of a full-size order.
        bool reducible = q.Abs() >= yes.MinSize;
        var portfolio = ctx.Portfolio;
        long openedTicks = portfolio.UnhedgedOpenedAt(yes)?.UtcTicks ?? now;
        var hold = reducible ? HoldTimeGuard.Evaluate(terms.Hold, now, openedTicks, q, top, yes) : default;
        if (hold.Decision.Action == ProtectionAction.ForcedExit)
        {
            m.Active = active | ActiveProtections.ForcedExit;
            ForceExit(m, hold);
            return;
        }

        int n;
        if (hold.Decision.Action == ProtectionAction.PassiveUnwind)
        {
            active |= ActiveProtections.HoldTimeUnwind;
            n = UnwindQuote(m, hold.Side, hold.Price, q);
        }
        else
        {
            var stop = reducible ? StopLossGuard.Evaluate(_stop, q, portfolio.UnhedgedAverageEntry(yes) ?? Price.Zero, mark) : ProtectionDecision.Clear;
            if (!stop.IsClear)
            {
                active |= stop.Reason == ProtectionReason.StopLossDollars ? ActiveProtections.StopLoss : ActiveProtections.AdverseMove;
                Side side = q.Raw > 0 ? Side.Sell : Side.Buy;
                n = UnwindQuote(m, side, PassivePrices.Unwind(side, top, yes), q);
            }
            else
            {
                n = ModelQuotes(m, now, fair, q, widen, top, book, ref active);
                if (n < 0)
                {
                    // Edge freeze: no new or amended orders; resting quotes stay.
                    m.Active = active | ActiveProtections.EdgeFreeze;
                    return;
                }
            }
        }

        if (_state == TradingState.Reducing) n = KeepReducingSide(m, n, q);
        m.Active = active;
        Route(m, n);
        Reconcile(m);
        ScoreRewards(m, book);
    }

    /// <summary>
    /// The binary net delta q (YES − NO shares) or, for crypto, the position — less the complete neg-risk baskets held:
    /// those are hedged at $1, whoever bought them (the arbitrage strategy does), and the market maker must neither skew
    /// on them nor sell or force-exit their legs. The ledger's unhedged delta.
    /// </summary>
    private Quantity NetDelta(MarketState m) => Ctx.Portfolio.UnhedgedDelta(m.Quoted);

    /// <summary>Complete baskets of the market's neg-risk event held (zero outside one).</summary>
    private long HeldBaskets(MarketState m) => m.EventMarkets is { } markets ? Ctx.Portfolio.CompleteBaskets(markets).Raw : 0;

    /// <summary>
    /// Resolves the market's own terms (<see cref="MarketMakerOptions.PerMarket"/>) against the mid of its first two-sided
    /// book; false while it has none. Runs once per market, so its allocation is not on the steady-state path.
    /// </summary>
    private bool TryResolveTerms(MarketState m, in BookTop top)
    {
        if (!top.IsTwoSided) return false;
        var mid = new Price((top.BestBid.Raw + top.BestAsk.Raw) / 2);
        var resolved = _options.PerMarket!.Resolve(m.Quoted, mid);
        var errors = resolved.Validate();
        if (errors.Count > 0 || resolved.PerMarket is not null || resolved.LadderOptions.Offsets.Count != _options.LadderOptions.Offsets.Count)
            throw new InvalidOperationException($"market maker terms of {m.Quoted.Id} are invalid: " + string.Join("; ", errors));
        m.Terms = new MarketQuoteTerms(resolved);
        return true;
    }

    /// <summary>A-S (or linear skew) ladder; −1 when the edge guard freezes the market.</summary>
    private int ModelQuotes(MarketState m, long now, double fair, Quantity q, double widen, in BookTop top, Core.Books.IOrderBookView book, ref ActiveProtections active)
    {
        var yes = m.Quoted;
        if (_options.FitKappa && (m.KappaFitTicks == long.MinValue || now - m.KappaFitTicks >= _options.KappaRefitInterval.Ticks))
        {
            m.KappaFitTicks = now;
            m.Kappa = m.Intensity.TryEstimate(now, out double k, out _) ? k : double.NaN;
        }

        long endTicks = yes.Outcome?.EndTime?.UtcTicks ?? 0;
        var terms = m.Terms!;
        var res = AvellanedaStoikov.Compute(terms.Model, fair, q, m.Vol.VariancePerSecond, now, endTicks, _options.FitKappa ? m.Kappa : double.NaN);
        double half = res.HalfSpread;
        Price tick = yes.TickSize;
        double minHalf = Math.Max(terms.MinSpreadTicks * tick.ToDouble() * 0.5, terms.MinSpread.ToDouble() * 0.5);
        bool maxed = q.Abs() >= terms.MaxInventory;
        if (maxed) active |= ActiveProtections.MaxInventory;
        bool rewardsAllow = !maxed && widen == 1.0;
        var rewards = _options.TightenForRewards ? m.Spec.Rewards : null;
        if (rewards is not null)
        {
            double mid = AdjustedMid(m, book, rewards, top);
            half = RewardScorer.TightenHalfSpread(rewards, res.Reservation, half, mid, tick, minHalf, rewardsAllow, out _);
        }

        half = Math.Max(half * widen, minHalf);
        m.Reservation = res.Reservation;
        m.HalfSpread = half;

        double avg = m.Markouts.AverageBps(_decisionHorizon);
        double adverse = double.IsFinite(avg) ? Math.Max(0, -avg) : 0;
        if (!EdgeGuard.Evaluate(_edge, half, fair, _options.RebateBps, adverse + FeeCostBps(m, fair, half, tick)).IsClear) return -1;
        // Each side's total is capped so that q stays within the limit even if it all fills together with the orders
        // the reconciliation will not touch (cancels in flight, exits); Place checks again against every open order.
        m.OpenExposure(outsideReconcile: true, exceptSlot: -1, out var raising, out var lowering);
        var room = InventoryLimit.Room(terms.MaxInventory, q, raising, lowering);
        int n = terms.Ladder.Build(res.Reservation, half, q, room, top, yes, m.Ladder);
        if (rewards is not null && rewardsAllow) RaiseToRewardMinimum(m, n, rewards, room);
        return n;
    }

    /// <summary>
    /// The fee a level-0 quote pair may pay, in bps of fair (0 without a fee model): as a maker while the ladder is
    /// post-only, as a taker otherwise (a quote that may cross can take). A binary market's quote is charged its worse
    /// routed form — an ask may trade as a NO BUY, whose fee the venue takes in shares.
    /// </summary>
    private double FeeCostBps(MarketState m, double fair, double half, Price tick)
    {
        if (m.Spec.Fees is not { } fees) return 0;
        var liquidity = _postOnly ? Liquidity.Maker : Liquidity.Taker;
        var size = m.Terms!.QuoteSize;
        var bid = Price.FromModelBid(Math.Max(0, fair - half), tick);
        var ask = Price.FromModelAsk(fair + half, tick);
        return m.IsBinary
            ? FeeEdge.QuoteCostBps(fees, bid, ask, size, liquidity, fair)
            : Math.Max(FeeEdge.CostBps(fees, Side.Buy, bid, size, liquidity, fair), FeeEdge.CostBps(fees, Side.Sell, ask, size, liquidity, fair));
    }

    /// <summary>
    /// Rewards score only orders of at least the market's minimum size: when risk allows, level-0 quotes are raised to
    /// it (rounded up to the size step), as long as the side's total stays within its inventory room.
    /// </summary>
    private static void RaiseToRewardMinimum(MarketState m, int n, RewardParameters rewards, InventoryRoom room)
    {
        long step = m.Quoted.SizeStep.Raw;
        long min = rewards.MinSize.Raw;
        if (min % step != 0) min += step - min % step;
        long bids = 0, asks = 0;
        for (int i = 0; i < n; i++)
        {
            if (m.Ladder[i].Side == Side.Buy) bids += m.Ladder[i].Size.Raw;
            else asks += m.Ladder[i].Size.Raw;
        }

        for (int i = 0; i < n; i++)
        {
            var quote = m.Ladder[i];
            if (quote.Level != 0 || quote.Size.Raw >= min) continue;
            long extra = min - quote.Size.Raw;
            bool bid = quote.Side == Side.Buy;
            if ((bid ? bids : asks) + extra > (bid ? room.Buy : room.Sell).Raw) continue;
            if (bid) bids += extra;
            else asks += extra;
            m.Ladder[i] = quote with { Size = new Quantity(min) };
        }
    }

    private static double AdjustedMid(MarketState m, Core.Books.IOrderBookView book, RewardParameters rewards, in BookTop top)
    {
        int nb = book.CopyDepth(Side.Buy, m.DepthBids);
        int na = book.CopyDepth(Side.Sell, m.DepthAsks);
        return RewardScorer.TryAdjustedMidpoint(m.DepthBids.AsSpan(0, nb), m.DepthAsks.AsSpan(0, na), rewards.MinSize, out double mid) ? mid : top.Mid;
    }

    /// <summary>The single reducing quote of a passive unwind (YES view), sized to the position.</summary>
    private static int UnwindQuote(MarketState m, Side side, Price price, Quantity q)
    {
        long size = q.Abs().Raw;
        size -= size % m.Quoted.SizeStep.Raw;
        if (size <= 0 || size < m.Quoted.MinSize.Raw || !m.Quoted.IsValidPrice(price)) return 0;
        m.Ladder[0] = new LadderQuote(side, price, new Quantity(size), 0);
        return 1;
    }

    /// <summary>REDUCING: keep only quotes that shrink |q|, their total capped at |q| (closest levels first).</summary>
    private static int KeepReducingSide(MarketState m, int n, Quantity q)
    {
        if (q.Raw == 0) return 0;
        Side reducing = q.Raw > 0 ? Side.Sell : Side.Buy;
        long left = q.Abs().Raw;
        int k = 0;
        for (int i = 0; i < n && left > 0; i++)
        {
            var quote = m.Ladder[i];
            if (quote.Side != reducing) continue;
            long size = Math.Min(quote.Size.Raw, left);
            size -= size % m.Quoted.SizeStep.Raw;
            if (size <= 0 || size < m.Quoted.MinSize.Raw) continue;
            left -= size;
            m.Ladder[k++] = quote with { Size = new Quantity(size) };
        }

        return k;
    }

    /// <summary>Turns the YES-view ladder into desired orders per token (complement routing for binary markets).</summary>
    private void Route(MarketState m, int n)
    {
        m.DesiredCount[0] = 0;
        m.DesiredCount[1] = 0;
        if (!m.IsBinary)
        {
            for (int i = 0; i < n; i++) AddDesired(m, 0, m.Ladder[i].Side, m.Ladder[i].Price, m.Ladder[i].Size, m.Ladder[i].Level);
            return;
        }

        var portfolio = Ctx.Portfolio;
        var no = m.Complement!;
        // YES legs of complete neg-risk baskets are not ours to sell.
        long yesFree = Math.Max(0, (portfolio.GetPosition(m.Quoted)?.Quantity.Raw ?? 0) - HeldBaskets(m));
        long noFree = Math.Max(0, portfolio.GetPosition(no)?.Quantity.Raw ?? 0);
        Money cash = portfolio.Cash;
        var noTop = TopOf(Ctx.Book(no));
        for (int i = 0; i < n; i++)
        {
            int legs = ComplementRouter.Route(_router, m.Ladder[i], m.Quoted, no, new Quantity(yesFree), new Quantity(noFree), cash, m.Legs);
            for (int j = 0; j < legs; j++)
            {
                var leg = m.Legs[j];
                int token = leg.Instrument == RoutedInstrument.Quoted ? 0 : 1;
                Price price = leg.Price;
                if (token == 1 && _postOnly && !PassivePrices.Clamp(ref price, leg.Side, noTop, no)) continue;
                if (leg.Side == Side.Sell)
                {
                    if (token == 0) yesFree -= leg.Size.Raw;
                    else noFree -= leg.Size.Raw;
                }
                else
                {
                    cash -= leg.CashLocked;
                }

                AddDesired(m, token, leg.Side, price, leg.Size, m.Ladder[i].Level);
            }
        }
    }

    private static void AddDesired(MarketState m, int token, Side side, Price price, Quantity size, int level)
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

    /// <summary>Keeps what is close enough, cancels the rest (both tokens first), then places what is missing.</summary>
    private void Reconcile(MarketState m)
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
            var result = _reconciler.Reconcile(m.Desired[t].AsSpan(0, m.DesiredCount[t]), m.Resting.AsSpan(0, r), m.Token(t).TickSize, m.Cancels, places);
            m.RequestsSaved += result.RequestsSaved;
            for (int i = 0; i < result.Cancels; i++) CancelSlot(m, m.FindSlot(m.Cancels[i]));
            placeCount[t] = result.Places;
        }

        for (int t = 0; t < tokens; t++)
        {
            var places = t == 0 ? m.Places.AsSpan(0, m.Places.Length / 2) : m.Places.AsSpan(m.Places.Length / 2);
            for (int i = 0; i < placeCount[t]; i++)
            {
                var d = places[i];
                Place(m, t, SlotKind.Quote, d.Side, d.Price, d.Size, LevelOf(m, t, d), TimeInForce.Gtc, _postOnly);
            }
        }
    }

    private static int LevelOf(MarketState m, int token, in DesiredQuote d)
    {
        var desired = m.Desired[token];
        for (int i = 0; i < m.DesiredCount[token]; i++)
            if (desired[i] == d) return m.DesiredLevel[token][i];
        return 0;
    }

    /// <summary>Submits one order through the risk gate and records it in a slot; false when denied or no slot is free.</summary>
    private bool Place(MarketState m, int token, SlotKind kind, Side side, Price price, Quantity size, int level, TimeInForce tif, bool postOnly)
    {
        int slot = m.FreeSlot();
        if (slot < 0)
        {
            m.SlotsExhausted++;
            return false;
        }

        var ctx = Ctx;
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
        var outcome = ctx.Submit(new OrderRequest(id, instrument.Id, side, OrderType.Limit, tif, price, size, PostOnly: postOnly, Tag: Name));
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
    private Quantity FitInventory(MarketState m, int token, Side side, Quantity size, int exceptSlot)
    {
        m.OpenExposure(outsideReconcile: false, exceptSlot, out var raising, out var lowering);
        var room = InventoryLimit.Room(m.Terms!.MaxInventory, NetDelta(m), raising, lowering).For(MarketState.RaisesQ(token, side));
        var instrument = m.Token(token);
        var fit = InventoryLimit.Fit(size, room, instrument.SizeStep, instrument.MinSize);
        if (fit != size) m.InventoryTrims++;
        return fit;
    }

    /// <summary>Cancels one slot: a live order through the context, a pending retry simply dropped.</summary>
    private void CancelSlot(MarketState m, int slot)
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
                if (Ctx.Cancel(s.Id))
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
    private void Pull(MarketState m)
    {
        for (int i = 0; i < m.Slots.Length; i++) CancelSlot(m, i);
        m.RewardQMin = 0;
    }

    /// <summary>Forced exit: quotes off, then (once they are gone) one slippage-capped taker (FAK) order at a time until flat.</summary>
    private void ForceExit(MarketState m, in HoldTimeVerdict verdict)
    {
        // The taker order waits until no quote of ours rests any more (cancels confirmed): it must not trade with them.
        bool busy = false;
        for (int i = 0; i < m.Slots.Length; i++)
        {
            ref var s = ref m.Slots[i];
            if (s.State == SlotState.Free) continue;
            busy = true;
            if (s.Kind == SlotKind.Quote) CancelSlot(m, i);
        }

        if (busy) return;
        long size = Math.Min(verdict.Size.Raw, NetDelta(m).Abs().Raw);
        size -= size % m.Quoted.SizeStep.Raw;
        if (size <= 0) return;
        var quote = new LadderQuote(verdict.Side, verdict.Price, new Quantity(size), 0);
        int legs;
        if (m.IsBinary)
        {
            var portfolio = Ctx.Portfolio;
            legs = ComplementRouter.Route(_router, quote, m.Quoted, m.Complement!,
                new Quantity(Math.Max(0, (portfolio.GetPosition(m.Quoted)?.Quantity.Raw ?? 0) - HeldBaskets(m))),
                Quantity.Max(Quantity.Zero, portfolio.GetPosition(m.Complement!)?.Quantity ?? Quantity.Zero),
                portfolio.Cash, m.Legs);
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
            if (Place(m, token, SlotKind.Exit, leg.Side, leg.Price, leg.Size, 0, TimeInForce.Fak, postOnly: false)) m.ForcedExits++;
        }
    }

    /// <summary>
    /// A forced exit's taker BUY, sized up so that the shares kept after the fee (taken in shares) cover
    /// <paramref name="target"/>. The fee shares per share, r·(p(1 − p))^e ÷ p, depend on the fill price (for e = 1 they
    /// grow as it falls), so the size is worked out at the best ask and at the limit and the larger one is sent.
    /// </summary>
    private Quantity ExitBuySize(Core.Fees.IFeeModel fees, Instrument token, Price limit, Quantity target)
    {
        var book = Ctx.Book(token);
        var price = book.HasAsks && book.BestAsk.Price < limit ? book.BestAsk.Price : limit;
        var size = Core.Fees.ShareFee.GrossUpForBuy(fees, price, target, token.SizeStep, token.MinSize);
        var atLimit = Core.Fees.ShareFee.GrossUpForBuy(fees, limit, target, token.SizeStep, token.MinSize);
        return Quantity.Max(size, atLimit);
    }

    /// <summary>Scores our resting quotes for liquidity rewards: S per order and the market's Q_min.</summary>
    private static void ScoreRewards(MarketState m, Core.Books.IOrderBookView book)
    {
        if (m.Spec.Rewards is not { } rewards)
        {
            m.RewardQMin = 0;
            return;
        }

        var top = TopOf(book);
        if (!top.IsTwoSided) return;
        double mid = AdjustedMid(m, book, rewards, top);
        int n = 0;
        for (int i = 0; i < m.Slots.Length; i++)
        {
            ref var s = ref m.Slots[i];
            if (s.Kind != SlotKind.Quote || s.State != SlotState.Live) continue;
            bool complement = s.Token == 1;
            s.Score = RewardScorer.OrderScore(rewards, RewardScorer.SpreadCents(s.Price, complement ? 1.0 - mid : mid), s.Size);
            m.RewardOrders[n++] = new RewardOrder(s.Side, complement, s.Price, s.Size);
        }

        m.RewardQMin = RewardScorer.Score(rewards, mid, m.RewardOrders.AsSpan(0, n)).QMin;
    }
}
