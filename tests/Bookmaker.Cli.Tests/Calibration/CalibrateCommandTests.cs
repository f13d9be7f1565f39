using System.Text.Json;
using Bookmaker.Testing;
using Bookmaker.Venues.Simulated.Flow;

namespace Bookmaker.Cli.Tests.Calibration;

/// <summary><c>bookmaker calibrate</c> and <c>paper --scenario</c> through the command line.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Calibrate_writes_a_profile_that_paper_can_read()
    {
        string data = CalibrationFixture.Write(_cli.Directory);
        var r = _cli.Run("calibrate", "--data", data, "--out", "fixture.json");
        Assert.Equal(0, r.ExitCode);
        var profile = FlowProfile.Load(Path.Combine(_cli.Directory, "fixture.json"));
        Assert.Equal("fixture", profile.Name);
        Assert.Equal("fixture.json", profile.Source);
        Assert.Equal(16, profile.Takers.Orders);
    }

    [Fact]
    public void Calibrate_of_a_missing_file_exits_2_naming_it()
    {
        var r = _cli.Run("calibrate", "--data", "nowhere.json", "--out", "p.json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'nowhere.json': no such file", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_of_an_unknown_format_exits_2_naming_the_file()
    {
        _cli.Write("notes.txt", "hello\n");
        var r = _cli.Run("calibrate", "--data", "notes.txt", "--out", "p.json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("notes.txt is not a Polymarket JSON array", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_prints_synthetic_beside_recorded_with_ks_distances()
    {
        var r = _cli.Run("calibrate", "--check", "crypto", "--data", SharedData.Path("binance", "usdm_btcusdt_20240808.gz"), "--duration", "2m");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("| figure | recorded | profile | synthetic | K–S synthetic vs recorded | K–S synthetic vs profile |", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("| spread median (ticks) |", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("| touch-fill markout 60 s (ticks) |", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_an_unreadable_profile_exits_2()
    {
        _cli.Write("bad.json", "{ \"schema\": \"other\" }");
        var r = _cli.Run("calibrate", "--check", "bad.json", "--data", CalibrationFixture.Write(_cli.Directory));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("schema 'other'", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_on_a_calibrated_profile_names_it_and_its_recording_in_the_summary()
    {
        var r = Paper("crypto-run", "--scenario", "thin");
        Assert.Equal(0, r.Result.ExitCode);
        string label = r.Summary.GetProperty("simulation").GetString()!;
        Assert.Contains("profile 'thin' (calibrated from ws_market_price_change_crossing_burst.json", label, StringComparison.Ordinal);
        Assert.Contains("not a forecast", label, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_on_the_liquid_profile_quotes_and_fills_on_ten_markets()
    {
        var r = Paper("liquid-run", "--scenario", "liquid", "--markets", "10", "--duration", "10m");
        Assert.Equal(0, r.Result.ExitCode);
        Assert.True(r.Summary.GetProperty("orders_submitted").GetInt32() > 0);
        Assert.Contains("profile 'liquid' (priors, not calibrated", r.Summary.GetProperty("simulation").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_with_an_unknown_scenario_exits_2_naming_key_value_and_rule()
    {
        var r = _cli.Run("paper", "--scenario", "nonesuch", "--duration", "1s", "--speed", "max", "--journal", Path.Combine(_cli.Directory, "x.db"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Paper:Scenario", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("nonesuch", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("liquid, thin, crypto, stress or a flow-profile JSON path", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Paper_scenario_on_a_real_data_venue_exits_2()
    {
        var r = _cli.Run("paper", "--scenario", "liquid", "--venue", "polymarket", "--markets", "0xabc", "--journal", Path.Combine(_cli.Directory, "x.db"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Venue:Name=simulated", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_seed_on_a_scenario_writes_the_same_summary_figures()
    {
        var a = Paper("a", "--scenario", "liquid");
        var b = Paper("b", "--scenario", "liquid");
        foreach (string key in new[] { "orders_submitted", "fills", "volume", "realized_pnl" })
            Assert.Equal(a.Summary.GetProperty(key).GetRawText(), b.Summary.GetProperty(key).GetRawText());
    }

    [Fact]
    public void Paper_arbitrage_on_the_liquid_event_trades_and_repeats_for_the_same_seed()
    {
        var a = Paper("arb-a", "--scenario", "liquid", "--strategies", "arb", "--duration", "30m", "--seed", "2");
        var b = Paper("arb-b", "--scenario", "liquid", "--strategies", "arb", "--duration", "30m", "--seed", "2");
        Assert.True(a.Summary.GetProperty("arb_attempts").GetInt64() > 0, "the event offers baskets");
        foreach (string key in new[] { "arb_opportunities", "arb_attempts", "arb_successes", "arb_unwinds", "arb_pnl" })
            Assert.Equal(a.Summary.GetProperty(key).GetRawText(), b.Summary.GetProperty(key).GetRawText());
    }

    [Fact]
    public void Paper_on_a_scenario_reports_our_fill_markouts_for_the_targets()
    {
        var r = Paper("markouts", "--scenario", "liquid", "--markets", "10", "--duration", "20m");
        Assert.Equal(JsonValueKind.Number, r.Summary.GetProperty("fill_markout_10s_median_ticks").ValueKind);
        Assert.Equal(JsonValueKind.Number, r.Summary.GetProperty("fill_markout_60s_mean_ticks").ValueKind);
        double adverse = r.Summary.GetProperty("fill_adverse_10s_share").GetDouble();
        Assert.InRange(adverse, 0, 1);
    }

    [Fact]
    public void Paper_on_the_stress_flow_reports_no_fill_markouts()
    {
        var r = Paper("plain", "--duration", "30s", "--scenario", "stress");
        Assert.False(r.Summary.TryGetProperty("fill_markout_10s_median_ticks", out _));
    }

    [Fact]
    public void Paper_without_a_scenario_runs_the_liquid_profile()
    {
        var r = Paper("default", "--duration", "30m");
        Assert.Contains("profile 'liquid'", r.Summary.GetProperty("simulation").GetString(), StringComparison.Ordinal);
        Assert.True(r.Summary.TryGetProperty("fill_markout_10s_median_ticks", out _));
    }

    private (CliResult Result, JsonElement Summary) Paper(string name, params string[] extra) => _cli.PaperWithSummary(name, extra);
}
