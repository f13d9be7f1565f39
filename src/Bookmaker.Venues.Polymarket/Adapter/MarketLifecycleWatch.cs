using System.Collections.Concurrent;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Http;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Keeps the engine's picture of each market's tick and lifecycle in step with the venue when the stream cannot be
/// trusted to have said it: an off-tick reject re-reads the market's tick over REST (<c>GET /tick-size</c>) — a
/// <c>tick_size_change</c> may have been lost — and so does every market of a market-channel connection after it
/// reconnects; a "market unavailable" reject reads the market's record (<c>GET /markets/{condition_id}</c>) and reports a
/// closed or not-accepting market as <see cref="VenueState.MarketClosed"/>. A tick that differs from the instrument's
/// is delivered as a <see cref="MarketDataKind.TickSizeChange"/> through the market channel that carries the token (so
/// it cannot cut into a message of that channel). One read per market at a time: a burst of rejects costs one call.
/// </summary>
internal sealed class MarketLifecycleWatch
{
    private readonly PolymarketRestClient _rest;
    private readonly AdapterInstruments _instruments;
    private readonly VenueEventReporter _events;
    private readonly ConcurrentDictionary<string, byte> _tickReads = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _statusReads = new(StringComparer.OrdinalIgnoreCase);
    private long _tickRereads;
    private long _ticksChanged;

    /// <summary>Creates the watch; <see cref="DeliverTick"/> must be set before the first read completes.</summary>
    public MarketLifecycleWatch(PolymarketRestClient rest, AdapterInstruments instruments, VenueEventReporter events)
    {
        _rest = rest;
        _instruments = instruments;
        _events = events;
    }

    /// <summary>Delivers a tick change of one instrument (index, token, new tick) to the engine.</summary>
    public Action<int, string, Price>? DeliverTick { get; set; }

    /// <summary>Ticks re-read over REST.</summary>
    public long TickRereads => Interlocked.Read(ref _tickRereads);

    /// <summary>Re-reads that found a tick different from the instrument's.</summary>
    public long TicksChanged => Interlocked.Read(ref _ticksChanged);

    /// <summary>The venue refused an order on <paramref name="instrument"/>: re-reads what the refusal puts in doubt.</summary>
    public Task OnRejectAsync(InstrumentId instrument, RejectReason reason)
    {
        if (!_instruments.TryGet(instrument, out var info)) return Task.CompletedTask;
        return reason switch
        {
            RejectReason.InvalidTick => RereadTickAsync(info.Market),
            RejectReason.MarketUnavailable => CheckMarketAsync(info.Market),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>A market-channel connection came back: a <c>tick_size_change</c> sent while it was down is lost, so re-read every tick.</summary>
    public async Task OnReconnectedAsync(IReadOnlyList<string> assets)
    {
        var markets = new List<PolymarketMarket>();
        foreach (string token in assets)
        {
            if (_instruments.TryGet(new InstrumentId(VenueNames.Polymarket, token), out var info) && !markets.Contains(info.Market)) markets.Add(info.Market);
        }

        foreach (var m in markets) await RereadTickAsync(m).ConfigureAwait(false);
    }

    private async Task RereadTickAsync(PolymarketMarket market)
    {
        if (!_tickReads.TryAdd(market.ConditionId, 0)) return;
        try
        {
            Interlocked.Increment(ref _tickRereads);
            var r = await _rest.GetTickSizeAsync(market.YesTokenId).ConfigureAwait(false);
            if (!r.IsSuccess || r.Value!.MinimumTickSize.Raw <= 0) return; // unreadable: the reject backoff keeps the market quiet meanwhile
            var tick = r.Value.MinimumTickSize;
            foreach (string token in new[] { market.YesTokenId, market.NoTokenId })
            {
                if (!_instruments.TryGet(new InstrumentId(VenueNames.Polymarket, token), out var info) || info.Instrument.TickSize == tick) continue;
                Interlocked.Increment(ref _ticksChanged);
                DeliverTick?.Invoke(info.Instrument.Index, token, tick);
            }
        }
        finally
        {
            _tickReads.TryRemove(market.ConditionId, out _);
        }
    }

    private async Task CheckMarketAsync(PolymarketMarket market)
    {
        if (!_statusReads.TryAdd(market.ConditionId, 0)) return;
        try
        {
            var r = await _rest.GetMarketAsync(market.ConditionId).ConfigureAwait(false);
            if (r.IsSuccess && MarketTradability.WhyNot(r.Value!) is { } why)
                _events.MarketClosed(market.ConditionId, $"market {why} (read after an order was refused as market unavailable)");
            else if (!r.IsSuccess && r.HttpStatus == 404)
                _events.MarketClosed(market.ConditionId, "market no longer listed (read after an order was refused as market unavailable)");
        }
        finally
        {
            _statusReads.TryRemove(market.ConditionId, out _);
        }
    }
}
