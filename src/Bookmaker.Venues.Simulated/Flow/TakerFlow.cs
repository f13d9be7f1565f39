using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// The profile's takers on one market. Uninformed orders arrive as a Poisson stream whose rate shrinks as the spread
/// widens (rate × (median spread / spread)^elasticity, at most 3×), take their side from a
/// <see cref="ParentOrderSplitter"/> and trade whatever the book offers within a few ticks. Informed orders arrive at
/// their own rate and trade only when the book is on the wrong side of the latent value, up to that value. Sizes come
/// from the recorded size distribution (in quote currency). Every uninformed order moves the latent value by the permanent
/// impact <c>κ</c> in its direction, so quotes follow after the makers' lag; informed orders trade toward a value that
/// already holds their information and move it no further (otherwise informed buying after an impact would feed itself).
/// With <c>model.informedMoveTicks</c> &gt; 0 the informed orders are of the other kind: each knows news before it is
/// public, takes the touch in its direction and schedules it (<see cref="FlowMarket.ScheduleNews"/>) to move the value
/// up to <c>model.informedLeadSeconds</c> later.
/// </summary>
public sealed class TakerFlow
{
    private const int SlippageTicks = 5;
    private const double MaxDemandBoost = 3;
    private readonly FlowProfile _profile;
    private readonly ParentOrderSplitter _splitter;
    private readonly double _medianSpreadTicks;
    private readonly double _uninformedRate;
    private readonly double _informedRate;

    /// <summary>Takers of <paramref name="profile"/> with permanent impact <paramref name="impactTicks"/> per order.</summary>
    public TakerFlow(FlowProfile profile, double impactTicks)
    {
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
        // Informed orders interleave with the uninformed ones and dilute their sign persistence; they trade only when the
        // book is off the value, so the dilution is partial: dividing by (1 − φ) rather than (1 − φ)² is the compromise.
        double uninformedShare = 1 - profile.Model.InformedShare;
        _splitter = new ParentOrderSplitter(profile.Takers.SignAutocorrelation / Math.Max(0.05, uninformedShare));
        _medianSpreadTicks = Math.Max(1, profile.Book.SpreadTicks.Median);
        _uninformedRate = (1 - profile.Model.InformedShare) * profile.Takers.RatePerSecond;
        _informedRate = profile.Model.InformedShare * profile.Takers.RatePerSecond;
        ImpactTicks = impactTicks;
    }

    /// <summary>Permanent impact of one taker order on the latent value, ticks.</summary>
    public double ImpactTicks { get; }

    /// <summary>Uninformed orders sent.</summary>
    public long UninformedOrders { get; private set; }

    /// <summary>Informed orders sent (arrivals that found the book off the value, or that traded ahead of news).</summary>
    public long InformedOrders { get; private set; }

    /// <summary>Lets the takers of <paramref name="m"/> act over the last <paramref name="dt"/> seconds, up to <paramref name="nowTicks"/>.</summary>
    public void Step(FlowMarket m, long nowTicks, double dt, AgentDesk desk, int account, FlowRandom random)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(random);
        if (dt <= 0) return;
        var (bid, ask) = m.Touch();
        double boost = 1;
        if (bid > 0 && ask > bid)
        {
            double spreadTicks = (ask - bid) / (double)m.TickRaw;
            boost = Math.Min(MaxDemandBoost, Math.Pow(_medianSpreadTicks / spreadTicks, _profile.Model.SpreadElasticity));
        }

        int uninformed = random.Poisson(_uninformedRate * boost * dt);
        for (int i = 0; i < uninformed; i++) Uninformed(m, desk, account, random);
        int informed = random.Poisson(_informedRate * dt);
        for (int i = 0; i < informed; i++)
        {
            if (_profile.Model.InformedMoveTicks > 0) Foreknowing(m, nowTicks, desk, account, random);
            else Informed(m, desk, account, random);
        }
    }

    /// <summary>
    /// An informed order that knows news before it is public: it takes the touch in the news' direction (up to the
    /// move it expects) and the news moves the value a little later, so whoever sold to it sees the mid run away.
    /// </summary>
    private void Foreknowing(FlowMarket m, long nowTicks, AgentDesk desk, int account, FlowRandom random)
    {
        int sign = random.Sign();
        double move = _profile.Model.InformedMoveTicks;
        long due = nowTicks + (long)(random.Uniform(0, _profile.Model.InformedLeadSeconds) * TimeSpan.TicksPerSecond);
        m.ScheduleNews(sign * move * m.Tick, due);
        var (bid, ask) = m.Touch();
        long touch = sign > 0 ? ask : bid;
        if (touch == 0) return;
        long reach = Math.Max(0, (long)Math.Floor(move - 0.5)) * m.TickRaw;
        long limit = Math.Clamp(touch + sign * reach, m.MinPriceRaw, m.MaxPriceRaw);
        Send(m, desk, account, random, sign, limit, touch);
        InformedOrders++;
    }

    private void Uninformed(FlowMarket m, AgentDesk desk, int account, FlowRandom random)
    {
        int sign = _splitter.NextSign(random);
        var (bid, ask) = m.Touch();
        long touch = sign > 0 ? ask : bid;
        if (touch == 0) return;
        long limit = Math.Clamp(touch + sign * SlippageTicks * m.TickRaw, m.MinPriceRaw, m.MaxPriceRaw);
        Send(m, desk, account, random, sign, limit, touch);
        m.Value += sign * ImpactTicks * m.Tick;
        UninformedOrders++;
    }

    private void Informed(FlowMarket m, AgentDesk desk, int account, FlowRandom random)
    {
        var (bid, ask) = m.Touch();
        long value = (long)Math.Round(m.Value / m.Tick) * m.TickRaw;
        if (ask > 0 && ask < value) Send(m, desk, account, random, +1, Math.Min(value - m.TickRaw, m.MaxPriceRaw), ask);
        else if (bid > 0 && bid > value) Send(m, desk, account, random, -1, Math.Max(value + m.TickRaw, m.MinPriceRaw), bid);
        else return;
        InformedOrders++;
    }

    private void Send(FlowMarket m, AgentDesk desk, int account, FlowRandom random, int sign, long limit, long touch)
    {
        double quote = _profile.Takers.SizeQuote.IsEmpty ? 0 : random.Draw(_profile.Takers.SizeQuote);
        long size = m.SharesFor(quote, touch);
        desk.Take(account, m.Slot, sign > 0 ? Side.Buy : Side.Sell, limit, size);
    }
}
