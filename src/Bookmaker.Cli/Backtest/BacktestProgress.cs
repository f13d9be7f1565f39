using System.Globalization;
using Bookmaker.Engine.Kernel;
using Bookmaker.Venues.Simulated.ReplayVenue;

namespace Bookmaker.Cli.Backtest;

/// <summary>One plain progress line about every second of wall time: simulated time, messages, events, fills, P&amp;L.</summary>
internal sealed class BacktestProgress(TextWriter output, TradingEngine engine, ReplayVenue venue, TimeProvider clock)
{
    public bool Tick()
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backtest: at {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss} — {venue.MessagesReplayed} messages, {engine.Loop.ProcessedCount} events, {engine.Orders.Stats.Fills} fills, net P&L {engine.Portfolio.NetPnl}"));
        return true;
    }
}
