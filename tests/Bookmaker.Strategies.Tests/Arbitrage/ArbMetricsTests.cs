using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;
using static Bookmaker.Strategies.Tests.Arbitrage.ArbTestData;

namespace Bookmaker.Strategies.Tests.Arbitrage;

public class ArbMetricsTests
{
    private static ArbMetrics Run(int successes, int unwinds, int misses)
    {
        var m = new ArbMetrics();
        for (int i = 0; i < successes + unwinds + misses; i++) m.RecordAttempt();
        for (int i = 0; i < successes; i++) m.RecordSuccess(M("2"), 100 + i);
        for (int i = 0; i < unwinds; i++) m.RecordUnwind(M("1.5"), 1000);
        for (int i = 0; i < misses; i++) m.RecordMiss(Money.Zero, 50);
        return m;
    }

    [Fact]
    public void Rates_and_averages_follow_the_counts()
    {
        var m = Run(successes: 8, unwinds: 1, misses: 1);
        Assert.Equal(0.8, m.SuccessRate, 12);
        Assert.Equal(0.1, m.UnwindRate, 12);
        Assert.Equal(M("2"), m.ProfitPerSuccess);
        Assert.Equal(M("0.75"), m.LossPerFailure);
        Assert.Equal(new ArbHealth(ArbAlertSeverity.None, ArbAlertSeverity.None), m.Health());
    }

    [Fact]
    public void Success_rate_under_seventy_percent_warns_and_under_fifty_is_critical()
    {
        Assert.Equal(ArbAlertSeverity.Warning, Run(6, 0, 4).Health().Success);
        Assert.Equal(ArbAlertSeverity.Critical, Run(4, 0, 6).Health().Success);
    }

    [Fact]
    public void Unwind_rate_over_twenty_percent_warns_and_over_thirty_is_critical()
    {
        Assert.Equal(ArbAlertSeverity.Warning, Run(7, 3, 0).Health().Unwind);
        Assert.Equal(ArbAlertSeverity.Critical, Run(6, 4, 0).Health().Unwind);
        Assert.Equal(ArbAlertSeverity.Critical, Run(6, 4, 0).Health().Worst);
    }

    [Fact]
    public void Rates_are_not_judged_before_the_minimum_attempts()
    {
        Assert.Equal(ArbAlertSeverity.None, Run(1, 1, 1).Health().Worst);
    }

    [Fact]
    public void Latency_summary_gives_nearest_rank_percentiles()
    {
        var m = new ArbMetrics(latencyWindow: 200);
        for (int i = 1; i <= 100; i++) m.RecordSuccess(M("1"), i);
        Assert.Equal(new LatencySummary(100, 50, 90, 99, 100), m.Latency());
    }

    [Fact]
    public void Latency_window_keeps_the_most_recent_samples()
    {
        var m = new ArbMetrics(latencyWindow: 4);
        for (int i = 1; i <= 10; i++) m.RecordSuccess(M("1"), i);
        Assert.Equal(new LatencySummary(4, 8, 10, 10, 10), m.Latency());
    }
}
