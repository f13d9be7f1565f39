using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// The profile flow's neg-risk event: n binary outcome markets whose latent values start at 1/n and, after each step's
/// diffusion and the takers' impact, are shifted back to sum to 1 (exactly one outcome wins). Makers and takers of the
/// profile trade each outcome as on the profile's other markets; the makers' lag and noise make the sum of the best YES
/// asks stray below 1 now and then — the mispricings our arbitrage and the <see cref="CompetingArbitrageurs"/> race for.
/// Runs on its own random stream, so adding the event leaves the profile's other markets' flow as it was.
/// </summary>
public sealed class NegRiskEventFlow
{
    private readonly FlowRandom _random;
    private readonly FlowMarket[] _markets;
    private readonly TakerFlow[] _takers;
    private readonly QuotingMakers[] _makers;
    private readonly int _takerAccount;
    private readonly AgentDesk _desk;
    private readonly double _diffusionPerRootSecond;

    /// <summary>
    /// The event over <paramref name="markets"/> (engine market indices) traded by the profile's takers and makers from
    /// <paramref name="takerAccount"/> and <paramref name="makerAccounts"/> (already funded by the caller), and the
    /// competitors trading from <paramref name="competitorAccounts"/>.
    /// </summary>
    public NegRiskEventFlow(MatchingEngine engine, IReadOnlyList<int> markets, FlowProfile profile, int seed, TimeSpan step,
        int takerAccount, int[] makerAccounts, IReadOnlyList<int> competitorAccounts, double impactTicks, double diffusionPerRootSecond,
        Action<MatchEventBuffer>? onEvents)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(profile);
        _random = new FlowRandom(seed);
        _desk = new AgentDesk(engine, onEvents);
        _takerAccount = takerAccount;
        _diffusionPerRootSecond = diffusionPerRootSecond;
        _markets = new FlowMarket[markets.Count];
        _takers = new TakerFlow[markets.Count];
        _makers = new QuotingMakers[markets.Count];
        for (int i = 0; i < markets.Count; i++)
        {
            _markets[i] = new FlowMarket(engine, markets[i], 1.0 / markets.Count, profile.Model.ValueLagSeconds, step);
            _takers[i] = new TakerFlow(profile, impactTicks);
            _makers[i] = new QuotingMakers(profile, makerAccounts);
        }

        Competitors = new CompetingArbitrageurs(profile.Arbitrage, competitorAccounts, markets.Count, _random);
    }

    /// <summary>The outcome markets.</summary>
    public IReadOnlyList<FlowMarket> Markets => _markets;

    /// <summary>The desk the event's agents trade through (kept apart so the profile's markets' counts stay theirs).</summary>
    public AgentDesk Desk => _desk;

    /// <summary>The competing arbitrageurs.</summary>
    public CompetingArbitrageurs Competitors { get; }

    /// <summary>Advances the values over <paramref name="dt"/> seconds and lets every agent act at <paramref name="now"/>.</summary>
    public void Step(long now, double dt)
    {
        double sum = 0;
        foreach (var m in _markets)
        {
            if (dt > 0) m.Value += _diffusionPerRootSecond * Math.Sqrt(dt) * _random.Gaussian() * m.Tick;
            // News an informed order traded on becomes public here too; the renormalisation below spreads its
            // counterpart over the other outcomes (good news for one is bad news for the rest).
            m.ReleaseNews(now);
            sum += m.Value;
        }

        double shift = (1 - sum) / _markets.Length;
        foreach (var m in _markets)
        {
            double low = m.MinPriceRaw / (double)FixedPoint.Scale, high = m.MaxPriceRaw / (double)FixedPoint.Scale;
            m.Value = Math.Clamp(m.Value + shift, low, high);
            m.Estimate.Record(now, m.Value - m.News);
        }

        for (int i = 0; i < _markets.Length; i++)
        {
            _makers[i].Step(_markets[i], now, _desk, _random);
            _takers[i].Step(_markets[i], now, dt, _desk, _takerAccount, _random);
        }

        Competitors.Step(_markets, now, _desk);
    }
}
