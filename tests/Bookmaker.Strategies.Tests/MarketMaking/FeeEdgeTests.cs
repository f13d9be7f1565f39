using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking.Protections;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public sealed class FeeEdgeTests
{
    private static Price P(string s) => Price.Parse(s);

    [Fact]
    public void A_taker_buy_is_charged_the_shares_it_loses_as_q_times_p_paid_for_q_minus_fee_shares()
    {
        // r = 0.02, e = 1 at 0.40: fee 100 × 0.02 × 0.24 = 0.48 USDC = 1.2 shares; 40 paid for 98.8 shares.
        var model = new PolymarketFeeModel(0.02m, 1);
        double bps = FeeEdge.CostBps(model, Side.Buy, P("0.40"), Quantity.FromUnits(100), Liquidity.Taker, fair: 0.40);

        double expected = (40.0 / 98.8 - 0.40) / 0.40 * 10_000;
        Assert.Equal(expected, bps, 6);
    }

    [Fact]
    public void A_taker_sell_is_charged_its_cash_fee_per_share()
    {
        var model = new PolymarketFeeModel(0.02m, 1);
        double bps = FeeEdge.CostBps(model, Side.Sell, P("0.40"), Quantity.FromUnits(100), Liquidity.Taker, fair: 0.40);

        Assert.Equal(0.48 / 100 / 0.40 * 10_000, bps, 6);
    }

    [Fact]
    public void A_maker_fill_on_polymarket_costs_nothing()
    {
        var model = new PolymarketFeeModel(0.02m, 1);

        Assert.Equal(0, FeeEdge.CostBps(model, Side.Buy, P("0.40"), Quantity.FromUnits(100), Liquidity.Maker, fair: 0.40));
    }

    [Fact]
    public void A_quote_pair_is_charged_its_worst_form_including_the_complement_buy_behind_an_ask()
    {
        // Ask 0.55 on YES may trade as a NO BUY at 0.45: its withheld shares cost more than the YES sell's cash fee
        // at the same p(1 − p), and more than the bid's YES BUY at 0.30 (the fee's value is largest toward 0.5).
        var model = new PolymarketFeeModel(0.02m, 1);
        double pair = FeeEdge.QuoteCostBps(model, P("0.30"), P("0.55"), Quantity.FromUnits(100), Liquidity.Taker, fair: 0.50);

        double noBuy = FeeEdge.CostBps(model, Side.Buy, P("0.45"), Quantity.FromUnits(100), Liquidity.Taker, 0.50);
        Assert.Equal(noBuy, pair, 9);
        Assert.True(pair > FeeEdge.CostBps(model, Side.Buy, P("0.30"), Quantity.FromUnits(100), Liquidity.Taker, 0.50));
        Assert.True(pair > FeeEdge.CostBps(model, Side.Sell, P("0.55"), Quantity.FromUnits(100), Liquidity.Taker, 0.50));
    }

    [Fact]
    public void Fee_cost_of_a_taker_buy_is_never_below_the_shares_lost_valued_at_the_price()
    {
        var model = new PolymarketFeeModel(0.02m, 1);
        Prop.ForAll(Gen.Choose(1, 99).ToArbitrary(), Gen.Choose(5, 5_000).ToArbitrary(), (cents, shares) =>
        {
            var price = new Price(cents * 10_000_000L);
            var size = Quantity.FromUnits(shares);
            var charge = model.ForFill(price, size, Liquidity.Taker, Side.Buy);
            double bps = FeeEdge.CostBps(model, Side.Buy, price, size, Liquidity.Taker, fair: price.ToDouble());
            // Cost per share received ≥ the value of the shares withheld spread over the whole size.
            double floor = charge.FeeShares.ToDouble() * price.ToDouble() / size.ToDouble() / price.ToDouble() * 10_000;
            return bps >= floor - 1e-9 && double.IsFinite(bps);
        }).QuickCheckThrowOnFailure();
    }
}
