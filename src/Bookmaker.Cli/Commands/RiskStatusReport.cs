using System.Text;
using System.Text.Json;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Commands;

/// <summary>What <c>bookmaker risk status</c> prints: state, limits, usage and open alerts, read from a journal.</summary>
internal sealed class RiskStatusReport
{
    public string State { get; private set; } = "UNKNOWN";

    public string StateReason { get; private set; } = "";

    public bool KillSwitchEngaged { get; private set; }

    public string JournalPath { get; private set; } = "";

    public bool JournalFound { get; private set; }

    public Dictionary<string, string> Limits { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Usage { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Denials { get; } = new(StringComparer.Ordinal);

    public List<(string Severity, string Code, string Key, string Message)> OpenAlerts { get; } = [];

    public List<string> LastOperatorCommands { get; } = [];

    /// <summary>running, not_running or not_responding.</summary>
    public string Engine { get; private set; } = "not_running";

    /// <summary>One line about the engine process.</summary>
    public string EngineLine { get; private set; } = "";

    /// <summary>For a stopped engine: the state the next start comes up in.</summary>
    public string NextStart { get; private set; } = "";

    /// <summary>Where <see cref="Limits"/> come from.</summary>
    public string LimitsSource { get; private set; } = "";

    /// <summary>How the last run recorded in the journal ended.</summary>
    public string LastRun { get; private set; } = "";

    /// <summary>The note a run journals at its start with the limits it trades under.</summary>
    public const string RiskLimitsNote = "risk_limits";

    /// <summary>The limits journaled and shown, in order.</summary>
    public static readonly string[] LimitKeys =
    [
        "daily_loss_limit", "daily_loss_warn_fraction", "max_order_size", "max_order_notional", "max_position_per_instrument",
        "max_directional_exposure", "max_open_orders", "max_orders_per_day", "min_bankroll", "consecutive_loss_limit", "loss_cooldown",
    ];

    /// <summary>The journaled form of <paramref name="limits"/>.</summary>
    public static IEnumerable<(string Key, string Value)> LimitsOf(Engine.Risk.RiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        yield return ("daily_loss_limit", limits.DailyLossLimit.ToString());
        yield return ("daily_loss_warn_fraction", limits.DailyLossWarnFraction.ToString(c));
        yield return ("max_order_size", limits.MaxOrderSize.ToString());
        yield return ("max_order_notional", limits.MaxOrderNotional.ToString());
        yield return ("max_position_per_instrument", limits.MaxPositionPerInstrument.ToString());
        yield return ("max_directional_exposure", limits.MaxDirectionalExposure.ToString());
        yield return ("max_open_orders", limits.MaxOpenOrders.ToString(c));
        yield return ("max_orders_per_day", limits.MaxOrdersPerDay.ToString(c));
        yield return ("min_bankroll", limits.MinBankroll.ToString());
        yield return ("consecutive_loss_limit", limits.ConsecutiveLossLimit.ToString(c));
        yield return ("loss_cooldown", DurationParser.Format(limits.LossCooldown));
    }

    public static RiskStatusReport Build(BookmakerOptions options, EngineTarget target, string killSwitchPath, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        string journalPath = target.JournalPath;
        var r = new RiskStatusReport { JournalPath = journalPath, KillSwitchEngaged = File.Exists(killSwitchPath) };
        r.Engine = target.Liveness switch { EngineLiveness.Running => "running", EngineLiveness.NotResponding => "not_responding", _ => "not_running" };
        r.EngineLine = target.Describe(now);
        // The limits in force are those the engine journaled when its run started; this command's configuration only
        // stands in (and says so) when no run recorded any.
        foreach (var (k, v) in LimitsOf(RiskLimitsFromConfig.Map(options.Risk))) r.Limits[k] = v;
        r.LimitsSource = "this command's configuration (no run recorded its limits)";
        r.Limits["kill_switch_file"] = killSwitchPath;
        if (!File.Exists(journalPath))
        {
            r.Live(target, null, now);
            return r;
        }

        r.JournalFound = true;
        using var reader = JournalReader.Open(journalPath);
        var alerts = new Dictionary<(string, string), (string Severity, string Message, bool Active)>();
        foreach (var rec in reader.ReadAll())
        {
            var e = rec.Entry;
            switch (e.Kind)
            {
                case JournalKind.TradingState:
                    r.State = Field(e.Payload, "text");
                    r.StateReason = Field(e.Payload, "reason");
                    break;
                case JournalKind.RiskDenied:
                    string code = Field(e.Payload, "text");
                    r.Denials[code] = r.Denials.TryGetValue(code, out int n) ? n + 1 : 1;
                    break;
                case JournalKind.Alert:
                    alerts[(Field(e.Payload, "code"), Field(e.Payload, "key"))] = (Field(e.Payload, "severity"), Field(e.Payload, "text"), Field(e.Payload, "active") == "true");
                    break;
                case JournalKind.PnlSnapshot:
                    foreach (var k in new[] { "cash", "equity", "realized", "unrealized", "fees", "rebates", "daily" }) r.Usage[k] = Field(e.Payload, k);
                    // Funding is journaled only by accounts that have been funded (perpetuals).
                    if (Field(e.Payload, "funding") is { Length: > 0 } funding) r.Usage["funding"] = funding;
                    if (r.State == "UNKNOWN") r.State = Field(e.Payload, "state");
                    break;
                case JournalKind.Note when Field(e.Payload, "text") == RiskLimitsNote:
                    foreach (var k in LimitKeys)
                        if (Field(e.Payload, k) is { Length: > 0 } value) r.Limits[k] = value;
                    r.LimitsSource = $"journaled by the run that started {new DateTimeOffset(e.TimeTicks, TimeSpan.Zero):u}";
                    break;
                case JournalKind.OperatorCommand:
                    string why = Field(e.Payload, "reason");
                    r.LastOperatorCommands.Add($"{new DateTimeOffset(e.TimeTicks, TimeSpan.Zero):O} {Field(e.Payload, "text")} by {Field(e.Payload, "actor")}" +
                        (why.Length > 0 ? $" ({why})" : ""));
                    if (r.LastOperatorCommands.Count > 5) r.LastOperatorCommands.RemoveAt(0);
                    break;
            }
        }

        foreach (var ((code, key), a) in alerts)
            if (a.Active) r.OpenAlerts.Add((a.Severity, code, key, a.Message));
        r.Live(target, reader, now);
        // A gain uses none of the limit: the loss used is max(0, −daily P&L), against the limit the run had.
        if (r.Usage.TryGetValue("daily", out var daily) && decimal.TryParse(daily, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out decimal d))
        {
            r.Usage.Remove("daily");
            r.Usage["daily_pnl"] = daily;
            r.Usage["daily_loss_used"] = $"{Math.Max(0m, -d).ToString(System.Globalization.CultureInfo.InvariantCulture)} of {r.Limits.GetValueOrDefault("daily_loss_limit", "?")}";
        }

        r.LastRun = Running.LastRun.Read(reader, uint.MaxValue)?.Describe() ?? "";
        return r;
    }

    // The state line never repeats a journaled ACTIVE for an engine that is not running or not answering: a running
    // engine's state comes from its own fresh status; otherwise the line says it is not trading and how it would start.
    private void Live(EngineTarget target, JournalReader? reader, DateTimeOffset now)
    {
        switch (target.Liveness)
        {
            case EngineLiveness.Running:
                State = target.Status!.State;
                if (State is "STALLED" or "DEAD") StateReason = "the event loop is not making progress; the engine is failing closed";
                break;
            case EngineLiveness.NotResponding:
                State = "UNKNOWN";
                StateReason = $"the engine (pid {target.HolderPid}) has not reported for {(target.StatusAge(now) ?? TimeSpan.Zero).TotalSeconds:0} s";
                break;
            default:
                var halts = reader is null ? Bookmaker.Engine.Hosting.PersistedHalts.None : Running.StartupHalts.Read(JournalPath);
                NextStart = KillSwitchEngaged ? "HALTED (kill switch engaged)"
                    : halts.Breached ? "HALTED (daily-loss breach not reset)"
                    : halts.HaltReason is { } h ? $"HALTED ({h})" : "ACTIVE";
                State = "NOT RUNNING";
                StateReason = "next start: " + NextStart;
                break;
        }
    }

    private static string Field(string payload, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) ? v.ToString() : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append("engine: ").AppendLine(EngineLine);
        string state = KillSwitchEngaged && Engine == "running" ? State + " (kill switch engaged)" : State;
        sb.Append("state: ").Append(state);
        if (StateReason.Length > 0) sb.Append(" (").Append(StateReason).Append(')');
        sb.AppendLine();
        sb.Append("journal: ").AppendLine(JournalFound ? JournalPath : JournalPath + " (not found: no run recorded yet)");
        if (LastRun.Length > 0) sb.Append("last run: ").AppendLine(LastRun);
        sb.Append("limits (").Append(LimitsSource).AppendLine("):");
        foreach (var (k, v) in Limits) sb.Append("  ").Append(k).Append(": ").AppendLine(v);
        sb.AppendLine("usage:");
        if (Usage.Count == 0) sb.AppendLine("  (no P&L snapshot yet)");
        foreach (var (k, v) in Usage) sb.Append("  ").Append(k).Append(": ").AppendLine(v);
        sb.AppendLine("denials:");
        if (Denials.Count == 0) sb.AppendLine("  none");
        foreach (var (k, v) in Denials.OrderByDescending(d => d.Value)) sb.Append("  ").Append(k).Append(": ").Append(v).AppendLine();
        sb.AppendLine("open alerts:");
        if (OpenAlerts.Count == 0) sb.AppendLine("  none");
        foreach (var a in OpenAlerts) sb.Append("  ").Append(a.Severity).Append(' ').Append(a.Code).Append(a.Key.Length > 0 ? "[" + a.Key + "]" : "").Append(": ").AppendLine(a.Message);
        if (LastOperatorCommands.Count > 0)
        {
            sb.AppendLine("operator actions:");
            foreach (var c in LastOperatorCommands) sb.Append("  ").AppendLine(c);
        }

        return sb.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["engine"] = Engine,
        ["engine_detail"] = EngineLine,
        ["state"] = State,
        ["state_reason"] = StateReason,
        ["next_start"] = NextStart,
        ["last_run"] = LastRun,
        ["limits_source"] = LimitsSource,
        ["kill_switch_engaged"] = KillSwitchEngaged,
        ["journal"] = JournalPath,
        ["limits"] = Limits,
        ["usage"] = Usage,
        ["denials"] = Denials,
        ["open_alerts"] = OpenAlerts.Select(a => new Dictionary<string, string> { ["severity"] = a.Severity, ["code"] = a.Code, ["key"] = a.Key, ["message"] = a.Message }).ToList(),
    }, Indented) + Environment.NewLine;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
