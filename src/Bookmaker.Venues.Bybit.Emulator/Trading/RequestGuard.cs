using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bookmaker.Venues.Bybit.Emulator.Trading;

/// <summary>
/// The venue's checks on a signed request, in its order: the key (10003), the timestamp window
/// <c>server − recvWindow ≤ ts &lt; server + 1000</c> (10002), the signature over <c>ts + key + recvWindow + payload</c> (10004).
/// </summary>
internal sealed class RequestGuard(string apiKey, string secret)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(secret);

    /// <summary>0 when the request may proceed; else the retCode and its words.</summary>
    public (int Code, string Message) Check(string? key, string? timestamp, string? recvWindow, string? signature, string payload, long serverNowMs)
    {
        if (string.IsNullOrEmpty(key) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(apiKey)))
            return (10003, "API key is invalid.");
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long ts)) return (10002, "invalid request, please check your timestamp");
        int window = 5000;
        if (!string.IsNullOrEmpty(recvWindow) && !int.TryParse(recvWindow, NumberStyles.None, CultureInfo.InvariantCulture, out window)) return (10001, "params error: recv_window invalid");
        if (!TimestampOk(ts, window, serverNowMs))
            return (10002, $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{ts}],server_timestamp[{serverNowMs}],recv_window[{window}]");
        string expected = Sign($"{timestamp}{key}{recvWindow ?? ""}{payload}");
        if (signature is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            return (10004, "error sign! origin_string[" + timestamp + key + (recvWindow ?? "") + "…]");
        return (0, "OK");
    }

    /// <summary>The venue's window rule.</summary>
    public static bool TimestampOk(long ts, int recvWindowMs, long serverNowMs) => serverNowMs - recvWindowMs <= ts && ts < serverNowMs + 1000;

    /// <summary>The WebSocket auth op: <c>[key, expires, hex(HMAC("GET/realtime" + expires))]</c>, expires in the future.</summary>
    public (int Code, string Message) CheckWebSocket(string? key, long expires, string? signature, long serverNowMs)
    {
        if (string.IsNullOrEmpty(key) || key != apiKey) return (10003, "Invalid apikey");
        if (expires <= serverNowMs) return (10002, "Params Error: auth expired");
        string expected = Sign("GET/realtime" + expires.ToString(CultureInfo.InvariantCulture));
        return signature == expected ? (0, "") : (10004, "Invalid sign");
    }

    private string Sign(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// Per-endpoint rolling one-second budgets, as the venue counts them per UID, with the venue's headers. A batch costs
/// one per item; when it exceeds what is left, the items up to the budget pass and the rest fail (the reference's rule).
/// </summary>
internal sealed class EndpointRateLimits
{
    private readonly Dictionary<string, Queue<long>> _windows = new(StringComparer.Ordinal);

    /// <summary>How many of <paramref name="cost"/> units fit now (0: 10006), and the headers to answer with.</summary>
    public (int Granted, int Limit, int Remaining, long ResetMs) Take(string endpoint, int limit, int cost, long nowMs)
    {
        if (!_windows.TryGetValue(endpoint, out var q)) _windows[endpoint] = q = new Queue<long>();
        while (q.Count > 0 && q.Peek() <= nowMs - 1000) q.Dequeue();
        int granted = Math.Min(cost, Math.Max(0, limit - q.Count));
        for (int i = 0; i < granted; i++) q.Enqueue(nowMs);
        int remaining = limit - q.Count;
        long reset = granted < cost && q.Count > 0 ? q.Peek() + 1000 : nowMs;
        return (granted, limit, remaining, reset);
    }
}
