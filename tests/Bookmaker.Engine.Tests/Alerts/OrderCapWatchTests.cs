using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Tests.Alerts;

public sealed class OrderCapWatchTests
{
    private static SubmitOutcomeProbe Bid(WatchFixture f, string price = "0.45") =>
        new(f.Orders.Submit(new OrderRequest(default, f.Yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Quantity.FromUnits(10))).Decision);

    private readonly record struct SubmitOutcomeProbe(RiskDecision Decision);

    [Fact]
    public void Warns_at_the_first_denial_by_max_orders_per_day()
    {
        using var f = new WatchFixture(limits: new RiskLimits { MaxOrdersPerDay = 2 });
        Bid(f);
        Bid(f, "0.44");

        Assert.Equal(DenyReason.MaxOrdersPerDay, Bid(f, "0.43").Decision.Reason);

        Assert.Equal(AlertSeverity.Warning, f.Active(OrderCapWatch.Code, "max_orders_per_day")?.Severity);
    }

    [Fact]
    public void Daily_cap_alert_clears_when_the_trading_day_rolls()
    {
        // The day rolls at 00:00 UTC; the fixture starts at 12:00.
        using var f = new WatchFixture(limits: new RiskLimits { MaxOrdersPerDay = 2 });
        Bid(f);
        Bid(f, "0.44");
        f.Run(TimeSpan.FromSeconds(1));
        Assert.NotNull(f.Active(OrderCapWatch.Code, "max_orders_per_day"));

        f.Run(TimeSpan.FromHours(12));

        Assert.Null(f.Active(OrderCapWatch.Code, "max_orders_per_day"));
    }

    [Fact]
    public void Warns_while_open_orders_are_at_max_open_orders_and_clears_when_they_fall()
    {
        using var f = new WatchFixture(limits: new RiskLimits { MaxOpenOrders = 2 });
        var first = f.RestingBid("0.45");
        f.RestingBid("0.44");
        f.Run(TimeSpan.FromMilliseconds(250));
        Assert.NotNull(f.Active(OrderCapWatch.Code, "max_open_orders"));

        f.Orders.Cancel(first);
        f.Report(Core.Orders.ExecutionReportKind.Cancelled, first);
        f.Run(TimeSpan.FromMilliseconds(250));

        Assert.Null(f.Active(OrderCapWatch.Code, "max_open_orders"));
    }
}
