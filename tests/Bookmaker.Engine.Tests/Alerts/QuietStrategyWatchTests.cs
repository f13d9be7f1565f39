using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Tests.Alerts;

public sealed class QuietStrategyWatchTests
{
    private static OperationalWatchOptions Options => new() { QuietStrategyAfter = TimeSpan.FromMinutes(10) };

    private static (WatchFixture F, IdleStrategy Mm) Make(bool quotesContinuously = true)
    {
        var f = new WatchFixture(Options);
        var mm = new IdleStrategy("mm", quotesContinuously);
        f.Engine.AddStrategy(mm);
        return (f, mm);
    }

    private static ClientOrderId Quote(WatchFixture f, IdleStrategy mm)
    {
        var outcome = mm.Context!.Submit(new OrderRequest(default, f.Yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.45"), Quantity.FromUnits(10)));
        Assert.True(outcome.Sent);
        return outcome.Id;
    }

    [Fact]
    public void Warns_when_a_continuously_quoting_strategy_has_no_order_on_the_book_while_active()
    {
        var (f, _) = Make();
        using var _f = f;

        f.Run(TimeSpan.FromMinutes(9.9));
        Assert.Null(f.Active(QuietStrategyWatch.Code, "mm"));
        f.Run(TimeSpan.FromMinutes(0.2));

        Assert.Equal(AlertSeverity.Warning, f.Active(QuietStrategyWatch.Code, "mm")?.Severity);
    }

    [Fact]
    public void A_strategy_with_a_resting_order_is_not_quiet()
    {
        var (f, mm) = Make();
        using var _f = f;
        Quote(f, mm);

        f.Run(TimeSpan.FromMinutes(30));

        Assert.Null(f.Active(QuietStrategyWatch.Code, "mm"));
    }

    [Fact]
    public void Quiet_alert_clears_when_the_strategy_quotes_again()
    {
        var (f, mm) = Make();
        using var _f = f;
        f.Run(TimeSpan.FromMinutes(11));

        Quote(f, mm);
        f.Run(TimeSpan.FromMilliseconds(250));

        Assert.Null(f.Active(QuietStrategyWatch.Code, "mm"));
    }

    [Fact]
    public void Strategies_that_do_not_quote_continuously_are_never_quiet()
    {
        var (f, _) = Make(quotesContinuously: false);
        using var _f = f;

        f.Run(TimeSpan.FromMinutes(30));

        Assert.Null(f.Active(QuietStrategyWatch.Code, "mm"));
    }

    [Fact]
    public void No_quiet_alert_while_halted_and_a_full_period_after_resuming()
    {
        var (f, _) = Make();
        using var _f = f;
        f.Gate.SetManualState(TradingState.Halted, "operator:test");
        f.Run(TimeSpan.FromMinutes(30));
        Assert.Null(f.Active(QuietStrategyWatch.Code, "mm"));

        f.Gate.SetManualState(TradingState.Active, "operator:test");
        f.Run(TimeSpan.FromMinutes(9.9));
        Assert.Null(f.Active(QuietStrategyWatch.Code, "mm"));
        f.Run(TimeSpan.FromMinutes(0.2));

        Assert.NotNull(f.Active(QuietStrategyWatch.Code, "mm"));
    }
}
