using System.Net.WebSockets;
using System.Text.Json;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Ws;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Venues.Bybit.UserStream;

/// <summary>
/// The private WebSocket (<c>/v5/private</c>): authenticates, subscribes <c>order</c>, <c>execution</c>,
/// <c>position</c>, <c>wallet</c> (and the DCP topic when the account has DCP, so this connection keeps the venue's
/// dead-man switch alive), pings every 20 s, treats 45 s of silence as a dead socket, and reconnects with the public
/// feed's back-off and jitter. Orders and executions go to the <see cref="ExecutionTranslator"/>; each connection after
/// the first raises <see cref="Reconnected"/> so the adapter can catch up over REST what the stream missed.
/// </summary>
public sealed class BybitPrivateFeed : IDisposable
{
    private static readonly string[] BaseTopics = ["order", "execution", "position", "wallet"];
    private readonly Uri _url;
    private readonly BybitRequestSigner _signer;
    private readonly BybitServerClock _clock;
    private readonly ExecutionTranslator _translator;
    private readonly BybitStreamOptions _options;
    private readonly ILogger? _log;
    private readonly Random _jitter;
    private volatile BybitSocket? _socket;
    private bool _lost; // only the run loop touches it
    private long _connections;

    /// <summary>Creates the stream (not yet connected).</summary>
    public BybitPrivateFeed(Uri url, BybitRequestSigner signer, BybitServerClock clock, ExecutionTranslator translator, BybitStreamOptions options, ILogger? log)
    {
        _url = url;
        _signer = signer;
        _clock = clock;
        _translator = translator;
        _options = options;
        _log = log;
        _jitter = new Random(options.Seed);
    }

    /// <summary>Extra topics (the DCP topic when the account has DCP).</summary>
    public IReadOnlyList<string> ExtraTopics { get; init; } = [];

    /// <summary>Where <c>position</c> items go as the gate's perpetual risk inputs (mark, liquidation price); null: counted only.</summary>
    public PositionRiskTranslator? Positions { get; init; }

    /// <summary>Where <c>wallet</c> items go as the venue's per-coin balances (spot: what open orders lock); null: counted only.</summary>
    public WalletTranslator? Wallet { get; init; }

    /// <summary>Raised (on the stream's task) after a successful connection that follows a lost or failed one.</summary>
    public event Func<Task>? Reconnected;

    /// <summary>Raised when a connection is lost.</summary>
    public event Action<string>? Disconnected;

    /// <summary><c>position</c> messages received.</summary>
    public long PositionUpdates => Interlocked.Read(ref _positionUpdates);

    /// <summary><c>wallet</c> messages received.</summary>
    public long WalletUpdates => Interlocked.Read(ref _walletUpdates);

    private long _positionUpdates;
    private long _walletUpdates;

    /// <summary>Successful connections (authenticated and subscribed).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>True while a connection is up.</summary>
    public bool IsConnected => _socket?.State == WebSocketState.Open;

    /// <summary>Completes once the first connection is subscribed.</summary>
    public Task FirstConnection => _first.Task;

    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        int failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var socket = await BybitSocket.ConnectAsync(_url, _signer, _clock, trade: false, _options.ConnectTimeout, ct).ConfigureAwait(false);
                string topics = string.Join(',', BaseTopics.Concat(ExtraTopics).Select(t => JsonSerializer.Serialize(t)));
                await socket.SendAsync($"{{\"req_id\":\"sub\",\"op\":\"subscribe\",\"args\":[{topics}]}}", ct).ConfigureAwait(false);
                _socket = socket;
                failures = 0;
                await ReadAsync(socket, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (UnauthorizedAccessException ex)
            {
                _log?.LogError("{Message}", ex.Message);
                failures++;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or JsonException or IOException)
            {
                failures++;
            }

            _socket = null;
            if (ct.IsCancellationRequested) break;
            _lost = true;
            Disconnected?.Invoke("bybit private stream lost");
            var delay = _options.BackoffFor(failures) + TimeSpan.FromMilliseconds(_jitter.NextDouble() * _options.ReconnectJitter.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
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
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
        silence.CancelAfter(_options.SilenceTimeout);
        using var pinger = new PeriodicTimer(_options.PingInterval);
        var ping = PingAsync(socket, pinger, silence.Token);
        try
        {
            while (true)
            {
                using var doc = await socket.ReceiveAsync(silence.Token).ConfigureAwait(false);
                if (doc is null) return;
                silence.CancelAfter(_options.SilenceTimeout);
                var root = doc.RootElement;
                if (root.TryGetProperty("op", out var op) && op.GetString() == "subscribe")
                {
                    if (!(root.TryGetProperty("success", out var ok) && ok.ValueKind == JsonValueKind.True))
                    {
                        _log?.LogError("bybit private stream: subscribe refused: {Message}", root.TryGetProperty("ret_msg", out var m) ? m.GetString() : "");
                        return;
                    }

                    Interlocked.Increment(ref _connections);
                    _first.TrySetResult();
                    // Whatever was lost — a dropped connection, or a first attempt that failed after the engine was told
                    // the session is lost — is caught up and the session restored; a clean first connection has nothing to catch up.
                    if (_lost && Reconnected is { } handler) _ = Task.Run(handler, CancellationToken.None);
                    _lost = false;
                    continue;
                }

                Dispatch(root);
            }
        }
        finally
        {
            await silence.CancelAsync().ConfigureAwait(false);
            try
            {
                await ping.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
            {
            }
        }
    }

    private void Dispatch(JsonElement root)
    {
        if (!root.TryGetProperty("topic", out var t) || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) return;
        switch (t.GetString())
        {
            case "execution":
                foreach (var item in data.EnumerateArray())
                    if (BybitExecution.Read(item) is { } e) _translator.OnExecution(e);
                break;
            case "order":
                foreach (var item in data.EnumerateArray())
                    if (BybitOrderState.Read(item) is { } o) _translator.OnOrder(o);
                break;
            // Positions and the wallet follow from the fills; the engine's ledger books those, and reconciliation
            // compares with the venue's REST view. The stream's copies are not booked twice: a position gives only the
            // venue's mark and liquidation price, the gate's risk inputs; the wallet, the per-coin balances shown to the
            // operator (what spot orders lock).
            case "position":
                Interlocked.Increment(ref _positionUpdates);
                if (Positions is { } positions)
                    foreach (var item in data.EnumerateArray()) positions.OnPosition(item);
                break;
            case "wallet":
                Interlocked.Increment(ref _walletUpdates);
                if (Wallet is { } wallet)
                    foreach (var item in data.EnumerateArray()) wallet.OnWallet(item);
                break;
        }
    }

    private static async Task PingAsync(BybitSocket socket, PeriodicTimer timer, CancellationToken ct)
    {
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            await socket.SendAsync("{\"op\":\"ping\"}", ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _socket?.Dispose();
}
