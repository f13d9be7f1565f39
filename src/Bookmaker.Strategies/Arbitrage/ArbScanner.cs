using Bookmaker.Core.Fees;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage;

/// <summary>What one evaluation of a basket found.</summary>
public enum ArbScanResult : byte
{
    /// <summary>No basket clears the minimum profit (or the books are too thin for the minimum size).</summary>
    NoEdge = 0,

    /// <summary>A new opportunity (check its <see cref="ArbOpportunity.Actionability"/>).</summary>
    Found = 1,

    /// <summary>The same opportunity as last reported, within the cooldown: not reported again.</summary>
    Duplicate = 2,

    /// <summary>A neg-risk event with an "Other" or placeholder outcome, skipped by configuration.</summary>
    SkippedPlaceholder = 3,
}

/// <summary>
/// Finds complete-set arbitrage in one basket when one of its books changes (the host calls it; nothing polls).
/// Pure and allocation free: inputs are the basket's preallocated book copies, holdings and the cash available; the
/// output is an <see cref="ArbOpportunity"/>.
/// </summary>
/// <remarks>
/// Conditions (per $1 set, after each leg's taker fee): binary BUY when ask_YES + ask_NO + fees &lt; 1 − min profit;
/// binary SELL when bid_YES + bid_NO − fees &gt; 1 + min profit (only when both legs are held, else reported as
/// <see cref="ArbActionability.NotHeld"/>); neg-risk BUY-ALL when Σ YES asks + fees &lt; 1 − min profit.
/// Sizing walks every leg's levels together: a segment in which every leg stays on one level has a constant marginal
/// edge; whole segments are taken while the marginal edge beats the minimum, then the part of the next one that keeps
/// the basket's average above it. The size is capped by the risk caps and the balance (cash for buys, holdings for
/// sells), rounded down to the legs' common size step, checked against each leg's minimum size and then priced
/// exactly, level by level, with the venue's fee rounding.
/// </remarks>
public sealed class ArbScanner
{
    private const long Atto = 1_000_000_000_000_000_000L; // 1e18: per-share values are carried in 1e-18 units
    private const int MaxLegs = 64;
    private const int MaxStepDowns = 8;

    private readonly ArbScannerOptions _options;
    private readonly long _minProfitAtto;
    // The profit per set this evaluation requires (1e-18 units): the configured minimum on top of the expected cost of
    // losing a leg (see LegKillProbability). Set at the start of each side's evaluation.
    private long _requiredAtto;
    // Per leg, the deepest level the last walk took shares from: pricing may not reach past it (a BUY leg grossed up
    // for the fee kept in shares would otherwise spill onto a level whose limit breaks the required profit).
    private readonly int[] _walkLevel = new int[MaxLegs];
    private readonly long _cooldownTicks;
    private readonly bool _feesInShares;

    /// <summary>Creates a scanner; throws on invalid options (validate config first).</summary>
    public ArbScanner(ArbScannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().Count > 0) throw new ArgumentException("invalid arbitrage options", nameof(options));
        _options = options;
        _minProfitAtto = options.MinProfitPerSet.Raw * FixedPoint.Scale;
        _cooldownTicks = options.Cooldown.Ticks;
        _feesInShares = options.BuyFeesInShares;
    }

    /// <summary>The options.</summary>
    public ArbScannerOptions Options => _options;

    /// <summary>
    /// The measured chance that an entry leg is killed (0 to 1; the executor's <c>ArbMetrics.LegKillProbability</c>).
    /// A killed leg (one lost to a faster arbitrageur, say) leaves the others to complete a tick worse or to unwind, which
    /// costs about each leg's spread per set: the profit required per set is <see cref="ArbScannerOptions.MinProfitPerSet"/>
    /// plus this chance × Σ leg spreads, so the minimum is what an opportunity must still earn after the expected cost of
    /// losing a leg (issue 15: with competitors the cost alone is about a one-tick edge, and the larger of the two let
    /// such edges through). Zero (the default) requires only the configured minimum.
    /// </summary>
    public double LegKillProbability { get; set; }

    /// <summary>The profit per set the last evaluation required (the minimum plus the expected cost of a lost leg).</summary>
    public Money LastRequiredProfitPerSet => new(_requiredAtto / FixedPoint.Scale);

    /// <summary>
    /// Evaluates <paramref name="basket"/> after one of its books changed. Binary baskets are checked for a buy, then
    /// a sell; neg-risk baskets for a buy-all.
    /// </summary>
    /// <param name="basket">The basket with current books and holdings.</param>
    /// <param name="cashAvailable">USDC free to spend on a buy basket.</param>
    /// <param name="nowTicks">Host clock in <see cref="TimeSpan"/> ticks (e.g. <c>TimeProvider.GetUtcNow().UtcTicks</c>);
    /// stamps the opportunity and drives the dedup cooldown.</param>
    /// <param name="opportunity">The opportunity when the result is <see cref="ArbScanResult.Found"/> (also filled for
    /// <see cref="ArbScanResult.Duplicate"/>).</param>
    public ArbScanResult Evaluate(ArbBasket basket, Money cashAvailable, long nowTicks, out ArbOpportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(basket);
        if (basket.LegCount > MaxLegs) throw new ArgumentException($"at most {MaxLegs} legs", nameof(basket));
        opportunity = default;
        if (basket.IsNegRisk)
        {
            if (basket.HasPlaceholder && !_options.IncludePlaceholderEvents) return ArbScanResult.SkippedPlaceholder;
            return EvaluateSide(basket, buy: true, cashAvailable, nowTicks, out opportunity);
        }

        var buy = EvaluateSide(basket, buy: true, cashAvailable, nowTicks, out opportunity);
        if (buy != ArbScanResult.NoEdge) return buy;
        return EvaluateSide(basket, buy: false, cashAvailable, nowTicks, out opportunity);
    }

    private ArbScanResult EvaluateSide(ArbBasket basket, bool buy, Money cash, long now, out ArbOpportunity opportunity)
    {
        opportunity = default;
        ref var dedup = ref buy ? ref basket.BuyDedup : ref basket.SellDedup;
        var plan = buy ? basket.BuyPlan : basket.SellPlan;
        long step = basket.CommonSizeStep.Raw;
        long minSize = basket.MinSetSize.Raw;
        _requiredAtto = RequiredProfitAtto(basket);

        // 1. The most sets the books allow at a profit within the risk caps.
        long riskBudget = _options.MaxBasketNotional.Raw;
        long sets = FloorToStep(Walk(basket, buy, _options.MaxSets.Raw, riskBudget), step);
        if (sets < minSize || !PriceExactly(basket, buy, ref sets, step, minSize, riskBudget, plan, out var figures))
        {
            dedup.HasReport = false;
            return ArbScanResult.NoEdge;
        }

        // 2. The balance cap: cash for a buy, holdings for a sell. When it leaves less than the minimum size, the
        // opportunity is still reported (with the uncapped figures) but marked as not actionable.
        var actionability = ArbActionability.Actionable;
        if (buy && figures.Notional.Raw + figures.Fees.Raw > cash.Raw)
        {
            long capped = FloorToStep(Walk(basket, buy, _options.MaxSets.Raw, Math.Min(riskBudget, cash.Raw)), step);
            if (capped >= minSize && PriceExactly(basket, buy, ref capped, step, minSize, Math.Min(riskBudget, cash.Raw), plan, out var cf) && cf.Notional.Raw + cf.Fees.Raw <= cash.Raw)
            {
                sets = capped;
                figures = cf;
            }
            else
            {
                actionability = ArbActionability.InsufficientCash;
                PriceExactly(basket, buy, ref sets, step, minSize, riskBudget, plan, out figures);
            }
        }
        else if (!buy)
        {
            long held = long.MaxValue;
            for (int i = 0; i < basket.LegCount; i++) held = Math.Min(held, basket.Held(i).Raw);
            held = FloorToStep(Math.Max(held, 0), step);
            if (held < sets)
            {
                long capped = held;
                if (capped >= minSize && PriceExactly(basket, buy, ref capped, step, minSize, riskBudget, plan, out var cf))
                {
                    sets = capped;
                    figures = cf;
                }
                else
                {
                    actionability = ArbActionability.NotHeld;
                    PriceExactly(basket, buy, ref sets, step, minSize, riskBudget, plan, out figures);
                }
            }
        }

        var kind = basket.IsNegRisk ? ArbKind.NegRiskBuyAll : buy ? ArbKind.BuySet : ArbKind.SellSet;
        Money payout = new(sets);
        opportunity = new ArbOpportunity
        {
            BasketId = basket.Id,
            Kind = kind,
            Actionability = actionability,
            Legs = plan,
            Sets = new Quantity(sets),
            GrossNotional = figures.Notional,
            Fees = figures.Fees,
            Payout = payout,
            Profit = figures.Profit,
            Capital = buy ? figures.Notional + figures.Fees : payout,
            DetectedAtTicks = now,
        };

        if (IsDuplicate(ref dedup, plan, sets, figures, actionability, now)) return ArbScanResult.Duplicate;
        return ArbScanResult.Found;
    }

    private bool IsDuplicate(ref ArbBasket.DedupState d, ArbLegPlan[] plan, long sets, Figures f, ArbActionability a, long now)
    {
        d.Limits ??= new long[plan.Length];
        bool same = d.HasReport && d.Sets == sets && d.Notional == f.Notional.Raw && d.Fees == f.Fees.Raw && d.Actionability == a;
        for (int i = 0; same && i < plan.Length; i++) same = d.Limits[i] == plan[i].LimitPrice.Raw;
        if (same && now - d.ReportedAt < _cooldownTicks) return true;
        d.HasReport = true;
        d.ReportedAt = now;
        d.Sets = sets;
        d.Notional = f.Notional.Raw;
        d.Fees = f.Fees.Raw;
        d.Actionability = a;
        for (int i = 0; i < plan.Length; i++) d.Limits[i] = plan[i].LimitPrice.Raw;
        return false;
    }

    /// <summary>
    /// The largest size (raw shares, before step rounding) whose average edge per set beats the minimum profit,
    /// within <paramref name="maxSets"/> and a budget (buys: cost incl. fees; sells: gross proceeds). Uses each level's
    /// fee bound, so the exact (floored) fee can only make the result more profitable.
    /// </summary>
    private long Walk(ArbBasket basket, bool buy, long maxSets, long budgetRaw)
    {
        int n = basket.LegCount;
        Span<int> level = stackalloc int[n];
        Span<long> rem = stackalloc long[n];
        _walkLevel.AsSpan(0, n).Clear();

        // Marginal edge per set (1e-18 units): +1 − Σ(ask + fee) for a buy, Σ(bid − fee) − 1 for a sell.
        Int128 edge = buy ? Atto : -Atto;
        Int128 use = 0; // marginal budget use per set: Σ(ask + fee) for a buy, Σ bid for a sell
        for (int i = 0; i < n; i++)
        {
            var side = buy ? basket.LegAt(i).Asks : basket.LegAt(i).Bids;
            if (side.Count == 0) return 0;
            level[i] = 0;
            rem[i] = side.Size[0];
            edge += Contribution(side, 0, buy);
            use += Usage(side, 0, buy);
        }

        Int128 minProfit = _requiredAtto;
        Int128 budget = (Int128)budgetRaw * Atto; // 1e-27 units
        long s = 0;
        Int128 accUse = 0;
        while (true)
        {
            // Every level the basket reaches must clear the required profit on its own, not only on average: each leg
            // is sent with its worst level as the limit, and if the book moves every leg may fill entirely at its
            // limit. Σ limits + fees then still leaves the required profit per set (issue 15: a "success" that loses).
            if (edge <= minProfit) break;
            long seg = maxSets - s;
            for (int i = 0; i < n; i++) seg = Math.Min(seg, rem[i]);
            if (seg <= 0) break;

            long take = seg;
            if (use > 0 && (Int128)take * use > budget - accUse)
            {
                Int128 affordable = (budget - accUse) / use;
                if (affordable < take) take = (long)Int128.Max(affordable, 0);
            }

            if (take <= 0) break;
            s += take;
            accUse += (Int128)take * use;
            for (int i = 0; i < n; i++) _walkLevel[i] = level[i];
            if (take < seg) break;

            for (int i = 0; i < n; i++)
            {
                rem[i] -= take;
                if (rem[i] > 0) continue;
                var side = buy ? basket.LegAt(i).Asks : basket.LegAt(i).Bids;
                int l = level[i];
                edge -= Contribution(side, l, buy);
                use -= Usage(side, l, buy);
                if (++l >= side.Count) return s; // this leg's visible depth is exhausted
                level[i] = l;
                rem[i] = side.Size[l];
                edge += Contribution(side, l, buy);
                use += Usage(side, l, buy);
            }
        }

        return s;
    }

    private Int128 Contribution(ArbBasket.LevelSide side, int l, bool buy) =>
        buy ? -((Int128)side.Price[l] * FixedPoint.Scale + BuyFeeBound(side, l)) : (Int128)side.Price[l] * FixedPoint.Scale - side.FeeBound[l];

    private Int128 Usage(ArbBasket.LevelSide side, int l, bool buy) =>
        buy ? (Int128)side.Price[l] * FixedPoint.Scale + BuyFeeBound(side, l) : (Int128)side.Price[l] * FixedPoint.Scale;

    /// <summary>
    /// The fee per set a BUY level costs. Paid in USDC: the fee bound f. Kept in shares: a set needs 1/(1 − f/p)
    /// shares at p, so the fee costs f·p/(p − f) — the fee plus the fee on the extra shares (rounded up; a fee that
    /// would take every share makes the level unusable). Rounding to the token unit and the size step is left to the
    /// exact pricing.
    /// </summary>
    private Int128 BuyFeeBound(ArbBasket.LevelSide side, int l)
    {
        long f = side.FeeBound[l];
        if (!_feesInShares || f == 0) return f;
        Int128 p = (Int128)side.Price[l] * FixedPoint.Scale;
        if (p <= f) return Atto;
        Int128 n = (Int128)f * p;
        Int128 d = p - f;
        return (n + d - 1) / d;
    }

    /// <summary>
    /// Prices <paramref name="sets"/> exactly, level by level with the venue's fee rounding, filling
    /// <paramref name="plan"/>; steps the size down (a few steps at most) if rounding took it under the minimum profit.
    /// </summary>
    private bool PriceExactly(ArbBasket basket, bool buy, ref long sets, long step, long minSize, long budget, ArbLegPlan[] plan, out Figures figures)
    {
        for (int attempt = 0; attempt <= MaxStepDowns && sets >= minSize; attempt++, sets -= step)
        {
            if (!TryPrice(basket, buy, sets, plan, out figures, out long fits))
            {
                // A sized-up BUY leg outgrew the visible depth (an FOK leg would be killed): cut the sets in proportion.
                if (fits > 0 && fits < sets) sets = FloorToStep(fits, step) + step;
                continue;
            }

            // Buys in shares: the sized-up legs may cost more than the walk's estimate; the cap is on what is paid.
            long cost = figures.Notional.Raw + figures.Fees.Raw;
            if (buy && _feesInShares && cost > budget)
            {
                sets = FloorToStep((long)((Int128)sets * budget / cost), step) + step;
                continue;
            }

            long threshold = FixedPoint.MultiplyScaled(sets, (_requiredAtto + FixedPoint.Scale - 1) / FixedPoint.Scale, MidpointRounding.ToPositiveInfinity);
            if (figures.Profit.Raw > threshold && LimitsLeaveRequiredProfit(basket, buy, plan)) return true;
        }

        figures = default;
        return false;
    }

    /// <summary>
    /// Prices <paramref name="sets"/> on every leg. False when a leg's book is too thin; then <paramref name="fits"/> is
    /// an estimate of the sets the thinnest sized-up BUY leg allows (0 when not known).
    /// </summary>
    private bool TryPrice(ArbBasket basket, bool buy, long sets, ArbLegPlan[] plan, out Figures figures, out long fits)
    {
        figures = default;
        fits = 0;
        long notional = 0, fees = 0;
        for (int i = 0; i < basket.LegCount; i++)
        {
            var leg = basket.LegAt(i);
            var side = buy ? leg.Asks : leg.Bids;
            var fee = leg.Definition.Fee;
            if (buy && _feesInShares)
            {
                if (!TryPriceBuyInShares(leg, sets, _walkLevel[i], out plan[i], out fits)) return false;
                notional += plan[i].Notional.Raw;
                fees += plan[i].Fee.Raw;
                continue;
            }

            long remaining = sets, legNotional = 0, legFee = 0, limit = 0;
            for (int l = 0; l < side.Count && remaining > 0; l++)
            {
                long take = Math.Min(remaining, side.Size[l]);
                if (take == side.Size[l])
                {
                    legNotional += side.FullNotional[l];
                    legFee += side.FullFee[l];
                }
                else
                {
                    var price = new Price(side.Price[l]);
                    legNotional += ArbMath.MulScaled(price.Raw, take, roundUp: buy);
                    legFee += fee.TakerFee(price, new Quantity(take)).Raw;
                }

                limit = side.Price[l];
                remaining -= take;
            }

            if (remaining > 0) return false;
            plan[i] = new ArbLegPlan(leg.Definition.Instrument, buy ? Side.Buy : Side.Sell, new Price(limit), new Quantity(sets), new Money(legNotional), new Money(legFee));
            notional += legNotional;
            fees += legFee;
        }

        long profit = buy ? sets - notional - fees : notional - fees - sets;
        figures = new Figures(new Money(notional), new Money(fees), new Money(profit));
        return true;
    }

    /// <summary>
    /// A BUY leg whose fee the venue keeps in shares, priced as the executor sends it: at the size that keeps
    /// <paramref name="sets"/> shares after the fee at the leg's limit (<see cref="LegBuyFeeShares"/>), the limit being
    /// the worst level that size reaches. Notional is the cost of the first <paramref name="sets"/> shares; the fee is
    /// the cost of the extra shares bought for the venue to keep (their own fee and the step round-up included), so
    /// notional + fee is the cash the leg pays. False when the levels the walk priced (up to <paramref name="maxLevel"/>)
    /// cannot fill the larger size.
    /// </summary>
    private static bool TryPriceBuyInShares(ArbBasket.LegState leg, long sets, int maxLevel, out ArbLegPlan plan, out long fits)
    {
        plan = default;
        fits = 0;
        var side = leg.Asks;
        var instrument = leg.Definition.Instrument;
        var shares = new LegBuyFeeShares(leg.Definition.Fee);
        int levels = Math.Min(side.Count, maxLevel + 1);
        long depth = 0;
        for (int l = 0; l < levels; l++) depth += side.Size[l];
        long limit = LimitFor(side, sets, levels);
        if (limit < 0)
        {
            fits = depth;
            return false;
        }

        long size = sets;
        for (int k = 0; k < 4; k++)
        {
            size = ShareFee.GrossUpForBuy(shares, new Price(limit), new Quantity(sets), instrument.SizeStep, instrument.MinSize).Raw;
            long reach = LimitFor(side, size, levels);
            if (reach < 0)
            {
                // Only the levels the walk priced may be used: the sets shrink in proportion to what they hold.
                fits = (long)((Int128)sets * depth / size);
                return false;
            }

            if (reach <= limit) break;
            limit = reach;
        }

        long cost = 0, setCost = 0, remaining = size, setRemaining = sets;
        for (int l = 0; l < side.Count && remaining > 0; l++)
        {
            long take = Math.Min(remaining, side.Size[l]);
            cost += take == side.Size[l] ? side.FullNotional[l] : ArbMath.MulScaled(side.Price[l], take, roundUp: true);
            long setTake = Math.Min(setRemaining, take);
            if (setTake > 0) setCost += setTake == side.Size[l] ? side.FullNotional[l] : ArbMath.MulScaled(side.Price[l], setTake, roundUp: true);
            setRemaining -= setTake;
            remaining -= take;
        }

        plan = new ArbLegPlan(instrument, Side.Buy, new Price(limit), new Quantity(sets), new Money(setCost), new Money(cost - setCost));
        return true;
    }

    /// <summary>The worst level price <paramref name="size"/> reaches on <paramref name="side"/>; −1 beyond its depth.</summary>
    private static long LimitFor(ArbBasket.LevelSide side, long size, int levels)
    {
        long remaining = size;
        for (int l = 0; l < levels; l++)
        {
            remaining -= side.Size[l];
            if (remaining <= 0) return side.Price[l];
        }

        return -1;
    }

    /// <summary>
    /// True when the legs' limits, each with its fee bound, leave the required profit per set even if every leg fills
    /// entirely at its limit: Σ (limit + fee) ≤ 1 − required for a buy, Σ (limit − fee) ≥ 1 + required for a sell.
    /// </summary>
    private bool LimitsLeaveRequiredProfit(ArbBasket basket, bool buy, ArbLegPlan[] plan)
    {
        Int128 worst = 0;
        for (int i = 0; i < basket.LegCount; i++)
        {
            var side = buy ? basket.LegAt(i).Asks : basket.LegAt(i).Bids;
            long limit = plan[i].LimitPrice.Raw;
            int l = 0;
            while (l < side.Count - 1 && side.Price[l] != limit) l++;
            worst += buy ? Usage(side, l, buy) : (Int128)limit * FixedPoint.Scale - side.FeeBound[l];
        }

        return buy ? Atto - worst >= _requiredAtto : worst - Atto >= _requiredAtto;
    }

    /// <summary>
    /// The configured minimum profit per set plus the expected cost of losing a leg: the leg-kill chance times the sum
    /// of the legs' top-of-book spreads (a leg with no bid or ask counts a whole dollar: it cannot be unwound). Model
    /// math in double, rounded up to the 1e-18 unit.
    /// </summary>
    private long RequiredProfitAtto(ArbBasket basket)
    {
        double p = LegKillProbability;
        if (!(p > 0)) return _minProfitAtto;
        long spreads = 0;
        for (int i = 0; i < basket.LegCount; i++)
        {
            var leg = basket.LegAt(i);
            spreads += leg.Asks.Count > 0 && leg.Bids.Count > 0 ? Math.Max(0, leg.Asks.Price[0] - leg.Bids.Price[0]) : FixedPoint.Scale;
        }

        // A required profit of a whole dollar per set can never be met: the cap keeps the figure in range.
        double expected = Math.Min(1.0, p) * spreads * FixedPoint.Scale;
        long required = expected >= Atto ? Atto : (long)Math.Ceiling(expected);
        return _minProfitAtto + required;
    }

    private static long FloorToStep(long raw, long step) => raw <= 0 ? 0 : raw - raw % step;

    private readonly record struct Figures(Money Notional, Money Fees, Money Profit);
}
