using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// The profile's competing makers on one market. Each quotes post-only around its own estimate of the value (the
/// value as it was <c>lag</c> ago plus its own noise, <see cref="ValueEstimateLag"/>) at a spread drawn from the recorded
/// spread distribution, with a size drawn from the recorded touch depth, and one order a few ticks behind it. A maker
/// whose price does not change keeps its order — and so its place in the queue; it re-quotes at Poisson refresh times
/// and, when the touch moves, after a reaction delay of 10–100 ms (the profile's), so a newcomer improving the touch
/// finds competitors re-evaluating right behind it.
/// </summary>
public sealed class QuotingMakers
{
    private const double DepthShare = 1.1;
    private readonly FlowProfile _profile;
    private readonly Maker[] _makers;
    private readonly int[] _accounts;

    private sealed class Maker
    {
        public long BidId, AskId, DeepBidId, DeepAskId;
        public long NextRefresh;
        public long ReactAt = long.MaxValue;
        public double SpreadTicks = 1;
        public double Noise;
        public double KnownNews;
        public long NewsSeenAt = long.MinValue;
        public long NewsReactAt = long.MaxValue;
    }

    /// <summary>Makers of <paramref name="profile"/> trading from <paramref name="accounts"/> (one per maker).</summary>
    public QuotingMakers(FlowProfile profile, int[] accounts)
    {
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
        _accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        _makers = new Maker[accounts.Length];
        for (int i = 0; i < _makers.Length; i++) _makers[i] = new Maker();
    }

    /// <summary>Lets the makers of <paramref name="m"/> act at <paramref name="now"/> (UTC ticks).</summary>
    public void Step(FlowMarket m, long now, AgentDesk desk, FlowRandom random)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(random);
        var model = _profile.Model;
        var touch = m.Touch();
        if (touch != m.SeenTouch)
        {
            m.SeenTouch = touch;
            foreach (var maker in _makers)
            {
                if (maker.ReactAt == long.MaxValue)
                    maker.ReactAt = now + (long)(random.Uniform(model.ReactionMinMs, model.ReactionMaxMs) * TimeSpan.TicksPerMillisecond);
            }
        }

        for (int i = 0; i < _makers.Length; i++)
        {
            var maker = _makers[i];
            // News reaches each maker after its own reaction delay; the first to learn it take the quotes it made stale.
            if (m.NewsAtTicks > maker.NewsSeenAt)
            {
                maker.NewsSeenAt = m.NewsAtTicks;
                maker.NewsReactAt = Math.Min(maker.NewsReactAt,
                    now + (long)(random.Uniform(model.ReactionMinMs, model.ReactionMaxMs) * TimeSpan.TicksPerMillisecond));
            }

            bool news = now >= maker.NewsReactAt;
            if (news)
            {
                maker.KnownNews = m.News;
                maker.NewsReactAt = long.MaxValue;
            }

            bool refresh = now >= maker.NextRefresh;
            if (!refresh && !news && now < maker.ReactAt) continue;
            maker.ReactAt = long.MaxValue;
            if (refresh)
            {
                maker.NextRefresh = now + (long)(random.Exponential(model.MakerRefreshPerSecond) * TimeSpan.TicksPerSecond);
                // The touch is the narrowest of M makers' widths: drawing each width at level 1 − (1 − u)^M makes
                // P(width > s) = (1 − F(s))^(1/M), so the narrowest of M independent widths follows the recorded F.
                double level = 1 - Math.Pow(1 - random.Uniform(), _makers.Length);
                maker.SpreadTicks = Math.Max(1, Math.Round(_profile.Book.SpreadTicks.At(level)));
                maker.Noise = random.Gaussian() * model.ValueNoiseTicks;
            }

            Quote(m, maker, _accounts[i], now, refresh, news, desk, random);
        }
    }

    private void Quote(FlowMarket m, Maker maker, int account, long now, bool refresh, bool news, AgentDesk desk, FlowRandom random)
    {
        double estimate = m.Estimate.Lagged(now) + maker.KnownNews + maker.Noise * m.Tick;
        long bid = m.FloorPrice(estimate - maker.SpreadTicks / 2 * m.Tick);
        long ask = Math.Min(bid + (long)maker.SpreadTicks * m.TickRaw, m.MaxPriceRaw);
        if (ask <= bid) return;
        if (news) TakeStale(m, maker, account, bid, ask, desk, random);
        // Post-only never crosses: stay a tick off whatever the other side shows (possibly our own old quote).
        var (bestBid, bestAsk) = m.Touch();
        if (bestAsk > 0 && bid >= bestAsk && !desk.RestsAt(maker.AskId, bestAsk)) bid = bestAsk - m.TickRaw;
        if (bestBid > 0 && ask <= bestBid && !desk.RestsAt(maker.BidId, bestBid)) ask = bestBid + m.TickRaw;
        // Moving up past our own old ask (or down past our own old bid) moves that side first, so post-only lets it in.
        if (bestAsk > 0 && bid >= bestAsk)
        {
            Replace(m, desk, account, ref maker.AskId, Side.Sell, ask, random);
            Replace(m, desk, account, ref maker.BidId, Side.Buy, bid, random);
        }
        else
        {
            Replace(m, desk, account, ref maker.BidId, Side.Buy, bid, random);
            Replace(m, desk, account, ref maker.AskId, Side.Sell, ask, random);
        }

        if (!refresh) return;
        long behind = (1 + (long)(random.Uniform() * 3)) * m.TickRaw;
        Replace(m, desk, account, ref maker.DeepBidId, Side.Buy, Math.Max(bid - behind, m.MinPriceRaw), random);
        Replace(m, desk, account, ref maker.DeepAskId, Side.Sell, Math.Min(ask + behind, m.MaxPriceRaw), random);
    }

    /// <summary>
    /// A maker acting on news takes what others still offer on the wrong side of its new view (an ask at or below the
    /// bid it wants, a bid at or above the ask it wants), a taker-sized order at a limit of its own quote. Without this,
    /// a stale quote — the slow maker's, ours — would wait for a random taker instead of being picked off.
    /// </summary>
    private void TakeStale(FlowMarket m, Maker maker, int account, long bid, long ask, AgentDesk desk, FlowRandom random)
    {
        var (bestBid, bestAsk) = m.Touch();
        if (bestAsk > 0 && bid >= bestAsk && !desk.RestsAt(maker.AskId, bestAsk))
            desk.Take(account, m.Slot, Side.Buy, bid, m.SharesFor(DrawTakerQuote(random), bestAsk));
        else if (bestBid > 0 && ask <= bestBid && !desk.RestsAt(maker.BidId, bestBid))
            desk.Take(account, m.Slot, Side.Sell, ask, m.SharesFor(DrawTakerQuote(random), bestBid));
    }

    private double DrawTakerQuote(FlowRandom random) => _profile.Takers.SizeQuote.IsEmpty ? 0 : random.Draw(_profile.Takers.SizeQuote);

    /// <summary>Keeps an order resting at the wanted price (its queue place), else cancels it and posts a new one.</summary>
    private void Replace(FlowMarket m, AgentDesk desk, int account, ref long orderId, Side side, long price, FlowRandom random)
    {
        if (price < m.MinPriceRaw || price > m.MaxPriceRaw) return;
        if (desk.RestsAt(orderId, price)) return;
        desk.CancelIfLive(account, ref orderId);
        // The recorded depth is the whole level, which the makers at the touch share (tuned with calibrate --check so
        // the touch's sum matches the recorded median on the liquid profile).
        double quote = random.Draw(_profile.Book.TouchDepthQuote) * DepthShare / Math.Max(1, _makers.Length);
        orderId = desk.Post(account, m.Slot, side, price, m.SharesFor(quote, price));
    }
}
