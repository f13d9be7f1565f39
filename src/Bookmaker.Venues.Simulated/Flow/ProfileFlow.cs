using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// Order flow driven by a calibrated <see cref="FlowProfile"/> (issue 15's flow model), stepped on simulated time from
/// one seeded random stream. Per market: a latent value that diffuses and takes every taker's permanent impact;
/// <see cref="TakerFlow"/> (informed and uninformed takers, spread-elastic demand, split parent orders, recorded sizes);
/// <see cref="QuotingMakers"/> (competing makers around a lagging, noisy estimate, keeping queue priority, reacting
/// within 10–100 ms); news that informed orders trade ahead of (<c>model.informedMoveTicks</c>), made public when due.
/// <c>paper</c> runs the built-in <c>liquid</c> profile on it by default; the old <c>SyntheticFlow</c> is
/// <c>--scenario stress</c>.
/// </summary>
public sealed class ProfileFlow
{
    private readonly FlowProfile _profile;
    private readonly FlowRandom _random;
    private readonly AgentDesk _desk;
    private readonly FlowMarket[] _markets;
    private readonly TakerFlow[] _takers;
    private readonly QuotingMakers[] _makers;
    private readonly int _takerAccount;
    private readonly double _diffusionPerRootSecond;
    private long _lastStepTicks = -1;

    /// <summary>
    /// Sets up the flow of <paramref name="profile"/> on <paramref name="markets"/> (engine market indices) of
    /// <paramref name="engine"/>; <paramref name="onEvents"/> sees the engine's events after every agent action.
    /// </summary>
    /// <remarks>
    /// <paramref name="eventMarkets"/> (engine indices) form the profile's neg-risk event (<see cref="NegRiskEventFlow"/>),
    /// with its own random stream drawn after everything else so the other markets' flow does not change.
    /// </remarks>
    public ProfileFlow(MatchingEngine engine, IReadOnlyList<int> markets, FlowProfile profile, int seed, TimeSpan step, Action<MatchEventBuffer>? onEvents = null,
        IReadOnlyList<int>? eventMarkets = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(markets);
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
        _random = new FlowRandom(seed);
        _desk = new AgentDesk(engine, onEvents);
        var cash = Money.FromUnits(5_000_000_000);
        _takerAccount = engine.OpenAccount(cash);
        var makerAccounts = new int[profile.Model.Makers];
        for (int k = 0; k < makerAccounts.Length; k++) makerAccounts[k] = engine.OpenAccount(cash);

        // Permanent impact per uninformed order: the recorded 10 s impact is spread over the m = 1/(1 − ρ) orders of a
        // parent (κ·m ≈ impact), and only the uninformed share (1 − φ) of the orders carries it (informed orders show
        // impact because the quotes catch up with the value they traded on).
        double impact = Math.Max(0, profile.Takers.Impact10sTicks) * (1 - Math.Clamp(profile.Takers.SignAutocorrelation, 0, 0.95))
            * (1 - profile.Model.InformedShare);
        // The recorded volatility includes what the takers' impact moves; the diffusion supplies the rest.
        double rho = Math.Clamp(profile.Takers.SignAutocorrelation, 0, 0.95);
        double impactVariancePerMinute = 60 * (1 - profile.Model.InformedShare) * profile.Takers.RatePerSecond * impact * impact * (1 + rho) / (1 - rho);
        // So does the news the informed orders trade on (one jump of informedMoveTicks per informed order).
        double newsVariancePerMinute = 60 * profile.Model.InformedShare * profile.Takers.RatePerSecond * profile.Model.InformedMoveTicks * profile.Model.InformedMoveTicks;
        double variancePerMinute = Math.Max(0, profile.VolatilityTicksPerMinute * profile.VolatilityTicksPerMinute - impactVariancePerMinute - newsVariancePerMinute);
        _markets = new FlowMarket[markets.Count];
        _takers = new TakerFlow[markets.Count];
        _makers = new QuotingMakers[markets.Count];
        for (int i = 0; i < markets.Count; i++)
        {
            var book = engine.Markets[markets[i]];
            var m = new FlowMarket(engine, markets[i], (double)profile.Market.ReferencePrice, profile.Model.ValueLagSeconds, step);
            Fund(engine, book, _takerAccount, m);
            foreach (int account in makerAccounts) Fund(engine, book, account, m);
            _markets[i] = m;
            _takers[i] = new TakerFlow(profile, impact);
            _makers[i] = new QuotingMakers(profile, makerAccounts);
        }

        _diffusionPerRootSecond = Math.Sqrt(variancePerMinute / 60);
        if (eventMarkets is { Count: >= 2 })
        {
            foreach (int market in eventMarkets)
            {
                var book = engine.Markets[market];
                var m = new FlowMarket(engine, market, 1.0 / eventMarkets.Count, profile.Model.ValueLagSeconds, step);
                Fund(engine, book, _takerAccount, m);
                foreach (int account in makerAccounts) Fund(engine, book, account, m);
            }

            var competitors = new int[profile.Arbitrage.Competitors];
            for (int k = 0; k < competitors.Length; k++) competitors[k] = engine.OpenAccount(cash);
            Event = new NegRiskEventFlow(engine, eventMarkets, profile, seed ^ 0x5E7, step, _takerAccount, makerAccounts, competitors, impact, _diffusionPerRootSecond, onEvents);
        }
    }

    /// <summary>The profile's neg-risk event and its competing arbitrageurs; null when the profile has none.</summary>
    public NegRiskEventFlow? Event { get; }

    /// <summary>The desk the agents trade through (counts, taker prints).</summary>
    public AgentDesk Desk => _desk;

    /// <summary>The profile.</summary>
    public FlowProfile Profile => _profile;

    /// <summary>The markets, in the order given.</summary>
    public IReadOnlyList<FlowMarket> Markets => _markets;

    /// <summary>Permanent impact of one taker order, ticks.</summary>
    public double ImpactTicks => _takers.Length > 0 ? _takers[0].ImpactTicks : 0;

    /// <summary>Advances the value and lets every agent act up to <paramref name="nowTicks"/> (UTC ticks).</summary>
    public void Step(long nowTicks)
    {
        double dt = _lastStepTicks < 0 ? 0 : (nowTicks - _lastStepTicks) / (double)TimeSpan.TicksPerSecond;
        _lastStepTicks = nowTicks;
        for (int i = 0; i < _markets.Length; i++)
        {
            var m = _markets[i];
            if (dt > 0) m.Value += _diffusionPerRootSecond * Math.Sqrt(dt) * _random.Gaussian() * m.Tick;
            m.ReleaseNews(nowTicks);
            double low = m.MinPriceRaw / (double)FixedPoint.Scale, high = m.MaxPriceRaw / (double)FixedPoint.Scale;
            m.Value = Math.Clamp(m.Value, low, high);
            m.Estimate.Record(nowTicks, m.Value - m.News);
            _makers[i].Step(m, nowTicks, _desk, _random);
            _takers[i].Step(m, nowTicks, dt, _desk, _takerAccount, _random);
        }

        Event?.Step(nowTicks, dt);
    }

    /// <summary>Gives an agent inventory to sell: complete sets on a binary market, tokens on a plain one.</summary>
    private static void Fund(MatchingEngine engine, InstrumentOrderBook book, int account, FlowMarket m)
    {
        // About $10M of inventory per agent and market (1M sets on a binary market), so a thousand markets still fit
        // in the agent's cash and an hour of one-sided taker flow does not empty it.
        double price = m.MaxPriceRaw / (double)FixedPoint.Scale;
        long units = (long)Math.Min(1e6, 1e7 / Math.Max(price, 1e-6));
        if (book.IsBinary) engine.Split(account, m.Market, Quantity.FromUnits(units));
        else engine.DepositTokens(account, m.Slot, Quantity.FromUnits(units));
    }
}
