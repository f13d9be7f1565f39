using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;
using Bookmaker.Strategies.MarketMaking.Strategy;

namespace Bookmaker.Cli.Paper;

/// <summary>
/// Samples the market maker's liquidity-reward score once a minute of engine time, as Polymarket samples resting orders
/// (10,080 samples an epoch): the summary's <c>reward_score</c> is the mean of those samples, so it describes the whole
/// run rather than the moment of exit (when every quote has been cancelled).
/// </summary>
internal sealed class RewardSampler(MarketMakerStrategy mm) : IStrategy
{
    private double _sum;
    private long _samples;

    public string Name => "reward-sampler";

    /// <summary>Mean sampled score (0 before the first sample).</summary>
    public double Mean => _samples == 0 ? 0 : _sum / _samples;

    public void Start(IStrategyContext context) => context.ScheduleTimer(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), purpose: 0);

    public void OnTimer(in TimerEvent timer)
    {
        _sum += mm.Report().RewardScore;
        _samples++;
    }

    public void OnBook(Instrument instrument, IOrderBookView book)
    {
    }

    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
    }

    public void OnOrderChanged(IOrderView order)
    {
    }

    public void OnFill(IOrderView? order, Fill fill)
    {
    }

    public void OnTradingState(TradingState state)
    {
    }

    public void Shutdown()
    {
    }
}
