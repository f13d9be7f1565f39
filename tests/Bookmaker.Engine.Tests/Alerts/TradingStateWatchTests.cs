using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Tests.Alerts;

public sealed class TradingStateWatchTests
{
    [Fact]
    public void Every_halt_raises_a_critical_alert_naming_the_reason()
    {
        using var f = new WatchFixture();

        f.Gate.SetManualState(TradingState.Halted, "operator:alice");

        var alert = f.Active(TradingStateWatch.Halted);
        Assert.Equal(AlertSeverity.Critical, alert?.Severity);
        Assert.Contains("operator:alice", alert!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaving_halted_clears_the_halt_alert()
    {
        using var f = new WatchFixture();
        f.Gate.SetManualState(TradingState.Halted, "operator:alice");

        f.Gate.SetManualState(TradingState.Active, "operator:alice");

        Assert.Null(f.Active(TradingStateWatch.Halted));
    }

    [Fact]
    public void Reducing_raises_a_warning_for_as_long_as_it_lasts()
    {
        using var f = new WatchFixture();

        f.Gate.SetManualState(TradingState.Reducing, "operator:alice");
        Assert.Equal(AlertSeverity.Warning, f.Active(TradingStateWatch.Reducing)?.Severity);

        f.Gate.SetManualState(TradingState.Active, "operator:alice");
        Assert.Null(f.Active(TradingStateWatch.Reducing));
    }

    [Fact]
    public void A_loss_cooldown_running_out_moves_the_alert_from_halted_to_reducing()
    {
        using var f = new WatchFixture(limits: new RiskLimits { ConsecutiveLossLimit = 2, LossCooldown = TimeSpan.FromMinutes(15) });
        f.Gate.OnRoundTrip(Money.FromUnits(-1));
        f.Gate.OnRoundTrip(Money.FromUnits(-1));
        Assert.NotNull(f.Active(TradingStateWatch.Halted));

        // The cool-down ends by the clock alone: the gate publishes no transition for it.
        f.Run(TimeSpan.FromMinutes(15.5));

        Assert.Null(f.Active(TradingStateWatch.Halted));
        Assert.NotNull(f.Active(TradingStateWatch.Reducing));
    }
}
