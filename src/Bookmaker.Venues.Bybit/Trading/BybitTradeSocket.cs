using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.UserStream;
using Bookmaker.Venues.Bybit.Ws;

namespace Bookmaker.Venues.Bybit.Trading;

/// <summary>
/// Order entry over the trade WebSocket (<c>/v5/trade</c>): each request is <c>{reqId, header{X-BAPI-TIMESTAMP,
/// X-BAPI-RECV-WINDOW}, op, args:[…]}</c> with a reqId unique on the connection, and its ack is matched back by reqId.
/// The ack's header feeds the same clock (<c>Timenow</c>) and rate-limit state as REST. Keeps one connection, pings it
/// every 20 s, reconnects with back-off; while it is down <see cref="IsReady"/> is false and the caller uses REST.
/// An ack that does not come within the timeout throws <see cref="TimeoutException"/>: the request's fate is unknown.
/// </summary>
public sealed class BybitTradeSocket : IDisposable
{
    private readonly Uri _url;
    private readonly BybitRequestSigner _signer;
    private readonly BybitServerClock _clock;
    private readonly RateLimitState _limits;
    private readonly BybitStreamOptions _options;
    private readonly int _recvWindowMs;
    private readonly ConcurrentDictionary<string, (TaskCompletionSource<BybitResponse> Answer, long SentLocalMs)> _pending = new(StringComparer.Ordinal);
    private volatile BybitSocket? _socket;
    private long _nextReq;

    /// <summary>Creates the socket (not yet connected).</summary>
    public BybitTradeSocket(Uri url, BybitRequestSigner signer, BybitServerClock clock, RateLimitState limits, BybitStreamOptions options, int recvWindowMs = BybitRequestSigner.DefaultRecvWindowMs)
    {
        _url = url;
        _signer = signer;
        _clock = clock;
        _limits = limits;
        _options = options;
        _recvWindowMs = recvWindowMs;
    }

    /// <summary>True while an authenticated connection is up.</summary>
    public bool IsReady => _socket?.State == WebSocketState.Open;

    /// <summary>Completes once the first connection is authenticated.</summary>
    public Task FirstConnection => _first.Task;

    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Sends <c>order.{op}</c> with <paramref name="argJson"/> and waits for its ack.</summary>
    public async Task<BybitResponse> SendAsync(string op, string argJson, TimeSpan timeout, CancellationToken ct)
    {
        // Nothing has been sent yet: the caller may take another road (REST).
        var socket = _socket ?? throw new InvalidOperationException("bybit trade stream is not connected");
        var wait = _limits.WaitFor("/v5/order/" + op, _clock.EstimatedNowMs());
        if (wait > TimeSpan.Zero) await Task.Delay(wait, ct).ConfigureAwait(false);
        string reqId = "r" + Interlocked.Increment(ref _nextReq).ToString(CultureInfo.InvariantCulture);
        var tcs = new TaskCompletionSource<BybitResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[reqId] = (tcs, _clock.LocalNowMs());
        try
        {
            string ts = _clock.TimestampMs().ToString(CultureInfo.InvariantCulture);
            string rw = _recvWindowMs.ToString(CultureInfo.InvariantCulture);
            await socket.SendAsync($"{{\"reqId\":\"{reqId}\",\"header\":{{\"X-BAPI-TIMESTAMP\":\"{ts}\",\"X-BAPI-RECV-WINDOW\":\"{rw}\"}},\"op\":\"order.{op}\",\"args\":[{argJson}]}}", ct).ConfigureAwait(false);
            return await tcs.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(reqId, out _);
        }
    }

    /// <summary>Keeps the connection until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        int failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var socket = await BybitSocket.ConnectAsync(_url, _signer, _clock, trade: true, _options.ConnectTimeout, ct).ConfigureAwait(false);
                _socket = socket;
                _first.TrySetResult();
                failures = 0;
                await ReadAsync(socket, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException or IOException or UnauthorizedAccessException)
            {
                failures++;
            }

            _socket = null;
            foreach (var p in _pending.Values) p.Answer.TrySetException(new WebSocketException("bybit trade stream lost before the ack"));
            try
            {
                await Task.Delay(_options.BackoffFor(failures), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Aborts the current connection (tests; the loop reconnects).</summary>
    public void Abort() => _socket?.Abort();

    private async Task ReadAsync(BybitSocket socket, CancellationToken ct)
    {
        using var pinger = new PeriodicTimer(_options.PingInterval);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var ping = Task.Run(async () =>
        {
            while (await pinger.WaitForNextTickAsync(stop.Token).ConfigureAwait(false)) await socket.SendAsync("{\"op\":\"ping\"}", stop.Token).ConfigureAwait(false);
        }, CancellationToken.None);
        try
        {
            while (true)
            {
                using var doc = await socket.ReceiveAsync(ct).ConfigureAwait(false);
                if (doc is null) return;
                var root = doc.RootElement;
                long received = _clock.LocalNowMs();
                if (!root.TryGetProperty("reqId", out var id) || id.GetString() is not { } reqId || !_pending.TryGetValue(reqId, out var pending)) continue;
                var answer = BybitResponse.Read(root, "data");
                string op = root.TryGetProperty("op", out var o) ? (o.GetString() ?? "")["order.".Length..] : "";
                if (root.TryGetProperty("header", out var h)) ObserveHeader(h, op, answer.RetCode, pending.SentLocalMs, received);
                pending.Answer.TrySetResult(answer);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await ping.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        }
    }

    private void ObserveHeader(JsonElement h, string op, int retCode, long sentLocalMs, long receivedLocalMs)
    {
        static long? Num(JsonElement h, string name) =>
            h.TryGetProperty(name, out var v) && long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out long x) ? x : null;
        if (Num(h, "Timenow") is { } now) _clock.Observe(now, sentLocalMs, receivedLocalMs);
        long serverNow = _clock.EstimatedNowMs();
        long reset = Num(h, "X-Bapi-Limit-Reset-Timestamp") ?? 0;
        if (retCode == 10006) _limits.OnExceeded("/v5/order/" + op, reset, serverNow);
        else if (Num(h, "X-Bapi-Limit-Status") is { } left) _limits.Observe("/v5/order/" + op, (int)left, reset, serverNow);
    }

    /// <inheritdoc />
    public void Dispose() => _socket?.Dispose();
}
