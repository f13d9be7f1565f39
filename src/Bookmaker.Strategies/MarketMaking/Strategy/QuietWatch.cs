using System.Globalization;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// Nothing stops silently: a market with no quote of ours resting for <see cref="MarketMakerOptions.QuietAlertAfter"/>
/// raises <see cref="MarketMakerStrategy.NotQuotingAlert"/> naming the market, why (its active protections, a stale
/// local book, denials, or no quote fitting) and its inventory; the alert clears when the market quotes again. Time
/// HALTED or in a markout pause does not count: those raise their own alerts. Allocates only when the alert is raised
/// or cleared.
/// </summary>
internal sealed class QuietWatch(IStrategyContext ctx, MarketMakerOptions options, MarketInventory inventory)
{
    /// <summary>Checks one market at <paramref name="now"/> (the housekeeping tick).</summary>
    public void Check(MarketState m, long now, TradingState state)
    {
        bool quoting = m.HasQuote();
        if (quoting && m.QuietAlerted)
        {
            m.QuietAlerted = false;
            ctx.ClearAlert(MarketMakerStrategy.NotQuotingAlert, m.Quoted.Id.Symbol);
        }

        if (quoting || state == TradingState.Halted || (m.Active & ActiveProtections.MarkoutPause) != 0)
        {
            m.QuotingTicks = now;
            m.DenialsWhenQuoting = m.Denials;
            return;
        }

        if (m.QuietAlerted || now - m.QuotingTicks < options.QuietAlertAfter.Ticks) return;
        m.QuietAlerted = true;
        long seconds = (now - m.QuotingTicks) / TimeSpan.TicksPerSecond;
        ctx.Alert(MarketMakerStrategy.NotQuotingAlert, Engine.Alerts.AlertSeverity.Warning,
            string.Create(CultureInfo.InvariantCulture, $"{m.Quoted.Id}: no quote for {seconds} s: {Reason(m)}; inventory {inventory.NetDelta(m)}"),
            m.Quoted.Id.Symbol);
    }

    /// <summary>Why a market is not quoting, as far as the strategy can tell.</summary>
    private string Reason(MarketState m)
    {
        var reasons = new List<string>(3);
        if (m.Active != ActiveProtections.None) reasons.Add("protections " + m.Active);
        if (ctx.Book(m.Quoted).IsStale) reasons.Add("local book stale, awaiting a snapshot");
        if (m.Denials > m.DenialsWhenQuoting) reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{m.Denials - m.DenialsWhenQuoting} orders denied, last {m.LastDenial}"));
        if (reasons.Count == 0) reasons.Add("no quote fits (cash, tokens, inventory room or price bounds)");
        return string.Join("; ", reasons);
    }
}
