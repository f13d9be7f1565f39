using Bookmaker.Backtest.Calibration;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Testing;
using Bookmaker.Venues.Simulated.Flow;

namespace Bookmaker.Cli.Tests.Calibration;

/// <summary>The estimates of <c>bookmaker calibrate</c> on a recording whose answers are known exactly.</summary>
public sealed class ProfileCalibratorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("calib-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private FlowProfile Fixture()
    {
        string path = CalibrationFixture.Write(_dir);
        return ProfileCalibrator.Calibrate(RecordingCalibrator.Observe([DataFile.Describe(path, null)], []), "fixture");
    }

    [Fact]
    public void Spread_is_two_ticks_in_every_sample_of_the_fixture()
    {
        var p = Fixture();
        Assert.Equal(2, p.Book.SpreadTicks.Quantiles[0], 9);
        Assert.Equal(2, p.Book.SpreadTicks.Quantiles[^1], 9);
        Assert.Equal(0, p.Book.OneTickShare);
        Assert.Equal(120, p.Book.SpreadTicks.Count);
    }

    [Fact]
    public void Touch_depth_is_the_quote_value_of_the_best_bid_and_ask()
    {
        var p = Fixture();
        Assert.Equal(49, p.Book.TouchDepthQuote.Quantiles[0], 9);
        Assert.Equal(102, p.Book.TouchDepthQuote.Quantiles[^1], 9);
        Assert.Equal(75.5, p.Book.TouchDepthQuote.Median, 9);
    }

    [Fact]
    public void Taker_rate_is_orders_over_the_recorded_span()
    {
        var p = Fixture();
        Assert.Equal(16, p.Takers.Orders);
        Assert.Equal(16 / 120.0, p.Takers.RatePerSecond, 6);
        Assert.Empty(p.Priors);
    }

    [Fact]
    public void Taker_sizes_are_price_times_shares()
    {
        var p = Fixture();
        Assert.Equal(4.9, p.Takers.SizeQuote.Quantiles[0], 9);
        Assert.Equal(5.1, p.Takers.SizeQuote.Quantiles[^1], 9);
    }

    [Fact]
    public void Sign_autocorrelation_of_runs_of_four_is_seventeen_twenty_eighths()
    {
        // Lag-1 pairs of + + + + − − − − twice: 12 alike, 3 unlike; the Pearson correlation is 17/28.
        var p = Fixture();
        Assert.Equal(17 / 28.0, p.Takers.SignAutocorrelation, 5);
    }

    [Fact]
    public void Touch_fills_earn_one_tick_when_the_mid_never_moves()
    {
        var p = Fixture();
        Assert.Equal(1, p.TouchFills.HalfSpreadTicks, 9);
        Assert.Equal(1, p.TouchFills.Markout1sTicks, 9);
        Assert.Equal(1, p.TouchFills.Markout10sTicks, 9);
        Assert.Equal(1, p.TouchFills.Markout60sTicks, 9);
        Assert.Equal(0, p.Takers.Impact10sTicks, 9);
        Assert.Equal(0, p.VolatilityTicksPerMinute, 9);
    }

    [Fact]
    public void Market_rules_and_reference_price_come_from_the_recording()
    {
        var p = Fixture();
        Assert.Equal(ProfileMarketKind.Binary, p.Market.Kind);
        Assert.Equal(0.01m, p.Market.Tick);
        Assert.Equal(0.5m, p.Market.ReferencePrice);
        Assert.Equal("polymarket", p.Venue);
    }

    [Fact]
    public void Recording_without_prints_takes_the_documented_priors_and_lists_them()
    {
        var recorded = RecordingCalibrator.Observe([DataFile.Describe(SharedData.Path("polymarket", "ws_market_price_change_crossing_burst.json"), null)], []);
        var p = ProfileCalibrator.Calibrate(recorded, "thin");
        Assert.Equal(ProfileCalibrator.PriorTakerRate, p.Takers.RatePerSecond);
        Assert.Contains("takers.ratePerSecond", p.Priors);
        Assert.Equal(0.001m, p.Market.Tick);
    }

    [Fact]
    public void Binance_recording_infers_the_tick_and_measures_its_taker_flow()
    {
        var recorded = RecordingCalibrator.Observe([DataFile.Describe(SharedData.Path("binance", "usdm_btcusdt_20240808.gz"), null)], []);
        var p = ProfileCalibrator.Calibrate(recorded, "crypto");
        Assert.Equal(0.1m, p.Market.Tick);
        Assert.Equal(ProfileMarketKind.Plain, p.Market.Kind);
        Assert.True(p.Takers.Orders > 1000, $"{p.Takers.Orders} taker orders");
        Assert.True(p.Book.OneTickShare > 0.9, $"one-tick share {p.Book.OneTickShare}");
        Assert.Empty(p.Priors);
    }

    [Fact]
    public void Identical_samples_are_at_kolmogorov_smirnov_distance_zero() =>
        Assert.Equal(0, KolmogorovSmirnov.Distance([1.0, 2, 3], [1.0, 2, 3]));

    [Fact]
    public void Disjoint_samples_are_at_kolmogorov_smirnov_distance_one() =>
        Assert.Equal(1, KolmogorovSmirnov.Distance([1.0, 2], [3.0, 4]));

    [Fact]
    public void Half_overlapping_samples_are_at_kolmogorov_smirnov_distance_one_half() =>
        Assert.Equal(0.5, KolmogorovSmirnov.Distance([1.0, 2, 3, 4], [3.0, 4, 5, 6]));

    [Fact]
    public void Sample_drawn_from_a_profile_distribution_is_close_to_it()
    {
        var profile = QuantileDistribution.Of(Enumerable.Range(0, 1000).Select(i => Math.Exp(i / 200.0)));
        var random = new FlowRandom(3);
        var sample = Enumerable.Range(0, 5000).Select(_ => random.Draw(profile)).ToList();
        Assert.True(KolmogorovSmirnov.Distance(sample, profile) < 0.03);
    }
}
