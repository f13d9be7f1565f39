using Bookmaker.Strategies.MarketMaking;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public class TradeIntensityEstimatorTests
{
    [Fact]
    public void Recovers_kappa_from_exponentially_distributed_trade_distances()
    {
        const double kappa = 50;
        const int n = 1000;
        var est = new TradeIntensityEstimator(new TradeIntensityOptions(TimeSpan.FromMinutes(10), Capacity: 2000));
        for (int j = 0; j < n; j++)
        {
            // Deterministic quantiles of Exp(κ): d_j = −ln(1 − (j + ½)/n) / κ, so #{d ≥ δ} ≈ n·e^(−κδ).
            double d = -Math.Log(1 - (j + 0.5) / n) / kappa;
            double side = j % 2 == 0 ? 1 : -1;
            est.Record(Seconds(j * 0.5), 0.5 + side * d, 0.5);
        }

        Assert.True(est.TryEstimate(Seconds(n * 0.5), out double k, out double a));
        Assert.InRange(k, kappa * 0.95, kappa * 1.05);
        // A = intensity at δ = 0 = 1000 trades / 600 s ≈ 1.667 per second
        Assert.InRange(a, 1.667 * 0.9, 1.667 * 1.1);
    }

    [Fact]
    public void Falls_back_to_configured_kappa_with_too_few_points()
    {
        var est = new TradeIntensityEstimator(TradeIntensityOptions.Default);
        for (int j = 0; j < 20; j++) est.Record(Seconds(j), 0.5, 0.5); // every trade at the mid: one grid point
        Assert.False(est.TryEstimate(Seconds(20), out _, out _));
        Assert.Equal(123, est.KappaOr(Seconds(20), 123));
    }

    [Fact]
    public void Forgets_trades_older_than_the_window()
    {
        var est = new TradeIntensityEstimator(new TradeIntensityOptions(TimeSpan.FromSeconds(60)));
        for (int j = 0; j < 50; j++) est.Record(Seconds(j), 0.5 + 0.01 * (j % 5), 0.5);
        Assert.True(est.TryEstimate(Seconds(50), out _, out _));
        Assert.False(est.TryEstimate(Seconds(500), out _, out _));
        Assert.Equal(0, est.Count);
    }
}
