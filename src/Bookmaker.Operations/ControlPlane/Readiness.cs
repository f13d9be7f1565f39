using System.Globalization;
using System.Text.Json.Serialization;
using Bookmaker.Engine.Kernel;
using Bookmaker.Operations.Snapshots;

namespace Bookmaker.Operations.ControlPlane;

/// <summary>One component of <c>/readyz</c>.</summary>
/// <param name="Name">loop, journal, venue:&lt;name&gt;, market_data:&lt;name&gt;, clock, risk, kill_switch.</param>
/// <param name="Status">ok, stale, down, unknown, halted, engaged…</param>
/// <param name="Critical">True when this component not being ok makes the engine not ready.</param>
/// <param name="Detail">Figures behind the status.</param>
public sealed record ReadinessComponent(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("critical")] bool Critical,
    [property: JsonPropertyName("detail")] IReadOnlyDictionary<string, object?> Detail)
{
    /// <summary>True when the component is fine.</summary>
    [JsonIgnore]
    public bool Ok => Status == "ok";
}

/// <summary>
/// Judges readiness from the loop's last snapshot and the loop's own thread-safe flags. Fail closed: no snapshot, a
/// snapshot too old, a market never heard from — each is "unknown" or "stale", never ok.
/// </summary>
internal static class Readiness
{
    public static (bool Healthy, string Status, double? AgeSeconds) Liveness(TradingEngine engine, EngineSnapshot? snapshot, DateTimeOffset wallNow, TimeSpan staleAfter)
    {
        string display = engine.DisplayState;
        double? age = snapshot is null ? null : Math.Max(0, (wallNow - snapshot.WallTime).TotalSeconds);
        if (display is "DEAD" or "STALLED" or "STOPPED") return (false, display.ToLowerInvariant(), age);
        if (engine.Fault is not null) return (false, "failed_closed", age);
        if (snapshot is null) return (false, "unknown", age);
        if (age > staleAfter.TotalSeconds) return (false, "stalled", age);
        return (true, "ok", age);
    }

    public static IReadOnlyList<ReadinessComponent> Components(TradingEngine engine, EngineSnapshot? s, DateTimeOffset wallNow, ControlPlaneOptions options)
    {
        var list = new List<ReadinessComponent>();
        var (alive, status, age) = Liveness(engine, s, wallNow, options.StaleAfter);
        list.Add(new("loop", alive ? "ok" : status, true, new Dictionary<string, object?>
        {
            ["state"] = engine.DisplayState,
            ["last_tick_age_seconds"] = age,
            ["last_tick"] = s?.WallTime,
            ["lag_seconds"] = s?.LoopLagSeconds,
        }));
        if (s is null)
        {
            // Nothing published yet: every component is unknown, and unknown is never ready.
            foreach (string name in new[] { "journal", "venues", "clock", "risk", "kill_switch" })
                list.Add(new(name, "unknown", true, new Dictionary<string, object?>()));
            return list;
        }

        list.Add(new("journal", !s.Journal.Writable ? "down" : s.Journal.Backlog > options.MaxJournalBacklog ? "lagging" : "ok", true,
            new Dictionary<string, object?> { ["writable"] = s.Journal.Writable, ["backlog"] = s.Journal.Backlog, ["fault"] = s.Journal.Fault }));
        foreach (var v in s.Venues)
        {
            list.Add(new("venue:" + v.Venue, v.SessionLost ? "session_lost" : v.Live ? "ok" : "down", true,
                new Dictionary<string, object?> { ["mode"] = v.Mode, ["user_stream"] = v.SessionLost ? "lost" : "ok" }));
            list.Add(MarketData(v, options.FeedStaleAfter));
        }

        list.Add(Clock(s, options));
        list.Add(new("risk", s.State == "ACTIVE" ? "ok" : s.State.ToLowerInvariant(), false, new Dictionary<string, object?>
        {
            ["state"] = s.State,
            ["breached"] = s.Breached,
            ["daily_pnl"] = s.DailyPnl,
            ["daily_loss_used_ratio"] = s.DailyLossUsedRatio,
        }));
        list.Add(new("kill_switch", s.KillSwitchEngaged ? "engaged" : "ok", false, new Dictionary<string, object?> { ["engaged"] = s.KillSwitchEngaged }));
        return list;
    }

    private static ReadinessComponent MarketData(VenueHealth v, TimeSpan staleAfter)
    {
        var ages = new Dictionary<string, object?>(StringComparer.Ordinal);
        bool unknown = v.Markets.Count == 0, stale = false;
        foreach (var m in v.Markets)
        {
            ages[m.Market] = m.AgeSeconds is { } a ? Math.Round(a, 3) : null;
            if (m.AgeSeconds is null) unknown = true;
            else if (m.Stale || m.AgeSeconds > staleAfter.TotalSeconds) stale = true;
        }

        return new("market_data:" + v.Venue, stale ? "stale" : unknown ? "unknown" : "ok", true,
            new Dictionary<string, object?> { ["age_seconds"] = ages, ["stale_after_seconds"] = staleAfter.TotalSeconds });
    }

    private static ReadinessComponent Clock(EngineSnapshot s, ControlPlaneOptions options)
    {
        if (options.SimulatedClock)
            return new("clock", "ok", false, new Dictionary<string, object?> { ["clock"] = "simulated", ["engine_time"] = s.EngineTime });
        double skew = (s.EngineTime - s.WallTime).TotalSeconds;
        bool ok = Math.Abs(skew) <= options.MaxClockSkew.TotalSeconds;
        return new("clock", ok ? "ok" : "skewed", true, new Dictionary<string, object?>
        {
            ["skew_seconds"] = Math.Round(skew, 3),
            ["max_skew_seconds"] = options.MaxClockSkew.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        });
    }
}
