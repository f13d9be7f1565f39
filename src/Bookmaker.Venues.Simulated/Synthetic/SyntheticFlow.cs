using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Synthetic;

/// <summary>
/// Agent-based order flow on a <see cref="MatchingEngine"/>, seeded and stepped on simulated time. Per market: a latent
/// fair probability (logit random walk with news jumps); makers quoting post-only around it with random widths who
/// sometimes pull or quote one side (spread gaps, one-sided books); noise traders (Poisson arrivals, random token and
/// size, marketable with a slippage cap); informed traders who buy whatever the book offers on the wrong side of fair
/// (adverse selection right after jumps); bursts of clustered arrivals; and the Polymarket tick rule near 0 and 1.
/// Neg-risk events tie several markets' fairs by a softmax (they sum to 1) and have mispricing episodes in which a
/// stale seller offers every outcome below fair, so Σ best asks &lt; 1 for a few seconds.
/// </summary>
/// <remarks>
/// A binary market's YES and NO tokens share one linked book in the engine, so YES ask + NO ask ≥ 1 always holds there
/// (a NO ask at b is a YES-space bid at 1 − b; a sum below 1 would be a crossed book, which the engine matches at once,
/// exactly as MINT/MERGE matching does on the CTF exchange). Binary-market arbitrage therefore cannot be produced on
/// one market; the flow produces it across a neg-risk event instead.
/// </remarks>
public sealed class SyntheticFlow
{
    private const long Scale = FixedPoint.Scale;
    private static readonly long TickCoarse = Price.Parse("0.01").Raw;
    private static readonly long TickFine = Price.Parse("0.001").Raw;

    private readonly MatchingEngine _engine;
    private readonly Random _random;
    private readonly MarketState[] _markets;
    private readonly EventState[] _events;
    private readonly MatchEventBuffer _buffer = new(128);
    private readonly Action<MatchEventBuffer>? _onEvents;
    private readonly int _noiseAccount;
    private readonly int _informedAccount;
    private long _nextClientId;
    private long _lastStepTicks = -1;

    private sealed class Maker
    {
        public int Account;
        public long BidId;
        public long AskId;
        public long NextRefresh;
        public long PulledUntil;
        public bool UsesNoBook;
    }

    private sealed class MarketState
    {
        public int Market;
        public int YesSlot;
        public int NoSlot;
        public SyntheticMarketParameters P = null!;
        public double Logit;
        public double Fair;
        public long BurstUntil;
        public Maker[] Makers = [];
        public EventState? Event;
        public bool FineTick;
    }

    private sealed class EventState
    {
        public SyntheticEvent Spec = null!;
        public MarketState[] Legs = [];
        public long MispricedUntil;
        public int SellerAccount;
        public long[] SellerOrders = [];
    }

    /// <summary>
    /// Creates the agents of <paramref name="markets"/> (engine market indices with their parameters) on
    /// <paramref name="engine"/>; <paramref name="onEvents"/> sees the engine's events after every agent action.
    /// </summary>
    public SyntheticFlow(MatchingEngine engine, IReadOnlyList<(int Market, SyntheticMarketParameters Parameters)> markets,
        IReadOnlyList<SyntheticEvent> events, int seed, Action<MatchEventBuffer>? onEvents = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(events);
        _engine = engine;
        _random = new Random(seed);
        _onEvents = onEvents;
        var cash = Money.FromUnits(100_000_000);
        _noiseAccount = engine.OpenAccount(cash);
        _informedAccount = engine.OpenAccount(cash);
        _markets = new MarketState[markets.Count];
        for (int i = 0; i < markets.Count; i++)
        {
            var (index, p) = markets[i];
            var book = engine.Markets[index];
            if (!book.IsBinary) throw new ArgumentException("synthetic flow trades binary markets", nameof(markets));
            var m = new MarketState
            {
                Market = index,
                YesSlot = book.YesSlot,
                NoSlot = book.NoSlot,
                P = p,
                Logit = Logit(p.InitialFair),
            };
            m.Fair = Sigmoid(m.Logit);
            m.Makers = new Maker[p.Makers];
            for (int k = 0; k < p.Makers; k++)
            {
                int account = engine.OpenAccount(cash);
                engine.Split(account, index, Quantity.FromUnits(1_000_000));
                m.Makers[k] = new Maker { Account = account, UsesNoBook = k % 2 == 1 };
            }

            _markets[i] = m;
        }

        _events = new EventState[events.Count];
        for (int e = 0; e < events.Count; e++)
        {
            var spec = events[e];
            var legs = spec.Markets.Select(idx => _markets.First(m => m.Market == idx)).ToArray();
            var ev = new EventState { Spec = spec, Legs = legs, SellerAccount = engine.OpenAccount(cash), SellerOrders = new long[legs.Length] };
            foreach (var leg in legs)
            {
                leg.Event = ev;
                engine.Split(ev.SellerAccount, leg.Market, Quantity.FromUnits(1_000_000));
            }

            // The event's fairs come from one softmax so they sum to 1; start from the legs' initial fairs.
            double sum = legs.Sum(l => l.P.InitialFair);
            foreach (var leg in legs)
            {
                leg.Logit = Math.Log(leg.P.InitialFair / sum);
            }

            Normalize(ev);
            _events[e] = ev;
        }
    }

    /// <summary>Fair probability of a market (engine market index).</summary>
    public double FairOf(int market) => _markets.First(m => m.Market == market).Fair;

    /// <summary>Agent orders submitted so far.</summary>
    public long OrdersSubmitted { get; private set; }

    /// <summary>Matching events the agents caused so far.</summary>
    public long EventsGenerated { get; private set; }

    /// <summary>Mispricing episodes started so far.</summary>
    public int MispricingEpisodes { get; private set; }

    /// <summary>Tick-size changes made so far.</summary>
    public int TickChanges { get; private set; }

    /// <summary>Called after a market's tick changed (market index, new tick): the venue announces it.</summary>
    public Action<int, Price>? TickChanged { get; set; }

    /// <summary>
    /// Advances every agent to <paramref name="nowTicks"/> (engine clock UTC ticks): walks the fairs, then lets each
    /// agent act as its Poisson clock says. Call it on a fixed step (the venue uses 100 ms).
    /// </summary>
    public void Step(long nowTicks)
    {
        double dt = _lastStepTicks < 0 ? 0 : (nowTicks - _lastStepTicks) / (double)TimeSpan.TicksPerSecond;
        _lastStepTicks = nowTicks;
        foreach (var m in _markets) WalkFair(m, dt);
        foreach (var ev in _events) Normalize(ev);
        foreach (var m in _markets)
        {
            ApplyTickRule(m);
            if (m.BurstUntil < nowTicks && Chance(m.P.BurstRate * dt)) m.BurstUntil = nowTicks + Seconds(m.P.BurstSeconds);
            double boost = m.BurstUntil > nowTicks ? m.P.BurstMultiplier : 1;
            foreach (var maker in m.Makers)
            {
                if (nowTicks >= maker.NextRefresh) RefreshMaker(m, maker, nowTicks);
            }

            int noise = Poisson(m.P.NoiseRate * boost * dt);
            for (int i = 0; i < noise; i++) NoiseTrade(m);
            int informed = Poisson(m.P.InformedRate * boost * dt);
            for (int i = 0; i < informed; i++) InformedTrade(m);
        }

        foreach (var ev in _events) StepEvent(ev, nowTicks, dt);
    }

    // ───────────────────────────── fair value ─────────────────────────────

    private void WalkFair(MarketState m, double dt)
    {
        if (dt <= 0) return;
        double step = m.P.Volatility * Math.Sqrt(dt) * Gaussian();
        if (Chance(m.P.JumpRate * dt)) step += m.P.JumpSigma * Gaussian();
        m.Logit += step;
        if (m.Event is null)
        {
            m.Logit = Math.Clamp(m.Logit, -6.5, 6.5); // keeps fair in [0.0015, 0.9985]
            m.Fair = Sigmoid(m.Logit);
        }
    }

    private static void Normalize(EventState ev)
    {
        double max = double.MinValue;
        foreach (var leg in ev.Legs) max = Math.Max(max, leg.Logit);
        double sum = 0;
        foreach (var leg in ev.Legs) sum += Math.Exp(leg.Logit - max);
        foreach (var leg in ev.Legs)
        {
            leg.Logit = Math.Max(leg.Logit, max - 6.5);
            leg.Fair = Math.Clamp(Math.Exp(leg.Logit - max) / sum, 0.0015, 0.9985);
        }
    }

    private void ApplyTickRule(MarketState m)
    {
        if (!m.P.DynamicTick) return;
        bool fine = m.FineTick ? (m.Fair < 0.05 || m.Fair > 0.95) : (m.Fair < 0.04 || m.Fair > 0.96);
        m.FineTick = fine;
        var tick = new Price(fine ? TickFine : TickCoarse);
        if (_engine.InstrumentAt(m.YesSlot).TickSize == tick) return;
        _engine.ChangeTick(m.Market, tick);
        TickChanges++;
        TickChanged?.Invoke(m.Market, tick);
    }

    // ───────────────────────────── agents ─────────────────────────────

    private void RefreshMaker(MarketState m, Maker maker, long now)
    {
        maker.NextRefresh = now + Exponential(m.P.MakerRefreshRate);
        CancelIfLive(maker.Account, ref maker.BidId);
        CancelIfLive(maker.Account, ref maker.AskId);
        if (now < maker.PulledUntil) return;
        if (Chance(m.P.PullProbability))
        {
            maker.PulledUntil = now + Seconds(m.P.MaxPullSeconds * (0.25 + 0.75 * _random.NextDouble()));
            maker.NextRefresh = maker.PulledUntil;
            return;
        }

        long tick = _engine.InstrumentAt(m.YesSlot).TickSize.Raw;
        int h = _random.Next(m.P.MinHalfSpreadTicks, m.P.MaxHalfSpreadTicks + 1);
        long fair = (long)(m.Fair * Scale);
        long bid = Math.Clamp(FloorTo(fair - h * tick, tick), tick, Scale - 2 * tick);
        long ask = Math.Clamp(CeilTo(fair + h * tick, tick), bid + tick, Scale - tick);
        bool oneSided = Chance(m.P.OneSidedProbability);
        bool quoteBid = !oneSided || _random.Next(2) == 0;
        bool quoteAsk = !oneSided || !quoteBid;
        if (quoteBid) maker.BidId = Quote(m, maker, Side.Buy, bid);
        if (quoteAsk) maker.AskId = Quote(m, maker, Side.Sell, ask);
    }

    /// <summary>Posts a post-only quote on the YES-space side; NO-book makers express it as the complement NO order.</summary>
    private long Quote(MarketState m, Maker maker, Side yesSide, long yesPrice)
    {
        int size = _random.Next(m.P.MinQuoteSize, m.P.MaxQuoteSize + 1);
        var order = maker.UsesNoBook
            ? new SimOrder(maker.Account, NextId(), m.NoSlot, yesSide.Opposite(), OrderType.Limit, TimeInForce.Gtc, new Price(Scale - yesPrice), Quantity.FromUnits(size), PostOnly: true)
            : new SimOrder(maker.Account, NextId(), m.YesSlot, yesSide, OrderType.Limit, TimeInForce.Gtc, new Price(yesPrice), Quantity.FromUnits(size), PostOnly: true);
        return Submit(order);
    }

    private void NoiseTrade(MarketState m)
    {
        bool buyYes = _random.Next(2) == 0;
        int size = _random.Next(5, 51);
        TakeUpTo(m, _noiseAccount, buyYes, size, slippageTicks: 3, limitYes: -1);
    }

    private void InformedTrade(MarketState m)
    {
        var book = _engine.Markets[m.Market];
        long tick = _engine.InstrumentAt(m.YesSlot).TickSize.Raw;
        long fair = (long)(m.Fair * Scale);
        int size = _random.Next(10, 101);
        if (book.TryGetBestAsk(out Price ask, out _) && ask.Raw + tick <= fair)
            TakeUpTo(m, _informedAccount, buyYes: true, size, 0, limitYes: FloorTo(fair - tick, tick));
        else if (book.TryGetBestBid(out Price bid, out _) && bid.Raw - tick >= fair)
            TakeUpTo(m, _informedAccount, buyYes: false, size, 0, limitYes: CeilTo(fair + tick, tick));
    }

    /// <summary>A marketable FAK buy of YES or NO, capped at a YES-space price (or best + slippage).</summary>
    private void TakeUpTo(MarketState m, int account, bool buyYes, int size, int slippageTicks, long limitYes)
    {
        var book = _engine.Markets[m.Market];
        long tick = _engine.InstrumentAt(m.YesSlot).TickSize.Raw;
        if (limitYes < 0)
        {
            if (buyYes)
            {
                if (!book.TryGetBestAsk(out Price ask, out _)) return;
                limitYes = ask.Raw + slippageTicks * tick;
            }
            else
            {
                if (!book.TryGetBestBid(out Price bid, out _)) return;
                limitYes = bid.Raw - slippageTicks * tick;
            }
        }

        limitYes = Math.Clamp(limitYes, tick, Scale - tick);
        var order = buyYes
            ? new SimOrder(account, NextId(), m.YesSlot, Side.Buy, OrderType.Limit, TimeInForce.Fak, new Price(limitYes), Quantity.FromUnits(size))
            : new SimOrder(account, NextId(), m.NoSlot, Side.Buy, OrderType.Limit, TimeInForce.Fak, new Price(Scale - limitYes), Quantity.FromUnits(size));
        Submit(order);
    }

    private void StepEvent(EventState ev, long now, double dt)
    {
        if (ev.MispricedUntil != 0 && now >= ev.MispricedUntil)
        {
            for (int i = 0; i < ev.SellerOrders.Length; i++) CancelIfLive(ev.SellerAccount, ref ev.SellerOrders[i]);
            ev.MispricedUntil = 0;
        }

        if (ev.MispricedUntil != 0 || !Chance(ev.Spec.MispricingRate * dt)) return;
        MispricingEpisodes++;
        ev.MispricedUntil = now + Seconds(ev.Spec.MispricingSeconds);
        // A stale seller offers every outcome a little below fair (but above the best bid, so it rests).
        for (int i = 0; i < ev.Legs.Length; i++)
        {
            var leg = ev.Legs[i];
            long tick = _engine.InstrumentAt(leg.YesSlot).TickSize.Raw;
            long price = CeilTo((long)((leg.Fair - 0.02) * Scale), tick);
            if (_engine.Markets[leg.Market].TryGetBestBid(out Price bid, out _)) price = Math.Max(price, bid.Raw + tick);
            price = Math.Clamp(price, tick, Scale - tick);
            ev.SellerOrders[i] = Submit(new SimOrder(ev.SellerAccount, NextId(), leg.YesSlot, Side.Sell, OrderType.Limit, TimeInForce.Gtc,
                new Price(price), Quantity.FromUnits(_random.Next(20, 60)), PostOnly: true));
        }
    }

    // ───────────────────────────── plumbing ─────────────────────────────

    private long Submit(in SimOrder order)
    {
        _buffer.Clear();
        long id = _engine.Submit(order, _buffer);
        OrdersSubmitted++;
        Flush();
        return id;
    }

    private void CancelIfLive(int account, ref long orderId)
    {
        if (orderId == 0) return;
        if (_engine.TryGetOpenOrder(orderId, out _, out _))
        {
            _buffer.Clear();
            _engine.Cancel(account, orderId, _buffer);
            Flush();
        }

        orderId = 0;
    }

    private void Flush()
    {
        EventsGenerated += _buffer.Count;
        _onEvents?.Invoke(_buffer);
    }

    private ClientOrderId NextId() => new((ulong)++_nextClientId);

    private bool Chance(double p) => p > 0 && _random.NextDouble() < p;

    private long Exponential(double rate) =>
        rate <= 0 ? long.MaxValue / 4 : Seconds(-Math.Log(1 - _random.NextDouble()) / rate);

    private static long Seconds(double s) => (long)(s * TimeSpan.TicksPerSecond);

    private int Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        double l = Math.Exp(-lambda), p = 1;
        int k = 0;
        do
        {
            k++;
            p *= _random.NextDouble();
        }
        while (p > l && k < 1000);
        return k - 1;
    }

    private double Gaussian()
    {
        double u1 = 1 - _random.NextDouble(), u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static long FloorTo(long raw, long step) => raw >= 0 ? raw / step * step : -((-raw + step - 1) / step * step);

    private static long CeilTo(long raw, long step) => -FloorTo(-raw, step);
}
