namespace Bookmaker.Engine.Configuration;

/// <summary>The services an alert sink can post to.</summary>
public enum AlertSinkKind
{
    /// <summary>Discord webhook (<c>content</c> and an embed).</summary>
    Discord,

    /// <summary>Slack incoming webhook (<c>text</c> and a section block).</summary>
    Slack,

    /// <summary>Telegram Bot API <c>sendMessage</c>.</summary>
    Telegram,

    /// <summary>PagerDuty Events API v2 (trigger and resolve with a stable <c>dedup_key</c>).</summary>
    PagerDuty,

    /// <summary>Any HTTP endpoint: <c>{"severity","code","message","state","time","instance"}</c>.</summary>
    Webhook,
}

/// <summary>
/// One alert sink, <c>Alerts:Sinks:&lt;name&gt;:*</c>. Its URL, bot token and routing key are secrets: they print as
/// <c>***</c> and may come from a file (<c>:UrlFile</c>, <c>:BotTokenFile</c>, <c>:RoutingKeyFile</c>).
/// </summary>
/// <param name="Name">The sink's name (the section).</param>
/// <param name="Kind">The service.</param>
/// <param name="Url">Where to post (Telegram: the Bot API base; PagerDuty: the enqueue URL).</param>
/// <param name="BotToken">Telegram's bot token, or null.</param>
/// <param name="ChatId">Telegram's chat id, or null.</param>
/// <param name="RoutingKey">PagerDuty's integration (routing) key, or null.</param>
/// <param name="MinSeverity">Alerts below this are not sent (warning or critical).</param>
public sealed record AlertSinkOptions(string Name, AlertSinkKind Kind, Uri Url, string? BotToken, string? ChatId, string? RoutingKey, AlertSeverity MinSeverity)
{
    /// <summary>The prefix of every sink key.</summary>
    public const string Prefix = "Alerts:Sinks:";

    /// <summary>Redacts the URL and tokens.</summary>
    public override string ToString() => $"AlertSinkOptions {{ Name = {Name}, Kind = {Kind}, Url = {ConfigEntry.Redacted}, MinSeverity = {MinSeverity} }}";

    /// <summary>The per-sink keys (after <c>Alerts:Sinks:&lt;name&gt;:</c>) with their rule, and whether each is secret.</summary>
    public static IReadOnlyList<(string Name, string Rule, bool Secret)> Fields { get; } =
    [
        ("Kind", "one of discord, slack, telegram, pagerduty, webhook", false),
        ("Url", "absolute https URL (http only on loopback); telegram and pagerduty default to their public API", true),
        ("BotToken", "telegram only: the bot token", true),
        ("ChatId", "telegram only: the chat id", false),
        ("RoutingKey", "pagerduty only: the integration key", true),
        ("MinSeverity", "one of warning, critical (default warning)", false),
        ("UrlFile", "a readable file; its trimmed content becomes :Url", false),
        ("BotTokenFile", "a readable file; its trimmed content becomes :BotToken", false),
        ("RoutingKeyFile", "a readable file; its trimmed content becomes :RoutingKey", false),
    ];

    /// <summary>True when <paramref name="key"/> is one of a sink's keys; <paramref name="info"/> then declares it.</summary>
    public static bool IsSinkKey(string key, out ConfigKeyInfo? info)
    {
        info = null;
        if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        string rest = key[Prefix.Length..];
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return false;
        string field = rest[(colon + 1)..];
        foreach (var (name, rule, secret) in Fields)
        {
            if (!string.Equals(name, field, StringComparison.OrdinalIgnoreCase)) continue;
            info = new ConfigKeyInfo(key, null, rule, "Alert sink " + rest[..colon] + ": " + name + ".") { IsSecret = secret };
            return true;
        }

        return false;
    }

    internal static IReadOnlyList<AlertSinkOptions> Bind(ConfigReader r)
    {
        var names = r.KeysUnder(Prefix).Select(k => k[Prefix.Length..]).Where(k => k.Contains(':', StringComparison.Ordinal))
            .Select(k => k[..k.IndexOf(':', StringComparison.Ordinal)]).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var sinks = new List<AlertSinkOptions>();
        foreach (string name in names)
        {
            string p = Prefix + name + ":";
            string? kindText = r.OptionalString(p + "Kind");
            AlertSinkKind kind = default;
            if (kindText is null || !Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind))
            {
                r.Report(p + "Kind", "must be one of discord, slack, telegram, pagerduty, webhook");
                continue;
            }

            string? url = Secret(r, p + "Url") ?? kind switch
            {
                AlertSinkKind.Telegram => "https://api.telegram.org",
                AlertSinkKind.PagerDuty => "https://events.pagerduty.com/v2/enqueue",
                _ => null,
            };
            bool urlOk = Uri.TryCreate(url, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
            if (!urlOk) r.Report(p + "Url", "must be an absolute https URL (http only on loopback)");
            string? botToken = Secret(r, p + "BotToken");
            string? chatId = r.OptionalString(p + "ChatId");
            string? routingKey = Secret(r, p + "RoutingKey");
            if (kind == AlertSinkKind.Telegram && (botToken is null || chatId is null)) r.Report(p + "BotToken", "telegram needs :BotToken and :ChatId");
            if (kind == AlertSinkKind.PagerDuty && routingKey is null) r.Report(p + "RoutingKey", "pagerduty needs :RoutingKey");
            var severity = AlertSeverity.Warning;
            if (r.OptionalString(p + "MinSeverity") is { } sev && (!Enum.TryParse(sev, ignoreCase: true, out severity) || severity == AlertSeverity.Info || !Enum.IsDefined(severity)))
                r.Report(p + "MinSeverity", "must be one of warning, critical");
            if (urlOk) sinks.Add(new AlertSinkOptions(name, kind, uri!, botToken, chatId, routingKey, severity));
        }

        return sinks;
    }

    // A secret from its key or from the file its companion names.
    private static string? Secret(ConfigReader r, string key)
    {
        if (r.OptionalString(key) is { } value) return value;
        if (r.OptionalString(key + ConfigCatalog.SecretFileSuffix) is not { } file) return null;
        try
        {
            return File.ReadAllText(r.ResolvePath(file)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            r.Report(key + ConfigCatalog.SecretFileSuffix, "must name a readable file (" + e.GetType().Name + ")");
            return null;
        }
    }
}
