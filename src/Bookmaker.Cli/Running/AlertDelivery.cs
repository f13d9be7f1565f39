using Bookmaker.Engine.Configuration;
using Bookmaker.Operations.Alerts;

namespace Bookmaker.Cli.Running;

/// <summary>Starts the configured alert sinks (<c>Alerts:Sinks:&lt;name&gt;:*</c>) of a trading session.</summary>
internal static class AlertDelivery
{
    /// <summary>The dispatcher, or null when no sink is configured.</summary>
    public static AlertDispatcher? Start(TradingSession session, BookmakerOptions options, HttpClient http)
    {
        if (options.Alerts.Sinks.Count == 0) return null;
        var policy = AlertSinkPolicy.Default(options.Alerts.MaxPerMinute);
        var sinks = options.Alerts.Sinks.Select(s => new AlertSink(s, policy, http, TimeProvider.System)).ToArray();
        return new AlertDispatcher(session.Host.Engine.Alerts, session.Host.Loop.Post, sinks, Environment.MachineName.ToLowerInvariant() + "/" + session.Mode);
    }
}
