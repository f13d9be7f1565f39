using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bookmaker.Venues.Bybit.Auth;

namespace Bookmaker.Venues.Bybit.UserStream;

/// <summary>
/// One authenticated private or trade WebSocket: connect, the <c>auth</c> op (signature of <c>GET/realtime{expires}</c>,
/// expires taken on the server clock so a skewed local clock cannot make it stale), sends serialized by one lock, and
/// whole messages read into one reused buffer. Private-stream traffic is a few messages per order, so each is parsed into
/// a <see cref="JsonDocument"/> (the public book stream is the hot path, and it has its own allocation-free parser).
/// </summary>
internal sealed class BybitSocket : IDisposable
{
    private readonly ClientWebSocket _ws = new();
    private readonly SemaphoreSlim _send = new(1, 1);
    private byte[] _buffer = new byte[16 * 1024];

    private BybitSocket()
    {
        _ws.Options.KeepAliveInterval = TimeSpan.Zero; // the venue's own JSON ping keeps it alive
    }

    public WebSocketState State => _ws.State;

    /// <summary>Connects and authenticates; throws when the venue refuses the auth (the message names the code, never the key).</summary>
    public static async Task<BybitSocket> ConnectAsync(Uri url, BybitRequestSigner signer, BybitServerClock clock, bool trade, TimeSpan timeout, CancellationToken ct)
    {
        var socket = new BybitSocket();
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(timeout);
            await socket._ws.ConnectAsync(url, bounded.Token).ConfigureAwait(false);
            long expires = clock.TimestampMs() + 10_000;
            string args = JsonSerializer.Serialize(signer.ApiKey) + "," + expires.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"" + signer.SignWebSocket(expires) + "\"";
            await socket.SendAsync($"{{\"req_id\":\"auth\",\"op\":\"auth\",\"args\":[{args}]}}", bounded.Token).ConfigureAwait(false);
            using var answer = await socket.ReceiveAsync(bounded.Token).ConfigureAwait(false) ?? throw new WebSocketException("closed before the auth answer");
            var root = answer.RootElement;
            bool ok = trade ? root.TryGetProperty("retCode", out var c) && c.GetInt32() == 0 : root.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
            if (!ok)
            {
                string code = root.TryGetProperty("retCode", out var rc) ? rc.GetRawText() : "";
                string msg = root.TryGetProperty(trade ? "retMsg" : "ret_msg", out var m) ? m.GetString() ?? "" : "";
                throw new UnauthorizedAccessException($"bybit {(trade ? "trade" : "private")} stream refused the auth {code} {msg}".Trim());
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task SendAsync(string text, CancellationToken ct)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        await _send.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _ws.SendAsync(bytes, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>The next whole message, parsed; null when the venue closed the socket.</summary>
    public async Task<JsonDocument?> ReceiveAsync(CancellationToken ct)
    {
        int length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                byte[] bigger = new byte[_buffer.Length * 2];
                _buffer.AsSpan(0, length).CopyTo(bigger);
                _buffer = bigger;
            }

            var result = await _ws.ReceiveAsync(_buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            length += result.Count;
            if (result.EndOfMessage) return JsonDocument.Parse(_buffer.AsMemory(0, length));
        }
    }

    public void Abort() => _ws.Abort();

    public void Dispose()
    {
        _ws.Dispose();
        _send.Dispose();
    }
}
