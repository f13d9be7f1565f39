using System.Text.Json;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// The arbitrage figures of a run for the paper summary JSON: counts, realised P&amp;L, legs still unhedged at exit and
/// the detection → last-leg-ack latency percentiles (microseconds).
/// </summary>
/// <param name="Opportunities">Opportunities the scanner reported.</param>
/// <param name="Attempts">Baskets sent.</param>
/// <param name="Successes">Baskets that ended as complete sets.</param>
/// <param name="Unwinds">Baskets that were (partly) unwound.</param>
/// <param name="Misses">Baskets where nothing filled.</param>
/// <param name="Pnl">Σ profit of successes − Σ loss of unwinds and misses.</param>
/// <param name="ProfitPerSuccess">Mean profit per success.</param>
/// <param name="LossPerFailure">Mean loss per unwind or miss.</param>
/// <param name="UnhedgedLegsAtExit">Legs holding more than their basket's complete sets when the report was taken.</param>
/// <param name="Latency">Detection → last ack, in clock ticks (100 ns).</param>
/// <param name="EchoWaits">Evaluations held back because a leg's book had not shown an update after our own fill.</param>
/// <param name="EntryLegs">Entry legs that reached a final state.</param>
/// <param name="EntryLegsKilled">Of those, legs that ended short of their size.</param>
public sealed record ArbReport(
    long Opportunities,
    long Attempts,
    long Successes,
    long Unwinds,
    long Misses,
    Money Pnl,
    Money ProfitPerSuccess,
    Money LossPerFailure,
    int UnhedgedLegsAtExit,
    LatencySummary Latency,
    long EchoWaits = 0,
    long EntryLegs = 0,
    long EntryLegsKilled = 0)
{
    /// <summary>Σ expected profit of the successes (realised: <see cref="ArbMetrics.TotalProfit"/>, <see cref="SuccessPnl"/>).</summary>
    public Money SuccessExpected { get; init; }

    /// <summary>Σ realised P&amp;L of the successes.</summary>
    public Money SuccessPnl { get; init; }

    /// <summary>Σ expected profit of the unwound baskets.</summary>
    public Money UnwoundExpected { get; init; }

    /// <summary>Σ realised P&amp;L of the unwound baskets (negative = their cost).</summary>
    public Money UnwoundPnl { get; init; }

    /// <summary>Σ expected profit of the missed baskets.</summary>
    public Money MissedExpected { get; init; }

    /// <summary>Σ realised P&amp;L of the missed baskets.</summary>
    public Money MissedPnl { get; init; }

    /// <summary>Takes the figures of <paramref name="metrics"/>.</summary>
    public static ArbReport From(ArbMetrics metrics, int unhedgedLegs)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new ArbReport(metrics.Opportunities, metrics.Attempts, metrics.Successes, metrics.Unwinds, metrics.Misses,
            metrics.TotalProfit - metrics.TotalLoss, metrics.ProfitPerSuccess, metrics.LossPerFailure, unhedgedLegs, metrics.Latency(),
            metrics.EchoWaits, metrics.EntryLegs, metrics.EntryLegsKilled)
        {
            SuccessExpected = metrics.SuccessExpected,
            SuccessPnl = metrics.TotalProfit,
            UnwoundExpected = metrics.UnwoundExpected,
            UnwoundPnl = metrics.UnwoundPnl,
            MissedExpected = metrics.MissedExpected,
            MissedPnl = metrics.MissedPnl,
        };
    }

    /// <summary>
    /// Writes the summary properties into the current JSON object: <c>arb_opportunities</c>, <c>arb_attempts</c>,
    /// <c>arb_successes</c>, <c>arb_unwinds</c>, <c>arb_misses</c>, <c>arb_pnl</c> (exact decimal string),
    /// <c>arb_profit_per_success</c>, <c>arb_loss_per_failure</c>, <c>unhedged_legs_at_exit</c> and
    /// <c>arb_latency_us</c> {count, p50, p90, p99, max}, <c>arb_echo_waits</c>, <c>arb_entry_legs</c> and
    /// <c>arb_entry_legs_killed</c>.
    /// </summary>
    public void WriteProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("arb_opportunities", Opportunities);
        writer.WriteNumber("arb_attempts", Attempts);
        writer.WriteNumber("arb_successes", Successes);
        writer.WriteNumber("arb_unwinds", Unwinds);
        writer.WriteNumber("arb_misses", Misses);
        writer.WriteString("arb_pnl", Pnl.ToString());
        writer.WriteString("arb_profit_per_success", ProfitPerSuccess.ToString());
        writer.WriteString("arb_loss_per_failure", LossPerFailure.ToString());
        writer.WriteNumber("unhedged_legs_at_exit", UnhedgedLegsAtExit);
        writer.WriteStartObject("arb_latency_us");
        writer.WriteNumber("count", Latency.Count);
        writer.WriteNumber("p50", Latency.P50 / 10.0);
        writer.WriteNumber("p90", Latency.P90 / 10.0);
        writer.WriteNumber("p99", Latency.P99 / 10.0);
        writer.WriteNumber("max", Latency.Max / 10.0);
        writer.WriteEndObject();
        writer.WriteNumber("arb_echo_waits", EchoWaits);
        writer.WriteNumber("arb_entry_legs", EntryLegs);
        writer.WriteNumber("arb_entry_legs_killed", EntryLegsKilled);
    }

    /// <summary>The report as a standalone JSON object.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteProperties(w);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
