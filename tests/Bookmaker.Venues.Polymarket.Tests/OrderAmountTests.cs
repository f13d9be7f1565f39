using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Orders;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests;

/// <summary>Every published makerAmount/takerAmount pair of the reference §3.5, plus invariants.</summary>
public sealed class OrderAmountTests
{
    [Theory]
    [InlineData("BUY", "0.1", "0.5", "21.04", 10520000, 21040000)]
    [InlineData("BUY", "0.01", "0.56", "21.04", 11782400, 21040000)]
    [InlineData("BUY", "0.001", "0.056", "21.04", 1178240, 21040000)]
    [InlineData("BUY", "0.0001", "0.0056", "21.04", 117824, 21040000)]
    [InlineData("SELL", "0.01", "0.56", "21.04", 21040000, 11782400)]
    [InlineData("BUY", "0.01", "0.78", "12.8205", 9999600, 12820000)]
    [InlineData("BUY", "0.01", "0.39", "2435.89", 949997100, 2435890000)]
    [InlineData("BUY", "0.1", "0.7", "12.8205", 8974000, 12820000)]
    [InlineData("SELL", "0.001", "0.078", "12.8205", 12820000, 999960)]
    public void Limit_order_amounts_match_the_sdk_table(string side, string tick, string price, string size, long maker, long taker)
    {
        var amounts = OrderAmounts.ForLimit(side == "BUY" ? Side.Buy : Side.Sell, Price.Parse(price), Quantity.Parse(size), Price.Parse(tick));
        Assert.Equal((maker, taker), amounts);
    }

    [Theory]
    [InlineData("BUY", "0.01", "0.56", "100", 100000000, 178571400)]
    [InlineData("BUY", "0.001", "0.056", "100", 100000000, 1785714280)]
    [InlineData("BUY", "0.1", "0.7", "9.9996", 9990000, 14271000)]
    [InlineData("SELL", "0.01", "0.56", "100", 100000000, 56000000)]
    public void Market_order_amounts_match_the_sdk_table(string side, string tick, string price, string amount, long maker, long taker)
    {
        var amounts = OrderAmounts.ForMarket(side == "BUY" ? Side.Buy : Side.Sell, Price.Parse(price), decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Price.Parse(tick));
        Assert.Equal((maker, taker), amounts);
    }

    [Theory]
    [InlineData("0.1", 1, 2, 3)]
    [InlineData("0.01", 2, 2, 4)]
    [InlineData("0.005", 3, 2, 5)]
    [InlineData("0.0025", 4, 2, 6)]
    [InlineData("0.001", 3, 2, 5)]
    [InlineData("0.0001", 4, 2, 6)]
    public void Rounding_config_matches_the_sdk_per_tick(string tick, int price, int size, int amount) =>
        Assert.Equal(new RoundingConfig(price, size, amount), RoundingConfig.For(Price.Parse(tick)));

    [Fact]
    public void Rejects_a_tick_the_venue_does_not_use() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RoundingConfig.For(Price.Parse("0.02")));

    [Fact]
    public void Limit_buy_never_pays_more_than_price_times_size_and_size_only_rounds_down()
    {
        var ticks = new[] { "0.1", "0.01", "0.005", "0.0025", "0.001", "0.0001" }.Select(Price.Parse).ToArray();
        Prop.ForAll(
            Gen.Elements(ticks).ToArbitrary(),
            Gen.Choose(1, 9999).ToArbitrary(),
            Gen.Choose(1, 10_000_000).ToArbitrary(),
            (tick, priceSteps, sizeCents) =>
            {
                long maxSteps = (Price.One.Raw / tick.Raw) - 1;
                var price = new Price(tick.Raw * (1 + (priceSteps % maxSteps)));
                var size = new Quantity(sizeCents * 10_000_000L + 3_000_000); // extra 0.003 must be cut
                var (maker, taker) = OrderAmounts.ForLimit(Side.Buy, price, size, tick);
                decimal exactCost = (taker / 1e6m) * price.ToDecimal();
                return taker == sizeCents * 10_000L && maker / 1e6m <= exactCost && maker > 0;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Sell_amounts_mirror_buy_amounts_for_the_same_limit()
    {
        Prop.ForAll(
            Gen.Choose(1, 99).ToArbitrary(),
            Gen.Choose(1, 1_000_000).ToArbitrary(),
            (cents, sizeCents) =>
            {
                var price = new Price(cents * 10_000_000L);
                var size = new Quantity(sizeCents * 10_000_000L);
                var tick = Price.Parse("0.01");
                var buy = OrderAmounts.ForLimit(Side.Buy, price, size, tick);
                var sell = OrderAmounts.ForLimit(Side.Sell, price, size, tick);
                return buy.MakerAmount == sell.TakerAmount && buy.TakerAmount == sell.MakerAmount;
            }).QuickCheckThrowOnFailure();
    }
}
