using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bookmaker.Cli.Paper;

/// <summary>
/// The run summary printed at the end of <c>paper</c> and written as JSON (snake_case keys, numbers as numbers).
/// Invariants are part of it: <see cref="OpenOrdersAtExit"/>, <see cref="PositionMismatchesAtExit"/> and <see cref="OrdersAcceptedWhileHalted"/> must be 0,
/// and <see cref="UnhedgedLegsAtExit"/> too.
/// </summary>
public sealed class PaperSummary
{
    /// <summary>"paper" or "live": names the text block (not part of the JSON).</summary>
    [JsonIgnore] public string Mode { get; set; } = "paper";

    /// <summary>
    /// What a synthetic run simulated, said in every summary so that its P&amp;L is never read as a forecast: the flow
    /// profile and that the result tests the machinery only (docs/simulation.md). Null for real data or a real venue.
    /// </summary>
    [JsonPropertyName("simulation")] public string? Simulation { get; set; }
    /// <summary>Seed of the run's random number generators.</summary>
    [JsonPropertyName("seed")] public long Seed { get; set; }
    /// <summary>Markets traded.</summary>
    [JsonPropertyName("markets")] public int Markets { get; set; }
    /// <summary>Engine-clock seconds the run covered.</summary>
    [JsonPropertyName("sim_seconds")] public double SimSeconds { get; set; }
    /// <summary>Wall-clock seconds the run took.</summary>
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; set; }
    /// <summary>Simulated seconds per wall second.</summary>
    [JsonPropertyName("sim_wall_ratio")] public double SimWallRatio { get; set; }
    /// <summary>Events the loop processed.</summary>
    [JsonPropertyName("events_processed")] public long EventsProcessed { get; set; }
    /// <summary>Peak working set, MB.</summary>
    [JsonPropertyName("peak_memory_mb")] public double PeakMemoryMb { get; set; }
    /// <summary>Orders the gate let through and the order manager sent.</summary>
    [JsonPropertyName("orders_submitted")] public int OrdersSubmitted { get; set; }
    /// <summary>Orders that ended cancelled.</summary>
    [JsonPropertyName("orders_cancelled")] public int OrdersCancelled { get; set; }
    /// <summary>Orders the venue rejected.</summary>
    [JsonPropertyName("orders_rejected")] public int OrdersRejected { get; set; }
    /// <summary>Risk-gate denials by reason code.</summary>
    [JsonPropertyName("orders_denied")] public SortedDictionary<string, int> OrdersDenied { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Fills applied.</summary>
    [JsonPropertyName("fills")] public int Fills { get; set; }
    /// <summary>Traded notional, USD.</summary>
    [JsonPropertyName("volume")] public decimal Volume { get; set; }
    /// <summary>Realized P&amp;L, USD.</summary>
    [JsonPropertyName("realized_pnl")] public decimal RealizedPnl { get; set; }
    /// <summary>Unrealized P&amp;L at the last marks, USD.</summary>
    [JsonPropertyName("unrealized_pnl")] public decimal UnrealizedPnl { get; set; }
    /// <summary>Fees paid, USD (fees taken in shares valued at their fill price).</summary>
    [JsonPropertyName("fees")] public decimal Fees { get; set; }
    /// <summary>Maker rebates earned, USD.</summary>
    [JsonPropertyName("rebates")] public decimal Rebates { get; set; }
    /// <summary>Funding of perpetual positions, USD: positive received, negative paid (its own line; 0 without perpetuals).</summary>
    [JsonPropertyName("funding")] public decimal Funding { get; set; }
    /// <summary>Realized + unrealized − fees + rebates + funding, USD.</summary>
    [JsonPropertyName("net_pnl")] public decimal NetPnl { get; set; }
    /// <summary>Cash plus positions at their marks, USD.</summary>
    [JsonPropertyName("equity")] public decimal Equity { get; set; }
    /// <summary>Equity with complete sets valued at 1 (what merging them would pay).</summary>
    [JsonPropertyName("equity_sets_at_1")] public decimal EquitySetsAtOne { get; set; }
    /// <summary>The market maker's own liquidity-reward score estimate.</summary>
    [JsonPropertyName("reward_score")] public double RewardScore { get; set; }
    /// <summary>`live` on reward markets: per market (condition id) the share of scoring checks at which our resting quotes scored; absent otherwise.</summary>
    [JsonPropertyName("reward_scoring_share")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? RewardScoringShare { get; set; }

    /// <summary>The scoring line of the text summary (null: none).</summary>
    [JsonIgnore] public string? RewardScoringLine { get; set; }

    /// <summary>Largest |net inventory| of any market, shares.</summary>
    [JsonPropertyName("max_abs_inventory")] public decimal MaxAbsInventory { get; set; }
    /// <summary>Time-averaged |net inventory|, shares.</summary>
    [JsonPropertyName("mean_abs_inventory")] public decimal MeanAbsInventory { get; set; }
    /// <summary>Mean markout of fills one second later, bps (positive = good for us).</summary>
    [JsonPropertyName("markout_1s")] public double Markout1s { get; set; }
    /// <summary>`paper --scenario`: median markout of our fills 10 s later, ticks (issue 15 T2); absent otherwise.</summary>
    [JsonPropertyName("fill_markout_10s_median_ticks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FillMarkout10sMedianTicks { get; set; }
    /// <summary>`paper --scenario`: mean markout of our fills 60 s later, ticks (T2); absent otherwise.</summary>
    [JsonPropertyName("fill_markout_60s_mean_ticks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FillMarkout60sMeanTicks { get; set; }
    /// <summary>`paper --scenario`: share of our fills with a negative markout 10 s later (T3); absent otherwise.</summary>
    [JsonPropertyName("fill_adverse_10s_share")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FillAdverse10sShare { get; set; }
    /// <summary>WARNING alerts raised.</summary>
    [JsonPropertyName("alerts_warning")] public int AlertsWarning { get; set; }
    /// <summary>CRITICAL alerts raised.</summary>
    [JsonPropertyName("alerts_critical")] public int AlertsCritical { get; set; }
    /// <summary>Orders still open at exit (must be 0).</summary>
    [JsonPropertyName("open_orders_at_exit")] public int OpenOrdersAtExit { get; set; }
    /// <summary>
    /// Instruments whose position differed from the venue's in the reconciliation run after the last order closed (must
    /// be 0); null when that reconciliation did not complete within the shutdown grace.
    /// </summary>
    [JsonPropertyName("position_mismatches_at_exit")] public int? PositionMismatchesAtExit { get; set; }
    /// <summary>Orders the venue accepted that were sent while HALTED (must be 0).</summary>
    [JsonPropertyName("orders_accepted_while_halted")] public int OrdersAcceptedWhileHalted { get; set; }
    /// <summary>ACTIVE, REDUCING or HALTED at exit.</summary>
    [JsonPropertyName("trading_state_at_exit")] public string TradingStateAtExit { get; set; } = "";
    /// <summary>Arbitrage opportunities seen.</summary>
    [JsonPropertyName("arb_opportunities")] public long ArbOpportunities { get; set; }
    /// <summary>Baskets sent.</summary>
    [JsonPropertyName("arb_attempts")] public long ArbAttempts { get; set; }
    /// <summary>Baskets filled on every leg.</summary>
    [JsonPropertyName("arb_successes")] public long ArbSuccesses { get; set; }
    /// <summary>Baskets unwound after a partial fill.</summary>
    [JsonPropertyName("arb_unwinds")] public long ArbUnwinds { get; set; }
    /// <summary>Baskets where no leg filled.</summary>
    [JsonPropertyName("arb_misses")] public long ArbMisses { get; set; }
    /// <summary>Evaluations held back until a leg's book showed an update after our own fill (the own-fill echo).</summary>
    [JsonPropertyName("arb_echo_waits")] public long ArbEchoWaits { get; set; }
    /// <summary>Entry legs that ended short of their size (the measured leg-kill rate's numerator).</summary>
    [JsonPropertyName("arb_entry_legs_killed")] public long ArbEntryLegsKilled { get; set; }
    /// <summary>Arbitrage P&amp;L, USD.</summary>
    [JsonPropertyName("arb_pnl")] public decimal ArbPnl { get; set; }
    /// <summary>Basket legs left unhedged at exit (must be 0).</summary>
    [JsonPropertyName("unhedged_legs_at_exit")] public int UnhedgedLegsAtExit { get; set; }
    /// <summary>Path of the journal.</summary>
    [JsonPropertyName("journal")] public string Journal { get; set; } = "";
    /// <summary>Why the run ended (completed, signal, fault…).</summary>
    [JsonPropertyName("exit_reason")] public string ExitReason { get; set; } = "";
    /// <summary>The fault that failed the engine closed, if any.</summary>
    [JsonPropertyName("fault")] public string? Fault { get; set; }
    /// <summary>The process exit code.</summary>
    [JsonPropertyName("exit_code")] public int ExitCode { get; set; }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The JSON form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    /// <summary>A short human-readable block for the terminal.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        string denied = OrdersDenied.Count == 0 ? "none" : string.Join(", ", OrdersDenied.Select(kv => $"{kv.Key} {kv.Value}"));
        return string.Create(c, $"""
            ── {Mode} summary ──────────────────────────────{(Simulation is null ? "" : Environment.NewLine + "simulation: " + Simulation)}
            simulated {SimSeconds:0.#} s in {WallSeconds:0.##} s wall (×{SimWallRatio:0.#}), {EventsProcessed} events, peak {PeakMemoryMb:0} MB
            orders: {OrdersSubmitted} submitted, {OrdersCancelled} cancelled, {OrdersRejected} rejected; denied: {denied}
            fills: {Fills}, volume ${Volume:0.00}
            P&L: realized {RealizedPnl:0.0000}, unrealized {UnrealizedPnl:0.0000}, fees {Fees:0.0000}, rebates {Rebates:0.0000}, funding {Funding:0.0000}, net {NetPnl:0.0000}
            inventory: max |q| {MaxAbsInventory:0.##}, mean |q| {MeanAbsInventory:0.##}; reward score {RewardScore:0.##}; markout 1s {Markout1s:0.##} bps{(RewardScoringLine is null ? "" : Environment.NewLine + RewardScoringLine)}
            arbitrage: {ArbOpportunities} opportunities, {ArbAttempts} attempts, {ArbSuccesses} successes, {ArbUnwinds} unwinds, pnl {ArbPnl:0.0000}
            alerts: {AlertsWarning} warning, {AlertsCritical} critical; state at exit {TradingStateAtExit}
            invariants: open orders at exit {OpenOrdersAtExit}, position mismatches at exit {(PositionMismatchesAtExit is { } pm ? pm.ToString(c) : "not checked")}, accepted while halted {OrdersAcceptedWhileHalted}, unhedged legs {UnhedgedLegsAtExit}
            journal: {Journal}
            exit: {ExitReason}{(Fault is null ? "" : " — " + Fault)}
            """);
    }
}
