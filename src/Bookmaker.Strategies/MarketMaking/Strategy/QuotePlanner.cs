using Bookmaker.Core.Books;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking.Protections;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// What one market should quote, in the YES view, into its ladder buffer (<see cref="MarketState.Ladder"/>): the model
/// ladder (Avellaneda–Stoikov or linear skew around the fair price, tightened for liquidity rewards, held back by the
/// edge guard and the inventory room), a single passive unwind quote, or the REDUCING cut of either. Pure of orders:
/// placing is <see cref="OrderSlots"/>' job, routing to tokens <see cref="DesiredOrders"/>'.
/// </summary>
internal sealed class QuotePlanner(MarketMakerSettings settings)
{
    private readonly MarketMakerOptions _options = settings.Options;

    /// <summary>
    /// Resolves the market's own terms (<see cref="MarketMakerOptions.PerMarket"/>) against the mid of its first two-sided
    /// book; false while it has none. Runs once per market, so its allocation is not on the steady-state path.
    /// </summary>
    public bool TryResolveTerms(MarketState m, in BookTop top)
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
    public int ModelQuotes(MarketState m, long now, double fair, Quantity q, double widen, in BookTop top, IOrderBookView book, ref ActiveProtections active)
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
        Price tick = yes.TickSize;
        // The maker's fee widens the quotes and its rebate tightens them, floor included (MakerFeeSpread).
        double makerCost = MakerFeeSpread.PerShare(MakerCostBps(m, fair, res.HalfSpread, tick), fair);
        double half = MakerFeeSpread.Quoted(res.HalfSpread, makerCost);
        double minHalf = MakerFeeSpread.Floor(terms.MinSpreadTicks * tick.ToDouble() * 0.5, terms.MinSpread.ToDouble() * 0.5, makerCost);
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

        double avg = m.Markouts.AverageBps(settings.DecisionHorizon);
        double adverse = double.IsFinite(avg) ? Math.Max(0, -avg) : 0;
        if (!EdgeGuard.Evaluate(settings.Edge, half, fair, 0, adverse + FeeCostBps(m, fair, half, tick)).IsClear) return -1;
        // Each side's total is capped so that q stays within the limit even if it all fills together with the orders
        // the reconciliation will not touch (cancels in flight, exits); Place checks again against every open order.
        m.OpenExposure(outsideReconcile: true, exceptSlot: -1, out var raising, out var lowering);
        var room = InventoryLimit.Room(terms.MaxInventory, q, raising, lowering);
        int n = terms.Ladder.Build(res.Reservation, half, q, room, top, yes, m.Ladder);
        if (rewards is not null && rewardsAllow) RaiseToRewardMinimum(m, n, rewards, room);
        return n;
    }

    /// <summary>
    /// The fee a level-0 quote pair may pay, in bps of fair (0 without a fee model), for the edge guard: as a maker while
    /// the ladder is post-only — net of the maker's rebate, so negative on a rebate tier — and as a taker otherwise (a
    /// quote that may cross can take, and a taker earns no rebate). A binary market's quote is charged its worse routed
    /// form — an ask may trade as a NO BUY, whose fee the venue takes in shares.
    /// </summary>
    private double FeeCostBps(MarketState m, double fair, double half, Price tick) =>
        settings.PostOnly ? MakerCostBps(m, fair, half, tick) : PairCostBps(m, fair, half, tick, Liquidity.Taker, net: false);

    /// <summary>
    /// What a maker fill of a level-0 quote costs, fee less rebate, in bps of fair: <c>MarketMaker:RebateBps</c> when
    /// set (an explicit override: −RebateBps), else the market's fee model (the venue's fee tier per instrument), else 0.
    /// </summary>
    private double MakerCostBps(MarketState m, double fair, double half, Price tick) =>
        settings.RebateOverrideBps is { } rebate ? -rebate : PairCostBps(m, fair, half, tick, Liquidity.Maker, net: true);

    private static double PairCostBps(MarketState m, double fair, double half, Price tick, Liquidity liquidity, bool net)
    {
        if (m.Spec.Fees is not { } fees) return 0;
        var size = m.Terms!.QuoteSize;
        var bid = Price.FromModelBid(Math.Max(0, fair - half), tick);
        var ask = Price.FromModelAsk(fair + half, tick);
        if (!m.IsBinary) return FeeEdge.PairCostBps(fees, bid, ask, size, liquidity, fair, net);
        return net ? FeeEdge.QuoteNetCostBps(fees, bid, ask, size, liquidity, fair) : FeeEdge.QuoteCostBps(fees, bid, ask, size, liquidity, fair);
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

    private static double AdjustedMid(MarketState m, IOrderBookView book, RewardParameters rewards, in BookTop top)
    {
        int nb = book.CopyDepth(Side.Buy, m.DepthBids);
        int na = book.CopyDepth(Side.Sell, m.DepthAsks);
        return RewardScorer.TryAdjustedMidpoint(m.DepthBids.AsSpan(0, nb), m.DepthAsks.AsSpan(0, na), rewards.MinSize, out double mid) ? mid : top.Mid;
    }

    /// <summary>The single reducing quote of a passive unwind (YES view), sized to the position.</summary>
    public static int UnwindQuote(MarketState m, Side side, Price price, Quantity q)
    {
        long size = q.Abs().Raw;
        size -= size % m.Quoted.SizeStep.Raw;
        if (size <= 0 || size < m.Quoted.MinSize.Raw || !m.Quoted.IsValidPrice(price)) return 0;
        m.Ladder[0] = new LadderQuote(side, price, new Quantity(size), 0);
        return 1;
    }

    /// <summary>REDUCING: keep only quotes that shrink |q|, their total capped at |q| (closest levels first).</summary>
    public static int KeepReducingSide(MarketState m, int n, Quantity q)
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

    /// <summary>Scores our resting quotes for liquidity rewards: S per order and the market's Q_min.</summary>
    public static void ScoreRewards(MarketState m, IOrderBookView book)
    {
        if (m.Spec.Rewards is not { } rewards)
        {
            m.RewardQMin = 0;
            return;
        }

        var top = BookTop.Of(book);
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
