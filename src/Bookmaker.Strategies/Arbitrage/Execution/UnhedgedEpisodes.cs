using System.Globalization;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// The <c>arb_unhedged</c> alert of a market, one per episode: WARNING when a basket is still unhedged at its unwind
/// deadline, CRITICAL (and a request for REDUCING) at the give-up deadline, cleared when no basket of the market that
/// raised it is unhedged any more — and the market then quarantined for <see cref="BasketExecutorOptions.UnhedgedQuarantine"/>.
/// </summary>
internal sealed class UnhedgedEpisodes(IStrategyContext ctx, BasketExecutorOptions options, BasketRegistry registry, BasketJournal journal)
{
    // Markets whose last episode went past the unwind deadline: no new basket until this time (UTC ticks).
    private readonly Dictionary<string, long> _quarantinedUntil = new(StringComparer.Ordinal);

    /// <summary>True while no new basket may be opened on <paramref name="basketId"/> after an unhedged episode.</summary>
    public bool IsQuarantined(string basketId) =>
        _quarantinedUntil.Count > 0 && _quarantinedUntil.TryGetValue(basketId, out long until) && ctx.Time.GetUtcNow().UtcTicks < until;

    /// <summary>Raises (or refreshes) the market's alert for <paramref name="run"/>.</summary>
    public void Raise(BasketRun run, AlertSeverity severity, string why, long now)
    {
        // One alert per market episode: a repeat at the same severity only refreshes it (the alert center does not
        // publish it again); it is cleared when the last alerted basket of the market is hedged.
        run.Alerted = true;
        double seconds = TimeSpan.FromTicks(now - run.DetectedTicks).TotalSeconds;
        ctx.Alert(BasketExecutor.AlertUnhedged, severity, string.Create(CultureInfo.InvariantCulture,
            $"{run.Id} ({run.Basket.Id}): {run.UnhedgedLegs} leg(s) unhedged {seconds:0.#}s after detection, {why}; still trying"), run.Basket.Id);
    }

    /// <summary>The give-up deadline passed with the basket unhedged: CRITICAL, and REDUCING asked for.</summary>
    public void GiveUp(BasketRun run, long now)
    {
        // Repairing within the loss and slippage caps has failed for GiveUpTimeout: the position is now a directional
        // bet nobody chose. Stop adding risk anywhere until an operator has looked, and keep unwinding (reduce-only
        // orders pass while REDUCING).
        bool reducing = ctx.RequestReducing("arb_unhedged");
        Raise(run, AlertSeverity.Critical, reducing ? "gave up repairing within limits: engine REDUCING until an operator resumes" : "gave up repairing within limits", now);
        journal.GiveUp(run, reducing);
    }

    /// <summary>A basket that held the alert up is hedged: quarantine its market, and clear the alert if it was the last.</summary>
    public void End(BasketRun run, long now)
    {
        run.Alerted = false;
        // The market stays out of bounds for a while: the legging that kept it unhedged is likely to come back.
        if (options.UnhedgedQuarantine > TimeSpan.Zero) _quarantinedUntil[run.Basket.Id] = now + options.UnhedgedQuarantine.Ticks;
        if (registry.AnyAlertedInFlight(run.Basket.Id)) return;
        ctx.ClearAlert(BasketExecutor.AlertUnhedged, run.Basket.Id);
        journal.HedgedAgain(run, options.UnhedgedQuarantine);
    }
}
