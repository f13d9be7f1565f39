using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Configuration;
using AlertSeverity = Bookmaker.Engine.Alerts.AlertSeverity;

namespace Bookmaker.Operations.Alerts;

/// <summary>
/// The JSON each service expects (shapes from the services' documentation, see reports-and-operations.md §2.4): Discord
/// <c>content</c> and an embed, Slack <c>text</c> and a section block, Telegram <c>sendMessage</c>, PagerDuty Events
/// v2 (trigger and resolve under one <c>dedup_key</c>), and the plain webhook object.
/// </summary>
public static class AlertPayloads
{
    /// <summary>Where to post and what, for one notice.</summary>
    public static (Uri Url, string Json) Build(AlertSinkOptions sink, AlertNotice n)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(n);
        return sink.Kind switch
        {
            AlertSinkKind.Discord => (sink.Url, Discord(n)),
            AlertSinkKind.Slack => (sink.Url, Slack(n)),
            AlertSinkKind.Telegram => (new Uri(sink.Url, "/bot" + sink.BotToken + "/sendMessage"), Telegram(n, sink.ChatId!)),
            AlertSinkKind.PagerDuty => (sink.Url, PagerDuty(n, sink.RoutingKey!)),
            _ => (sink.Url, Webhook(n)),
        };
    }

    /// <summary>One line for chat services.</summary>
    public static string Line(AlertNotice n)
    {
        ArgumentNullException.ThrowIfNull(n);
        string scope = n.Key.Length > 0 ? $" [{n.Key}]" : "";
        return n.Resolved
            ? $"RESOLVED {n.Code}{scope} on {n.Instance}: {n.Message}"
            : $"{Name(n.Severity)} {n.Code}{scope} on {n.Instance}: {n.Message}";
    }

    /// <summary>The webhook kind: <c>{"severity","code","message","state","time","instance"}</c>.</summary>
    public static string Webhook(AlertNotice n) => Serialize(new JsonObject
    {
        ["severity"] = Name(n.Severity).ToLowerInvariant(),
        ["code"] = n.Code,
        ["message"] = n.Message,
        ["state"] = n.State,
        ["time"] = n.Time.ToString("O", CultureInfo.InvariantCulture),
        ["instance"] = n.Instance,
        ["key"] = n.Key,
    });

    private static string Discord(AlertNotice n)
    {
        string line = Line(n);
        return Serialize(new JsonObject
        {
            // Discord refuses content over 2000 characters.
            ["content"] = line.Length > 2000 ? line[..1997] + "..." : line,
            ["username"] = "bookmaker",
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
            ["embeds"] = new JsonArray(new JsonObject
            {
                ["title"] = (n.Resolved ? "Resolved: " : Name(n.Severity) + ": ") + n.Code,
                ["description"] = n.Message.Length > 4000 ? n.Message[..4000] : n.Message,
                ["color"] = n.Resolved ? 0x2ECC71 : n.Severity == AlertSeverity.Critical ? 0xE74C3C : 0xF1C40F,
                ["timestamp"] = n.Time.ToString("O", CultureInfo.InvariantCulture),
                ["fields"] = new JsonArray(
                    new JsonObject { ["name"] = "instance", ["value"] = n.Instance, ["inline"] = true },
                    new JsonObject { ["name"] = "state", ["value"] = n.State, ["inline"] = true }),
            }),
        });
    }

    private static string Slack(AlertNotice n) => Serialize(new JsonObject
    {
        ["text"] = Line(n),
        ["blocks"] = new JsonArray(new JsonObject
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{(n.Resolved ? "RESOLVED" : Name(n.Severity))}* `{n.Code}` on {n.Instance}\n{n.Message}" },
        }),
    });

    private static string Telegram(AlertNotice n, string chatId) => Serialize(new JsonObject
    {
        ["chat_id"] = chatId,
        ["text"] = Line(n),
        // Plain text: no parse mode, so a message's own characters can never break the markup.
        ["disable_notification"] = n.Resolved || n.Severity < AlertSeverity.Critical,
    });

    private static string PagerDuty(AlertNotice n, string routingKey)
    {
        var body = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = n.Resolved ? "resolve" : "trigger",
            ["dedup_key"] = n.DedupKey.Length > 255 ? n.DedupKey[..255] : n.DedupKey,
        };
        if (!n.Resolved)
        {
            body["payload"] = new JsonObject
            {
                ["summary"] = Line(n).Length > 1024 ? Line(n)[..1024] : Line(n),
                ["source"] = n.Instance,
                ["severity"] = n.Severity == AlertSeverity.Critical ? "critical" : "warning",
                ["timestamp"] = n.Time.ToString("O", CultureInfo.InvariantCulture),
                ["component"] = "bookmaker",
                ["group"] = n.Key.Length > 0 ? n.Key : "engine",
                ["class"] = n.Code,
            };
        }

        return Serialize(body);
    }

    private static string Name(AlertSeverity s) => s.ToString().ToUpperInvariant();

    private static string Serialize(JsonObject o) => o.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
