using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bookmaker.Venues.Bybit.Ws;

/// <summary>
/// One Bybit v5 public WebSocket (a category: linear or spot) feeding the engine: subscribes <c>orderbook.{depth}</c>
/// and <c>publicTrade</c> for each symbol and checks every ack (a refused topic is counted and logged — a silent dead
/// topic would leave a book that never updates); pings every 20 s; turns snapshots, deltas and prints into
/// <see cref="MarketDataEvent"/>s with <c>Sequence = u</c>, <c>PreviousSequence = u − 1</c>. A delta whose <c>u</c> is not
/// the previous + 1 invalidates that book and resubscribes its topic (the venue answers with a fresh snapshot); a lost
/// connection invalidates every book, reports <see cref="VenueState.Disconnected"/>, and reconnects with back-off and
/// jitter, then resubscribes everything. Frames are assembled in one reused buffer and parsed without allocation.
/// </summary>
public sealed class BybitPublicFeed : IDisposable
{
    private readonly Uri _url;
    private readonly (byte[] Symbol, int Slot)[] _symbols;
    private readonly BybitStreamOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Random _jitter;
    private readonly BybitPublicMessage _message = new();
    private readonly long[] _lastU;
    private readonly SemaphoreSlim _send = new(1, 1);
    private long _requests;
    private long _lastMalformedLogTicks;

    /// <summary>Creates the stream for <paramref name="symbols"/> (venue symbol → engine instrument index).</summary>
    public BybitPublicFeed(Uri url, IReadOnlyList<(string Symbol, int Slot)> symbols, BybitStreamOptions options, TimeProvider time, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _url = url ?? throw new ArgumentNullException(nameof(url));
        _symbols = [.. symbols.Select(s => (Encoding.ASCII.GetBytes(s.Symbol), s.Slot))];
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _log = log ?? NullLogger.Instance;
        _jitter = new Random(options.Seed);
        _lastU = new long[_symbols.Length];
    }

    /// <summary>Optional tap of every raw frame with its receive time (UTC ticks), before it is parsed (the recorder).</summary>
    public Action<ReadOnlySpan<byte>, long>? RawObserver { get; init; }

    /// <summary>Venue name used in status events.</summary>
    public string Venue { get; init; } = Core.Instruments.VenueNames.Bybit;

    /// <summary>Connections made after the first.</summary>
    public long Reconnects { get; private set; }

    /// <summary><c>u</c> gaps seen (each followed by a resubscribe).</summary>
    public long Gaps { get; private set; }

    /// <summary>Malformed messages (counted; logged at most once a second).</summary>
    public long Malformed { get; private set; }

    /// <summary>Topics the venue refused, with its reason (last one per topic).</summary>
    public IReadOnlyDictionary<string, string> RefusedTopics => _refused;

    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);

    /// <summary>Snapshots applied (first and after each resync).</summary>
    public long Snapshots { get; private set; }

    /// <inheritdoc />
    public void Dispose() => _send.Dispose();

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled: connect, subscribe, read; reconnect on loss.</summary>
    public async Task RunAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        int attempt = 0;
        bool connectedBefore = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero; // the venue's own ping op keeps it alive
            bool heard = false;
            try
            {
                using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    connect.CancelAfter(_options.ConnectTimeout);
                    await socket.ConnectAsync(_url, connect.Token).ConfigureAwait(false);
                }

                if (connectedBefore)
                {
                    Reconnects++;
                    sink.OnVenueStatus(new VenueStatusEvent(Venue, VenueState.Reconnected, _time.GetUtcNow(), Text: "public stream reconnected; resubscribing"));
                }

                connectedBefore = true;
                Array.Clear(_lastU);
                await SubscribeAllAsync(socket, cancellationToken).ConfigureAwait(false);
                using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var pinger = PingLoopAsync(socket, session.Token);
                try
                {
                    heard = await ReadLoopAsync(socket, sink, session.Token).ConfigureAwait(false);
                }
                finally
                {
                    await session.CancelAsync().ConfigureAwait(false);
                    await pinger.ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or HttpRequestException)
            {
                if (cancellationToken.IsCancellationRequested) break;
                _log.LogWarning("bybit public stream {Url}: {Reason}", _url, e.Message);
            }

            if (cancellationToken.IsCancellationRequested) break;
            InvalidateAll(sink);
            sink.OnVenueStatus(new VenueStatusEvent(Venue, VenueState.Disconnected, _time.GetUtcNow(), Text: "public stream lost; reconnecting"));
            attempt = heard ? 0 : attempt + 1;
            var delay = _options.BackoffFor(attempt) + TimeSpan.FromMilliseconds(_jitter.NextDouble() * _options.ReconnectJitter.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<bool> ReadLoopAsync(ClientWebSocket socket, IVenueEventSink sink, CancellationToken ct)
    {
        var frame = new ArrayBufferWriter<byte>(64 * 1024);
        bool heard = false;
        // One silence timer for the connection, re-armed by each frame (CancelAfter reuses the source's timer): a
        // linked source per frame would allocate on every message.
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
        while (socket.State == WebSocketState.Open)
        {
            frame.ResetWrittenCount();
            silence.CancelAfter(_options.SilenceTimeout);
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(frame.GetMemory(16 * 1024), silence.Token).ConfigureAwait(false);
                frame.Advance(result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close) return heard;
            heard = true;
            RawObserver?.Invoke(frame.WrittenSpan, _time.GetUtcNow().UtcTicks);
            if (Handle(frame.WrittenSpan, sink) is { } resubscribe) await ResubscribeAsync(socket, resubscribe, ct).ConfigureAwait(false);
        }

        return heard;
    }

    // Returns the symbol index whose book must be resubscribed (a gap), or null.
    private int? Handle(ReadOnlySpan<byte> json, IVenueEventSink sink)
    {
        long now = _time.GetUtcNow().UtcTicks;
        switch (BybitPublicParser.Parse(json, _message))
        {
            case BybitPublicKind.OrderBook:
                return OnBook(sink, now);
            case BybitPublicKind.Trades:
                OnTrades(sink, now);
                return null;
            case BybitPublicKind.PriceLimit:
                OnPriceLimit(sink, now);
                return null;
            case BybitPublicKind.OpAnswer:
                if (!_message.Success && _message.Op is BybitOp.Subscribe or BybitOp.Unsubscribe) OnRefused();
                return null;
            case BybitPublicKind.Malformed:
                Malformed++;
                if (now - _lastMalformedLogTicks >= TimeSpan.TicksPerSecond)
                {
                    _lastMalformedLogTicks = now;
                    _log.LogWarning("bybit public stream: malformed message ({Reason}); {Count} so far", _message.Error, Malformed);
                }

                return null;
            default:
                return null;
        }
    }

    private int? OnBook(IVenueEventSink sink, long now)
    {
        int k = IndexOf(_message.SymbolUtf8);
        if (k < 0) return null;
        int slot = _symbols[k].Slot;
        long u = _message.UpdateId;
        long venueTicks = BybitMarketEvents.Ticks(_message.TimeMs);
        if (_message.IsSnapshot)
        {
            _lastU[k] = u;
            Snapshots++;
            sink.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, slot, Side.Buy, default, default, u, 0, venueTicks, now, true, _message.ToSnapshot()));
            return null;
        }

        long last = _lastU[k];
        if (last <= 0) return null; // waiting for the snapshot a resubscribe asked for
        if (u != last + 1)
        {
            Gaps++;
            _lastU[k] = -1;
            _log.LogWarning("bybit public stream: {Symbol} u jumped from {Last} to {U}; book invalidated, resubscribing", _message.Symbol, last, u);
            sink.OnMarketData(new MarketDataEvent(MarketDataKind.BookInvalidated, slot, Side.Buy, default, default, 0, 0, venueTicks, now));
            return k;
        }

        _lastU[k] = u;
        var target = new ToSink(sink);
        BybitMarketEvents.Delta(_message, slot, now, ref target);
        return null;
    }

    private void OnTrades(IVenueEventSink sink, long now)
    {
        int k = IndexOf(_message.SymbolUtf8);
        if (k < 0) return;
        var target = new ToSink(sink);
        BybitMarketEvents.Trades(_message, _symbols[k].Slot, now, ref target);
    }

    private void OnPriceLimit(IVenueEventSink sink, long now)
    {
        int k = IndexOf(_message.SymbolUtf8);
        if (k < 0) return;
        var target = new ToSink(sink);
        BybitMarketEvents.PriceBand(_message, _symbols[k].Slot, now, ref target);
    }

    /// <summary>Hands each event straight to the engine's sink.</summary>
    private readonly struct ToSink(IVenueEventSink sink) : IMarketEventTarget
    {
        public void Add(in MarketDataEvent e) => sink.OnMarketData(e);
    }

    private void OnRefused()
    {
        string reason = _message.RetMsg;
        int at = reason.IndexOf("topic:", StringComparison.Ordinal);
        string topic = at >= 0 ? reason[(at + 6)..] : "(unnamed)";
        _refused[topic] = reason;
        _log.LogError("bybit public stream: the venue refused subscription {Topic}: {Reason}", topic, reason);
    }

    private int IndexOf(ReadOnlySpan<byte> symbol)
    {
        for (int i = 0; i < _symbols.Length; i++)
        {
            if (symbol.SequenceEqual(_symbols[i].Symbol)) return i;
        }

        return -1;
    }

    private void InvalidateAll(IVenueEventSink sink)
    {
        long now = _time.GetUtcNow().UtcTicks;
        foreach (var (_, slot) in _symbols) sink.OnMarketData(new MarketDataEvent(MarketDataKind.BookInvalidated, slot, Side.Buy, default, default, 0, 0, now, now));
    }

    private string BookTopic(int k) => "orderbook." + _options.Depth.ToString(CultureInfo.InvariantCulture) + "." + Encoding.ASCII.GetString(_symbols[k].Symbol);

    private async Task SubscribeAllAsync(ClientWebSocket socket, CancellationToken ct)
    {
        // One request per symbol: a topic the venue refuses fails its whole request, and must not take the other
        // symbols' books down with it (each request holds 2 of the 10 args the venue allows).
        for (int k = 0; k < _symbols.Length; k++)
            await SendOpAsync(socket, "subscribe", [BookTopic(k), "publicTrade." + Encoding.ASCII.GetString(_symbols[k].Symbol)], ct).ConfigureAwait(false);
        // The price band in a request of its own: a venue (or category) without the topic must not cost the book.
        if (_options.PriceLimits)
        {
            for (int k = 0; k < _symbols.Length; k++)
                await SendOpAsync(socket, "subscribe", ["priceLimit." + Encoding.ASCII.GetString(_symbols[k].Symbol)], ct).ConfigureAwait(false);
        }
    }

    private async Task ResubscribeAsync(ClientWebSocket socket, int k, CancellationToken ct)
    {
        string[] topic = [BookTopic(k)];
        await SendOpAsync(socket, "unsubscribe", topic, ct).ConfigureAwait(false);
        await SendOpAsync(socket, "subscribe", topic, ct).ConfigureAwait(false);
    }

    private async Task PingLoopAsync(ClientWebSocket socket, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(_options.PingInterval, _time, ct).ConfigureAwait(false);
                await SendOpAsync(socket, "ping", [], ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The session is over; the read loop reports why.
        }
    }

    private async Task SendOpAsync(ClientWebSocket socket, string op, string[] args, CancellationToken ct)
    {
        var json = new StringBuilder("{\"req_id\":\"").Append(op).Append('-').Append(Interlocked.Increment(ref _requests).ToString(CultureInfo.InvariantCulture))
            .Append("\",\"op\":\"").Append(op).Append('"');
        if (args.Length > 0) json.Append(",\"args\":[").Append(string.Join(',', args.Select(a => "\"" + a + "\""))).Append(']');
        byte[] bytes = Encoding.UTF8.GetBytes(json.Append('}').ToString());
        await _send.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }
}
