using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using Bookmaker.Strategies.MarketMaking.Strategy;
using FsCheck;
using FsCheck.Fluent;
using ConfigOptions = Bookmaker.Engine.Configuration.MarketMakerOptions;

namespace Bookmaker.Strategies.Tests.MarketMaking.Strategy;

public sealed class InstrumentQuoteTermsTests
{
    private static readonly Price Tick = Price.Parse("0.1");
    private static readonly Quantity Lot = Quantity.Parse("0.001");

    private static Instrument Crypto(string symbol, string min = "0.001") => new(
        new InstrumentId("replay", symbol), InstrumentKind.LinearPerpetual, 1, Tick, Lot, Quantity.Parse(min),
        Price.Parse("0.1"), Price.Parse("10000000"), "none");

    private static ConfigOptions Config() => BookmakerOptions.Defaults().MarketMaker;

    [Fact]
    public void Bps_spread_rounds_up_to_the_tick()
    {
        // 1 bps of 60,000.05 is 6.000005: rounding down would quote below the minimum, so it becomes 6.1.
        Assert.Equal(Price.Parse("6.1"), InstrumentQuoteTerms.SpreadFromBps(1m, Price.Parse("60000.05"), Tick));
        Assert.Equal(Price.Parse("6"), InstrumentQuoteTerms.SpreadFromBps(1m, Price.Parse("60000"), Tick));
    }

    [Fact]
    public void Bps_spread_is_at_least_one_tick()
    {
        Assert.Equal(Tick, InstrumentQuoteTerms.SpreadFromBps(0.001m, Price.Parse("100"), Tick));
    }

    [Fact]
    public void Tick_spread_is_that_many_ticks()
    {
        Assert.Equal(Price.Parse("0.3"), InstrumentQuoteTerms.SpreadFromTicks(3, Tick));
    }

    [Fact]
    public void Notional_size_rounds_down_to_the_lot()
    {
        // 100 / 60,000 = 0.0016666…: rounding up would trade more than the notional.
        Assert.Equal(Quantity.Parse("0.001"), InstrumentQuoteTerms.SizeFromNotional(Money.FromUnits(100), Price.Parse("60000"), Lot, Lot));
        Assert.Equal(Quantity.Parse("0.005"), InstrumentQuoteTerms.SizeFromNotional(Money.FromUnits(300), Price.Parse("60000"), Lot, Lot));
    }

    [Fact]
    public void Notional_inventory_limit_rounds_down_to_the_lot()
    {
        Assert.Equal(Quantity.Parse("0.01"), InstrumentQuoteTerms.InventoryFromNotional(Money.FromUnits(600), Price.Parse("60000"), Lot));
        Assert.Equal(Quantity.Parse("0.009"), InstrumentQuoteTerms.InventoryFromNotional(Money.Parse("599.99"), Price.Parse("60000"), Lot));
    }

    [Fact]
    public void One_notional_inventory_limit_means_the_same_risk_on_any_price()
    {
        var config = Config() with { MaxInventoryNotional = Money.FromUnits(600) };

        Assert.Equal(Quantity.Parse("0.01"), InstrumentQuoteTerms.Resolve(config, Crypto("BTCUSDT"), Price.Parse("60000")).MaxInventory);
        Assert.Equal(Quantity.Parse("0.24"), InstrumentQuoteTerms.Resolve(config, Crypto("ETHUSDT"), Price.Parse("2500")).MaxInventory);
    }

    [Fact]
    public void Notional_size_is_never_below_the_minimum_size()
    {
        Assert.Equal(Quantity.Parse("0.002"), InstrumentQuoteTerms.SizeFromNotional(Money.FromUnits(10), Price.Parse("60000"), Lot, Quantity.Parse("0.002")));
    }

    [Fact]
    public void Bps_spread_is_within_one_tick_above_the_exact_width() =>
        Prop.ForAll(Gen.Choose(1, 100_000).ToArbitrary(), Gen.Choose(1_000, 10_000_000).ToArbitrary(), (hundredthsBps, priceTenths) =>
        {
            decimal bps = hundredthsBps / 100m;
            var reference = new Price(priceTenths * Tick.Raw);
            var spread = InstrumentQuoteTerms.SpreadFromBps(bps, reference, Tick);
            decimal exact = bps * reference.ToDecimal() / 10_000m;
            return spread.IsOnTick(Tick) && spread.ToDecimal() >= exact && spread.ToDecimal() < Math.Max(exact, 0m) + Tick.ToDecimal();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Relative_section_terms_resolve_into_absolute_options()
    {
        var config = Config() with { MinSpreadBps = 1m, MaxSpreadTicks = 50, OrderNotional = Money.FromUnits(100) };
        var resolved = InstrumentQuoteTerms.Resolve(config, Crypto("BTCUSDT"), Price.Parse("60000"));
        Assert.Equal(6m, resolved.MinSpread);
        Assert.Equal(Price.Parse("5"), resolved.MaxSpread);
        Assert.Equal(Quantity.Parse("0.001"), resolved.QuoteSize);
        Assert.False(resolved.HasInstrumentTerms);
    }

    [Fact]
    public void Per_instrument_override_wins_over_the_section()
    {
        var overrides = new Dictionary<string, MarketMakerQuoteTerms>(StringComparer.OrdinalIgnoreCase)
        {
            ["btcusdt"] = new() { MinSpreadTicks = 3, QuoteSize = Quantity.Parse("0.004"), MaxInventory = Quantity.Parse("0.02") },
        };
        var config = Config() with { MinSpreadBps = 1m, OrderNotional = Money.FromUnits(100), Markets = overrides };
        var btc = InstrumentQuoteTerms.Resolve(config, Crypto("BTCUSDT"), Price.Parse("60000"));
        Assert.Equal(0.3m, btc.MinSpread);
        Assert.Equal(Quantity.Parse("0.004"), btc.QuoteSize);
        Assert.Equal(Quantity.Parse("0.02"), btc.MaxInventory);
        var eth = InstrumentQuoteTerms.Resolve(config, Crypto("ETHUSDT"), Price.Parse("2000"));
        Assert.Equal(0.2m, eth.MinSpread);
        Assert.Equal(Quantity.Parse("0.05"), eth.QuoteSize);
        Assert.Equal(Quantity.Parse("0.5"), eth.MaxInventory); // set nowhere: the crypto default, 1,000 / 2,000
    }

    [Fact]
    public void Crypto_instrument_without_terms_takes_the_crypto_defaults()
    {
        var btc = InstrumentQuoteTerms.Resolve(Config(), Crypto("BTCUSDT"), Price.Parse("60000"));
        Assert.Equal(72m, btc.MinSpread);                          // 12 bps of 60,000
        Assert.Equal(Price.Parse("300"), btc.MaxSpread);           // 50 bps
        Assert.Equal(Quantity.Parse("0.001"), btc.QuoteSize);      // 100 / 60,000 down to the lot
        Assert.Equal(Quantity.Parse("0.016"), btc.MaxInventory);   // 1,000 / 60,000 down to the lot
        Assert.Equal(Price.Parse("150"), btc.MaxSlippage);         // 25 bps
    }

    [Fact]
    public void Outcome_token_without_terms_keeps_the_section_defaults()
    {
        var token = new Instrument(new InstrumentId("polymarket", "123"), InstrumentKind.OutcomeToken, 1, Price.Parse("0.01"), Quantity.Parse("0.01"),
            Quantity.Parse("5"), Price.Parse("0.01"), Price.Parse("0.99"), "none");
        var config = Config();
        var resolved = InstrumentQuoteTerms.Resolve(config, token, Price.Parse("0.5"));
        Assert.Equal(config.MinSpread, resolved.MinSpread);
        Assert.Equal(config.MaxSpread, resolved.MaxSpread);
        Assert.Equal(config.QuoteSize, resolved.QuoteSize);
        Assert.Equal(config.MaxInventory, resolved.MaxInventory);
        Assert.Equal(config.MaxSlippage, resolved.MaxSlippage);
    }

    [Fact]
    public void A_term_the_operator_set_in_absolute_form_is_kept_on_a_crypto_instrument()
    {
        var config = Config() with { MaxSpread = Price.Parse("50"), SectionTerms = new MarketMakerQuoteTerms { MaxSpread = Price.Parse("50") } };
        var btc = InstrumentQuoteTerms.Resolve(config, Crypto("BTCUSDT"), Price.Parse("60000"));
        Assert.Equal(Price.Parse("50"), btc.MaxSpread);
        Assert.Equal(72m, btc.MinSpread); // the terms not set still take their crypto defaults
    }

    [Fact]
    public void Quoting_a_crypto_instrument_resolves_terms_per_market()
    {
        Assert.NotNull(MarketMakerConfig.FromConfig(Config(), quotesCrypto: true).PerMarket);
    }

    [Fact]
    public void Without_relative_terms_the_section_keeps_no_resolver()
    {
        Assert.Null(MarketMakerConfig.FromConfig(Config()).PerMarket);
        Assert.NotNull(MarketMakerConfig.FromConfig(Config() with { MinSpreadTicks = 2 }).PerMarket);
    }
}
