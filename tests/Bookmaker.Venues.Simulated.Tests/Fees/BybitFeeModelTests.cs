using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Tests.Fees;

public class BybitFeeModelTests
{
    private static readonly Price Px = Price.Parse("60000.1");
    private static readonly Quantity Qty = Quantity.Parse("0.01");

    [Fact]
    public void Taker_pays_its_rate_on_notional()
    {
        var charge = BybitFeeModel.PerpetualVip0.ForFill(Px, Qty, Liquidity.Taker, Side.Buy);
        Assert.Equal(Money.Parse("0.33000055"), charge.Fee); // 600.001 × 0.00055
        Assert.Equal(Money.Zero, charge.Rebate);
    }

    [Fact]
    public void Maker_with_positive_rate_pays_a_fee()
    {
        var charge = BybitFeeModel.PerpetualVip0.ForFill(Px, Qty, Liquidity.Maker, Side.Sell);
        Assert.Equal(Money.Parse("0.1200002"), charge.Fee); // 600.001 × 0.0002
    }

    [Fact]
    public void Maker_with_negative_rate_earns_a_rebate_and_pays_no_fee()
    {
        var mm = BybitFeeModel.FromBps(1.5m, -0.25m);
        var charge = mm.ForFill(Px, Qty, Liquidity.Maker, Side.Sell);
        Assert.Equal(Money.Zero, charge.Fee);
        Assert.Equal(Money.Parse("0.015000025"), charge.Rebate); // 600.001 × 0.000025
    }

    [Fact]
    public void Fee_rounds_up_and_rebate_rounds_down_at_the_last_unit()
    {
        var model = new BybitFeeModel(0.0003m, -0.0003m);
        var p = Price.Parse("0.000000003");
        var q = Quantity.Parse("1");
        Assert.Equal(new Money(1), model.ForFill(p, q, Liquidity.Taker, Side.Buy).Fee); // 9e-13 → 1e-9
        Assert.Equal(Money.Zero, model.ForFill(p, q, Liquidity.Maker, Side.Sell).Rebate);
    }
}
