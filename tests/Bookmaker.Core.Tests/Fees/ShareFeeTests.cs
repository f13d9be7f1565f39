using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Core.Tests.Fees;

/// <summary>Polymarket's BUY taker fee collected in shares: the arithmetic, against exact references.</summary>
public class ShareFeeTests
{
    private static readonly IFeeModel[] Models =
    [
        new PolymarketFeeModel(0.25m, 2, 0.20m),
        new PolymarketFeeModel(0.0175m, 1, 0.25m),
        new PolymarketFeeModel(0.02m, 1, 0m),
        new PolymarketFeeModel(0.1m, 1.5, 0.20m),
    ];

    private static readonly Quantity Cent = Quantity.Parse("0.01");

    /// <summary>A model, a price on the 0.0001 grid (0.0001..0.9999) and a size of 0.01..10 000 shares.</summary>
    private static Arbitrary<(int Model, long PriceRaw, long SizeRaw)> Fills =>
        (from m in Gen.Choose(0, Models.Length - 1)
         from p in Gen.Choose(1, 9_999)
         from s in Gen.Choose(1, 1_000_000)
         select (m, p * 100_000L, s * 10_000_000L)).ToArbitrary();

    [Fact]
    public void Taker_buy_fee_of_one_and_a_half_dollars_at_half_is_three_and_an_eighth_shares()
    {
        var charge = new PolymarketFeeModel(0.25m, 2).ForFill(Price.Parse("0.50"), Quantity.Parse("100"), Liquidity.Taker, Side.Buy);
        Assert.Equal((Quantity.Parse("3.125"), Money.Parse("1.5625"), Money.Zero), (charge.FeeShares, charge.Fee, charge.CashFee));
    }

    [Fact]
    public void Taker_sell_fee_is_paid_in_usdc_with_no_shares_withheld()
    {
        var charge = new PolymarketFeeModel(0.25m, 2).ForFill(Price.Parse("0.50"), Quantity.Parse("100"), Liquidity.Taker, Side.Sell);
        Assert.Equal((Quantity.Zero, Money.Parse("1.5625"), Money.Parse("1.5625")), (charge.FeeShares, charge.Fee, charge.CashFee));
    }

    [Fact]
    public void Fee_shares_round_up_to_the_token_unit()
    {
        // 0.00001 USDC at 0.03 is 0.000333… shares → 0.000334 (the venue's favour).
        Assert.Equal(Quantity.Parse("0.000334"), ShareFee.SharesFor(Money.Parse("0.00001"), Price.Parse("0.03"), Quantity.Parse("10")));
    }

    [Fact]
    public void Fee_shares_never_exceed_the_fill()
    {
        Assert.Equal(Quantity.Parse("0.001"), ShareFee.SharesFor(Money.Parse("5"), Price.Parse("0.5"), Quantity.Parse("0.001")));
    }

    [Fact]
    public void Property_shares_received_plus_fee_shares_equal_the_matched_size_and_neither_is_negative()
    {
        Prop.ForAll(Fills, f =>
        {
            var size = new Quantity(f.SizeRaw);
            var charge = Models[f.Model].ForFill(new Price(f.PriceRaw), size, Liquidity.Taker, Side.Buy);
            var received = ShareFee.Received(size, charge.FeeShares);
            return received + charge.FeeShares == size && received.Raw >= 0 && charge.FeeShares.Raw >= 0
                && charge.FeeShares.Raw % ShareFee.TokenUnitRaw == 0 && charge.CashFee == Money.Zero;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_fee_shares_are_worth_at_least_the_usdc_fee_and_less_than_one_token_unit_more()
    {
        Prop.ForAll(Fills, f =>
        {
            var price = new Price(f.PriceRaw);
            var size = new Quantity(f.SizeRaw);
            var model = Models[f.Model];
            Money usdc = model.ForFill(price, size, Liquidity.Taker, Side.Sell).Fee;
            Quantity shares = model.ForFill(price, size, Liquidity.Taker, Side.Buy).FeeShares;
            // Exact reference: shares × price against the USDC fee, in 1e-18 units.
            Int128 worth = (Int128)shares.Raw * price.Raw;
            Int128 fee = (Int128)usdc.Raw * FixedPoint.Scale;
            bool capped = shares == size;
            return (capped || worth >= fee) && worth < fee + (Int128)ShareFee.TokenUnitRaw * price.Raw;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_fee_shares_never_decrease_as_the_size_grows()
    {
        Prop.ForAll(Fills, Gen.Choose(1, 100_000).ToArbitrary(), (f, extra) =>
        {
            var price = new Price(f.PriceRaw);
            var model = Models[f.Model];
            Quantity a = model.ForFill(price, new Quantity(f.SizeRaw), Liquidity.Taker, Side.Buy).FeeShares;
            Quantity b = model.ForFill(price, new Quantity(f.SizeRaw + extra * 10_000_000L), Liquidity.Taker, Side.Buy).FeeShares;
            return b >= a;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_fee_value_plus_received_notional_is_the_fill_notional()
    {
        Prop.ForAll(Fills, f =>
        {
            var price = new Price(f.PriceRaw);
            var size = new Quantity(f.SizeRaw);
            var charge = Models[f.Model].ForFill(price, size, Liquidity.Taker, Side.Buy);
            return charge.Fee + Money.Notional(price, size - charge.FeeShares) == Money.Notional(price, size) && charge.Fee.Raw >= 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_a_grossed_up_buy_receives_the_target_and_one_step_less_would_not()
    {
        var min = Quantity.FromUnits(5);
        Prop.ForAll(Fills, f =>
        {
            var price = new Price(f.PriceRaw);
            var target = new Quantity(f.SizeRaw);
            var model = Models[f.Model];
            Quantity gross = ShareFee.GrossUpForBuy(model, price, target, Cent, min);
            Quantity received(Quantity s) => s - model.ForFill(price, s, Liquidity.Taker, Side.Buy).FeeShares;
            Quantity less = gross - Cent;
            bool minimal = less < min || less < target || received(less) < target;
            return received(gross) >= target && gross >= min && gross.Raw % Cent.Raw == 0 && minimal;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Fee_free_market_grosses_up_to_the_target_rounded_to_the_step()
    {
        Assert.Equal(Quantity.Parse("12.35"),
            ShareFee.GrossUpForBuy(ZeroFeeModel.Instance, Price.Parse("0.4"), Quantity.Parse("12.341"), Cent, Quantity.FromUnits(5)));
    }
}
