using System.Globalization;
using System.Text;
using Bookmaker.Venues.Simulated.Latency;

namespace Bookmaker.Venues.Simulated.Faults;

/// <summary>
/// The faults a simulated venue injects, from one spec string (CLI <c>--faults</c>): comma-separated tokens
/// <c>&lt;endpoint&gt;.&lt;fault&gt;=&lt;probability&gt;[:&lt;param&gt;]</c>, e.g.
/// <c>cancel_all.error=0.5,order.timeout=0.05,feed.drop=0.01,order.restart=0.01:30s</c>. The probability is per request
/// (request endpoints) or per message (streams); the faults of one endpoint are mutually exclusive, so their
/// probabilities must sum to at most 1. Parameters are optional and default as listed in <see cref="HelpText"/>.
/// <see cref="ToString"/> writes the canonical form (sorted, every parameter explicit), which parses back to the same spec.
/// </summary>
public sealed class FaultSpec
{
    private static readonly string[] EndpointNames =
        ["order", "batch", "cancel", "cancel_all", "cancel_market", "query", "heartbeat", "feed", "user_feed"];

    private static readonly string[] FaultNames =
        ["none", "error", "restart", "ratelimit", "cancel_only", "timeout", "late", "partial", "drop", "duplicate", "reorder", "stale", "disconnect"];

    private readonly FaultRule[] _rules;

    private FaultSpec(FaultRule[] rules) => _rules = rules;

    /// <summary>No faults.</summary>
    public static FaultSpec None { get; } = new([]);

    /// <summary>The rules in canonical order (endpoint, then fault).</summary>
    public IReadOnlyList<FaultRule> Rules => _rules;

    /// <summary>True when nothing is injected.</summary>
    public bool IsEmpty => _rules.Length == 0;

    /// <summary>
    /// Parses a spec; an empty or blank spec means no faults. Throws <see cref="FaultSpecException"/> naming the token.
    /// </summary>
    public static FaultSpec Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return None;
        var rules = new List<FaultRule>();
        foreach (string rawToken in spec.Split(','))
        {
            string token = rawToken.Trim();
            if (token.Length == 0) throw new FaultSpecException(rawToken, "empty token (stray comma?)");
            var rule = ParseToken(token);
            if (rules.Any(r => r.Endpoint == rule.Endpoint && r.Decision.Kind == rule.Decision.Kind))
                throw new FaultSpecException(token, $"'{EndpointName(rule.Endpoint)}.{FaultName(rule.Decision.Kind)}' is given twice");
            rules.Add(rule);
            double sum = rules.Where(r => r.Endpoint == rule.Endpoint).Sum(r => r.Probability);
            if (sum > 1.0 + 1e-12)
                throw new FaultSpecException(token, $"the probabilities of endpoint '{EndpointName(rule.Endpoint)}' add up to {sum.ToString("R", CultureInfo.InvariantCulture)} > 1 (its faults are exclusive)");
        }

        return new FaultSpec(rules.OrderBy(r => r.Endpoint).ThenBy(r => r.Decision.Kind).ToArray());
    }

    /// <summary>Parses without throwing; <paramref name="error"/> is the message naming the bad token.</summary>
    public static bool TryParse(string? spec, out FaultSpec result, out string? error)
    {
        try
        {
            result = Parse(spec);
            error = null;
            return true;
        }
        catch (FaultSpecException e)
        {
            result = None;
            error = e.Message;
            return false;
        }
    }

    /// <summary>The spec name of an endpoint, e.g. <c>cancel_all</c>.</summary>
    public static string EndpointName(FaultEndpoint endpoint) => EndpointNames[(int)endpoint];

    /// <summary>The spec name of a fault, e.g. <c>cancel_only</c>.</summary>
    public static string FaultName(FaultKind kind) => FaultNames[(int)kind];

    /// <summary>What parameter a fault takes.</summary>
    public static FaultParameterKind ParameterKindOf(FaultKind kind) => kind switch
    {
        FaultKind.Restart or FaultKind.RateLimit or FaultKind.CancelOnly or FaultKind.Late or FaultKind.Stale or FaultKind.Disconnect => FaultParameterKind.Duration,
        FaultKind.Partial => FaultParameterKind.Fraction,
        FaultKind.Reorder => FaultParameterKind.Count,
        _ => FaultParameterKind.None,
    };

    /// <summary>The parameter used when the spec gives none.</summary>
    public static FaultDecision DefaultDecision(FaultKind kind) => kind switch
    {
        FaultKind.Restart => new(kind, TimeSpan.FromSeconds(30)),
        FaultKind.RateLimit => new(kind, TimeSpan.FromSeconds(1)),
        FaultKind.CancelOnly => new(kind, TimeSpan.FromSeconds(10)),
        FaultKind.Late => new(kind, TimeSpan.FromSeconds(5)),
        FaultKind.Stale => new(kind, TimeSpan.FromSeconds(5)),
        FaultKind.Disconnect => new(kind, TimeSpan.FromSeconds(5)),
        FaultKind.Partial => new(kind, Fraction: 0.5),
        FaultKind.Reorder => new(kind, Count: 1),
        _ => new(kind),
    };

    /// <summary>True when <paramref name="kind"/> makes sense on <paramref name="endpoint"/>.</summary>
    public static bool AppliesTo(FaultEndpoint endpoint, FaultKind kind)
    {
        bool stream = endpoint is FaultEndpoint.Feed or FaultEndpoint.UserFeed;
        return kind switch
        {
            FaultKind.Error or FaultKind.Restart or FaultKind.RateLimit or FaultKind.Timeout or FaultKind.Late => !stream,
            FaultKind.CancelOnly => endpoint is FaultEndpoint.Order or FaultEndpoint.Batch,
            FaultKind.Partial => endpoint is FaultEndpoint.Batch or FaultEndpoint.CancelAll or FaultEndpoint.CancelMarket,
            FaultKind.Drop or FaultKind.Duplicate or FaultKind.Reorder or FaultKind.Stale or FaultKind.Disconnect => stream,
            _ => false,
        };
    }

    /// <summary>The faults an endpoint accepts, for error and help text.</summary>
    public static IEnumerable<FaultKind> FaultsFor(FaultEndpoint endpoint) =>
        Enum.GetValues<FaultKind>().Where(k => AppliesTo(endpoint, k));

    /// <summary>Text for <c>bookmaker faults --help</c>: syntax, every endpoint with its faults, parameters and examples.</summary>
    public static string HelpText { get; } = BuildHelp();

    /// <inheritdoc />
    public override string ToString() => string.Join(',', _rules.Select(r => r.ToString()));

    private static FaultRule ParseToken(string token)
    {
        int eq = token.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0) throw new FaultSpecException(token, "expected <endpoint>.<fault>=<probability>[:<param>]");
        string target = token[..eq].Trim();
        string value = token[(eq + 1)..].Trim();
        int dot = target.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) throw new FaultSpecException(token, $"'{target}' must be <endpoint>.<fault>, e.g. order.timeout");
        string endpointText = target[..dot];
        string faultText = target[(dot + 1)..];
        int e = Array.IndexOf(EndpointNames, endpointText);
        if (e < 0) throw new FaultSpecException(token, $"unknown endpoint '{endpointText}' (expected one of {string.Join(", ", EndpointNames)})");
        var endpoint = (FaultEndpoint)e;
        int f = Array.IndexOf(FaultNames, faultText);
        if (f <= 0) throw new FaultSpecException(token, $"unknown fault '{faultText}' (expected one of {string.Join(", ", FaultNames.Skip(1))})");
        var kind = (FaultKind)f;
        if (!AppliesTo(endpoint, kind))
            throw new FaultSpecException(token, $"fault '{faultText}' does not apply to endpoint '{endpointText}' (it takes {string.Join(", ", FaultsFor(endpoint).Select(FaultName))})");

        int colon = value.IndexOf(':', StringComparison.Ordinal);
        string probText = colon < 0 ? value : value[..colon];
        string? paramText = colon < 0 ? null : value[(colon + 1)..];
        if (!double.TryParse(probText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double p)
            || !double.IsFinite(p) || p < 0 || p > 1)
            throw new FaultSpecException(token, $"probability '{probText}' must be a number from 0 to 1");

        var decision = DefaultDecision(kind);
        var paramKind = ParameterKindOf(kind);
        if (paramText is not null)
        {
            switch (paramKind)
            {
                case FaultParameterKind.None:
                    throw new FaultSpecException(token, $"fault '{faultText}' takes no parameter");
                case FaultParameterKind.Duration:
                    if (!SpecDuration.TryParse(paramText, out var d) || d <= TimeSpan.Zero)
                        throw new FaultSpecException(token, $"'{paramText}' is not a positive duration (e.g. 500ms, 30s, 2m)");
                    decision = decision with { Duration = d };
                    break;
                case FaultParameterKind.Fraction:
                    if (!double.TryParse(paramText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double fr)
                        || !double.IsFinite(fr) || fr < 0 || fr > 1) // NaN compares false with both bounds
                        throw new FaultSpecException(token, $"fraction '{paramText}' must be a number from 0 to 1");
                    decision = decision with { Fraction = fr };
                    break;
                case FaultParameterKind.Count:
                    if (!int.TryParse(paramText, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                        throw new FaultSpecException(token, $"count '{paramText}' must be a whole number >= 1");
                    decision = decision with { Count = n };
                    break;
            }
        }

        return new FaultRule(endpoint, decision, p);
    }

    private static string BuildHelp()
    {
        var sb = new StringBuilder();
        sb.AppendLine("Fault injection for the simulated venue (--faults).");
        sb.AppendLine();
        sb.AppendLine("Syntax:  <endpoint>.<fault>=<probability>[:<param>][,...]");
        sb.AppendLine("  probability  chance per request (request endpoints) or per message (feed, user_feed), 0..1;");
        sb.AppendLine("               one endpoint's faults are exclusive, so they must add up to <= 1.");
        sb.AppendLine("  param        optional; durations are written 250us, 500ms, 30s, 2m, 1h.");
        sb.AppendLine("  Draws are seeded (--seed): the same seed and inputs give the same faults.");
        sb.AppendLine();
        sb.AppendLine("Faults:");
        foreach (FaultKind kind in Enum.GetValues<FaultKind>().Where(k => k != FaultKind.None))
        {
            var def = DefaultDecision(kind);
            string param = ParameterKindOf(kind) switch
            {
                FaultParameterKind.Duration => $":<duration> (default {SpecDuration.Format(def.Duration)})",
                FaultParameterKind.Fraction => $":<fraction> (default {def.Fraction.ToString(CultureInfo.InvariantCulture)})",
                FaultParameterKind.Count => $":<count> (default {def.Count.ToString(CultureInfo.InvariantCulture)})",
                _ => "",
            };
            sb.Append(CultureInfo.InvariantCulture, $"  {FaultName(kind),-12}{Describe(kind)}{param}").AppendLine();
        }

        sb.AppendLine();
        sb.AppendLine("Endpoints and the faults they take:");
        foreach (FaultEndpoint endpoint in Enum.GetValues<FaultEndpoint>())
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {EndpointName(endpoint),-14}{string.Join(", ", FaultsFor(endpoint).Select(FaultName))}").AppendLine();
            sb.Append(CultureInfo.InvariantCulture, $"  {"",-14}e.g. {Example(endpoint)}").AppendLine();
        }

        sb.AppendLine();
        sb.AppendLine("Example:");
        sb.AppendLine("  --faults cancel_all.error=0.5,order.timeout=0.05,order.restart=0.01:30s,feed.drop=0.01");
        return sb.ToString();
    }

    private static string Describe(FaultKind kind) => kind switch
    {
        FaultKind.Error => "HTTP 500; the request is not executed",
        FaultKind.Restart => "HTTP 425 for this and every request during a restart window",
        FaultKind.RateLimit => "HTTP 429 with Retry-After",
        FaultKind.CancelOnly => "HTTP 503: only cancels are accepted during a window",
        FaultKind.Timeout => "never answered; the request is not executed",
        FaultKind.Late => "executed, answered after the client gave up (the order IS live)",
        FaultKind.Partial => "bulk request does only this fraction of its work",
        FaultKind.Drop => "message lost",
        FaultKind.Duplicate => "message delivered twice",
        FaultKind.Reorder => "message held back behind the next <count> messages",
        FaultKind.Stale => "stream stalls (connection up, no messages) for a window",
        FaultKind.Disconnect => "connection drops and stays down for a window",
        _ => "",
    };

    private static string Example(FaultEndpoint endpoint) => endpoint switch
    {
        FaultEndpoint.Order => "order.timeout=0.05,order.late=0.01:10s,order.cancel_only=0.001:20s",
        FaultEndpoint.Batch => "batch.partial=0.1:0.5,batch.ratelimit=0.02:2s",
        FaultEndpoint.Cancel => "cancel.error=0.1",
        FaultEndpoint.CancelAll => "cancel_all.error=0.5,cancel_all.partial=0.3:0.5",
        FaultEndpoint.CancelMarket => "cancel_market.partial=0.2:0.25",
        FaultEndpoint.Query => "query.timeout=0.02",
        FaultEndpoint.Heartbeat => "heartbeat.error=0.05,heartbeat.restart=0.001:30s",
        FaultEndpoint.Feed => "feed.drop=0.01,feed.reorder=0.001:3,feed.disconnect=0.0001:5s",
        FaultEndpoint.UserFeed => "user_feed.duplicate=0.01,user_feed.stale=0.001:10s",
        _ => "",
    };
}
