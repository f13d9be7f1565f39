using System.Text.Json;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Tests;

/// <summary>
/// The main job end to end, in-process: the embedded simulated venue with synthetic markets, the market maker and the
/// arbitrage strategy, a real SQLite journal — at --speed max on the simulated clock.
/// </summary>
public sealed class PaperCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private (CliResult Result, JsonElement Summary) Paper(string name, params string[] extra) => _cli.PaperWithSummary(name, extra);

    private string Export(string name)
    {
        using var reader = JournalReader.Open(Path.Combine(_cli.Directory, name + ".db"));
        using var w = new StringWriter();
        reader.ExportCanonical(w);
        return w.ToString();
    }

    [Fact]
    public void Same_seed_writes_the_same_journal_byte_for_byte()
    {
        Paper("a");
        Paper("b");

        string a = Export("a");
        Assert.True(a.Length > 10_000, "the run should have journaled real activity");
        Assert.Equal(a, Export("b"));
    }

    [Fact]
    public void Different_seed_writes_a_different_journal()
    {
        Paper("a");
        Paper("c", "--seed", "8");

        Assert.NotEqual(Export("a"), Export("c"));
    }

    [Fact]
    public void Summary_has_every_key_as_numbers_and_the_exit_invariants_hold()
    {
        var (r, s) = Paper("s");

        Assert.Equal(0, r.ExitCode);
        foreach (var key in new[] { "sim_seconds", "wall_seconds", "orders_submitted", "orders_cancelled", "orders_rejected", "fills", "volume",
                     "realized_pnl", "unrealized_pnl", "fees", "rebates", "reward_score", "max_abs_inventory", "markout_1s", "alerts_warning",
                     "alerts_critical", "open_orders_at_exit", "orders_accepted_while_halted", "arb_opportunities", "arb_attempts",
                     "arb_successes", "arb_unwinds", "arb_pnl", "unhedged_legs_at_exit" })
            Assert.Equal(JsonValueKind.Number, s.GetProperty(key).ValueKind);
        Assert.Equal(JsonValueKind.Object, s.GetProperty("orders_denied").ValueKind);
        Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
        Assert.Equal(0, s.GetProperty("orders_accepted_while_halted").GetInt32());
        Assert.Equal(0, s.GetProperty("unhedged_legs_at_exit").GetInt32());
        // Three minutes of trading, then a graceful stop whose cancels take a little simulated time too.
        Assert.InRange(s.GetProperty("sim_seconds").GetDouble(), 180, 240);
    }

    [Fact]
    public void A_run_on_the_stress_flow_says_it_is_an_uncalibrated_simulation_in_its_output_and_summary()
    {
        var (r, s) = Paper("sim", "--duration", "10s", "--scenario", "stress");

        string label = s.GetProperty("simulation").GetString()!;
        Assert.Contains("uncalibrated", label, StringComparison.Ordinal);
        Assert.Contains("not a forecast", label, StringComparison.Ordinal);
        Assert.Contains("simulation: " + label, r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newcomer_sees_quotes_and_fills_early()
    {
        var (_, s) = Paper("n", "--duration", "10s");

        Assert.True(s.GetProperty("orders_submitted").GetInt32() > 0);
        Assert.True(s.GetProperty("fills").GetInt32() > 0);
    }

    [Fact]
    public void Inventory_oscillates_around_zero_within_a_bound_on_the_busy_stress_flow()
    {
        var (_, s) = Paper("i", "--scenario", "stress");

        Assert.True(s.GetProperty("mean_abs_inventory").GetDecimal() < 200m, $"mean |q| = {s.GetProperty("mean_abs_inventory")}");
        Assert.True(s.GetProperty("max_abs_inventory").GetDecimal() <= 1_000m);
    }

    [Fact]
    public void Injected_faults_do_not_break_the_exit_invariants()
    {
        var (r, s) = Paper("f", "--faults", "cancel_all.error=0.5,order.timeout=0.05,feed.drop=0.01,cancel.error=0.1");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
        Assert.Equal(0, s.GetProperty("orders_accepted_while_halted").GetInt32());
    }

    [Fact]
    public void A_bad_fault_spec_is_a_usage_error_naming_the_token()
    {
        var r = _cli.Run("paper", "--faults", "order.explode=0.5", "--journal", Path.Combine(_cli.Directory, "x.db"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Paper:Faults", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("explode", r.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>The 24 h soak: a day of simulated trading over 10 markets at --speed max (about a minute of wall time).</summary>
public sealed class PaperSoakTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_24h_soak_over_10_markets_keeps_every_invariant_with_bounded_memory()
    {
        string summary = Path.Combine(_cli.Directory, "soak.json");
        var r = _cli.Run("paper", "--scenario", "stress", "--speed", "max", "--duration", "24h", "--markets", "10", "--seed", "42",
            "--journal", Path.Combine(_cli.Directory, "soak.db"), "--summary-json", summary);

        using var doc = JsonDocument.Parse(File.ReadAllText(summary));
        var s = doc.RootElement;
        Assert.Equal(0, r.ExitCode);
        Assert.True(s.GetProperty("sim_seconds").GetDouble() >= 86_400);
        Assert.Equal(0, s.GetProperty("open_orders_at_exit").GetInt32());
        Assert.Equal(0, s.GetProperty("orders_accepted_while_halted").GetInt32());
        Assert.Equal(0, s.GetProperty("unhedged_legs_at_exit").GetInt32());
        Assert.True(s.GetProperty("max_abs_inventory").GetDecimal() <= 1_000m);
        Assert.True(s.GetProperty("peak_memory_mb").GetDouble() < 1_024, $"peak {s.GetProperty("peak_memory_mb")} MB");
    }
}
