using System.Buffers;
using System.Net.WebSockets;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Ws;

/// <summary>Keep-alive and reconnect settings of a Polymarket WebSocket.</summary>
public sealed record PolymarketSocketSettings
{
    /// <summary>Text <c>PING</c> period (the venue expects 10 s).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(PolymarketSubscriptions.PingIntervalSeconds);

    /// <summary>No message (not even PONG) for this long ⇒ the connection is dead and is replaced.</summary>
    public TimeSpan StaleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Second reconnect attempt's delay (the first is immediate); doubled per failure, with jitter.</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Connect timeout.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Initial pooled receive buffer (grows for larger frames).</summary>
    public int ReceiveBufferSize { get; init; } = 64 * 1024;
}

/// <summary>
/// One Polymarket WebSocket connection with the venue's keep-alive (text <c>PING</c> every 10 s), stale detection
/// (silence longer than <see cref="PolymarketSocketSettings.StaleTimeout"/> aborts the socket) and reconnects with
/// exponential backoff and jitter (first retry immediate after a healthy session). Frames are received into pooled
/// buffers (<see cref="ArrayPool{T}"/>) and handed to <see cref="OnFrame"/> on the receive task. Timers run on the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public abstract class PolymarketSocket : IAsyncDisposable
{
    private readonly Uri _url;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _jitter;
    private ClientWebSocket? _current;
    private Task? _loop;
    private long _lastReceive;
    private int _connections;
    private bool _gotMessage;

    /// <summary>Creates the connection (not started).</summary>
    protected PolymarketSocket(Uri url, PolymarketSocketSettings settings, TimeProvider time, int jitterSeed)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _url = url;
        Settings = settings;
        Time = time;
        _jitter = new Random(jitterSeed);
    }

    /// <summary>Settings.</summary>
    protected PolymarketSocketSettings Settings { get; }

    /// <summary>Clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>Successful connects so far (the first plus reconnects).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Pings sent.</summary>
    public long PingsSent => Interlocked.Read(ref _pings);

    private long _pings;

    /// <summary>Starts the connect/receive/reconnect loop.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Stops the loop and closes the socket.</summary>
    public async Task StopAsync()
    {
        OnStopping();
        await _stop.CancelAsync().ConfigureAwait(false);
        _current?.Abort();
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
            {
                // Stopping: the abort above races the venue's own close, so the receive loop may end in a socket error
                // instead of a cancellation (seen in CI: "closed without completing the close handshake"). Either way
                // the session is over, which is what a stop asks for.
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _sendLock.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The connection is being stopped for good (timers of the subclass end here).</summary>
    protected virtual void OnStopping()
    {
    }

    /// <summary>Sends the subscription(s) of a fresh connection.</summary>
    protected abstract Task OnConnectedAsync(CancellationToken ct);

    /// <summary>One complete text frame; the span is valid only during the call.</summary>
    protected abstract void OnFrame(ReadOnlySpan<byte> frame, long receiveTicks);

    /// <summary>The connection was lost (or could not be made); <paramref name="wasConnected"/> tells which.</summary>
    protected abstract void OnDisconnected(string reason, bool wasConnected);

    /// <summary>A connection after the first one is up (subscriptions not yet sent).</summary>
    protected abstract void OnReconnected();

    /// <summary>Sends a text frame on the current connection (serialized; dropped when not connected).</summary>
    protected async Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken ct)
    {
        var ws = _current;
        if (ws is null || ws.State != WebSocketState.Open) return;
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await ws.SendAsync(utf8, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // the receive loop notices the broken socket and reconnects
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a text frame.</summary>
    protected Task SendTextAsync(string text, CancellationToken ct) => SendTextAsync(System.Text.Encoding.UTF8.GetBytes(text), ct);

    /// <summary>Drops the current connection; the loop reconnects and resubscribes.</summary>
    protected void RequestReconnect() => _current?.Abort();

    private TimeSpan Backoff(int failures)
    {
        if (failures <= 0) return TimeSpan.Zero;
        double ms = Settings.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        ms = Math.Min(ms, Settings.ReconnectMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms * (0.5 + 0.5 * _jitter.NextDouble()));
    }

    private async Task RunAsync(CancellationToken ct)
    {
        int failures = 0;
        bool everConnected = false;
        while (!ct.IsCancellationRequested)
        {
            var delay = Backoff(failures);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, Time, ct).ConfigureAwait(false);
            using var ws = new ClientWebSocket();
            ws.Options.KeepAliveInterval = TimeSpan.Zero; // the venue wants text PINGs, sent below
            try
            {
                using var connectCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                connectCts.CancelAfter(Settings.ConnectTimeout);
                await ws.ConnectAsync(_url, connectCts.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // any connect failure (socket, TLS, HTTP upgrade, timeout) means "try again later"
            catch (Exception ex) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
            {
                failures++;
                OnDisconnected("connect failed: " + ex.GetType().Name, wasConnected: false);
                continue;
            }

            _current = ws;
            Volatile.Write(ref _lastReceive, Time.GetTimestamp());
            Interlocked.Increment(ref _connections);
            if (everConnected) OnReconnected();
            everConnected = true;
            _gotMessage = false;
            string reason = "closed by the venue";
            using (var timer = Time.CreateTimer(_ => KeepAlive(ws, ct), null, Settings.PingInterval, Settings.PingInterval))
            {
                try
                {
                    await OnConnectedAsync(ct).ConfigureAwait(false);
                    await ReceiveLoopAsync(ws, ct).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // whatever broke the session, the answer is the same: reconnect and resubscribe
                catch (Exception ex) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    reason = ex is OperationCanceledException ? "aborted" : "socket error: " + ex.GetType().Name;
                }
            }

            _current = null;
            if (ct.IsCancellationRequested) break;
            failures = _gotMessage ? 0 : failures + 1; // a session that delivered data resets the backoff
            OnDisconnected(reason, wasConnected: true);
        }
    }

    private void KeepAlive(ClientWebSocket ws, CancellationToken ct)
    {
        long silent = Time.GetTimestamp() - Volatile.Read(ref _lastReceive);
        if (silent >= Settings.StaleTimeout.TotalSeconds * Time.TimestampFrequency)
        {
            ws.Abort(); // stale: the receive loop ends and the run loop reconnects
            return;
        }

        Interlocked.Increment(ref _pings);
        _ = SendTextAsync(PingBytes, ct);
    }

    private static readonly byte[] PingBytes = PolymarketSubscriptions.Ping.ToArray();

    private async Task ReceiveLoopAsync(ClientWebSocket ws, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Settings.ReceiveBufferSize);
        int count = 0;
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                if (count == buffer.Length)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var r = await ws.ReceiveAsync(buffer.AsMemory(count), ct).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close) break;
                count += r.Count;
                if (!r.EndOfMessage) continue;
                Volatile.Write(ref _lastReceive, Time.GetTimestamp());
                _gotMessage = true;
                OnFrame(buffer.AsSpan(0, count), Time.GetUtcNow().UtcTicks);
                count = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
