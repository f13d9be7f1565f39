using System.Globalization;
using System.Net;

namespace Bookmaker.Engine.Configuration;

/// <summary>
/// The control plane of <c>paper</c> and <c>live</c> (section <c>Http</c>): where its HTTP server listens and the token
/// its write endpoints demand. On loopback by default; an address other hosts can reach is refused without a token,
/// because anyone who can reach it could halt or resume trading.
/// </summary>
public sealed record HttpOptions
{
    /// <summary>Address and port to listen on; null when the control plane is off (<c>--http off</c>).</summary>
    public required IPEndPoint? Listen { get; init; }

    /// <summary>Bearer token of the POST endpoints; null when none is configured (writes are then refused). Secret.</summary>
    public required string? Token { get; init; }

    /// <summary>How often <c>/api/v1/stream</c> sends a snapshot (its bounded rate).</summary>
    public required TimeSpan StreamInterval { get; init; }

    /// <summary>Redacts the token.</summary>
    public override string ToString() =>
        $"HttpOptions {{ Listen = {(Listen?.ToString() ?? "off")}, Token = {(Token is null ? "null" : ConfigEntry.Redacted)}, StreamInterval = {StreamInterval} }}";

    /// <summary>The rule of <c>Http:Listen</c>, also the text of its error.</summary>
    public const string ListenRule = "off, or IP:port on loopback (port 0 picks a free port); any other address needs Http:Token";

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("Http:Listen", "127.0.0.1:8080", ListenRule, "Where the control plane (health, metrics, status, operator actions) listens; off disables it."),
        ConfigKeyInfo.Secret("Http:Token", "optional; at least 16 characters without spaces", "Bearer token the POST endpoints (halt, resume, cancel-all, reset) demand."),
        new("Http:StreamInterval", "1s", "duration between 250ms and 1m", "How often /api/v1/stream sends a status snapshot."),
    ];

    internal static HttpOptions Bind(ConfigReader r)
    {
        string listenText = r.Text("Http:Listen").Trim();
        IPEndPoint? listen = null;
        if (!string.Equals(listenText, "off", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryParseEndPoint(listenText, out listen)) r.Report("Http:Listen", "must be " + ListenRule);
        }

        string? token = r.OptionalString("Http:Token");
        var o = new HttpOptions { Listen = listen, Token = token, StreamInterval = r.Duration("Http:StreamInterval") };
        r.Require("Http:Token", token is null || (token.Length >= 16 && !token.Any(char.IsWhiteSpace)), "must be at least 16 characters without spaces");
        // A control plane other hosts can reach must not let them halt or resume trading without a secret.
        r.Require("Http:Listen", listen is null || IPAddress.IsLoopback(listen.Address) || token is not null,
            "must be on loopback (127.0.0.1, ::1) unless Http:Token is set: any other address needs Http:Token");
        r.Require("Http:StreamInterval", o.StreamInterval >= TimeSpan.FromMilliseconds(250) && o.StreamInterval <= TimeSpan.FromMinutes(1), "must be between 250ms and 1m");
        return o;
    }

    /// <summary>Parses <c>IP:port</c> or <c>[IPv6]:port</c>, and <c>localhost:port</c> as 127.0.0.1.</summary>
    public static bool TryParseEndPoint(string text, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase)) text = "127.0.0.1" + text["localhost".Length..];
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535) return false;
        string host = text[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address)) return false;
        endPoint = new IPEndPoint(address, port);
        return true;
    }
}
