using System.Globalization;
using System.Text;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Bybit.Emulator;

/// <summary>
/// One symbol's synthetic order book: <c>levels</c> price levels a side on the tick grid around a mid that takes
/// seeded random steps, sizes that change a few levels at a time, and occasional trades at the touch. Every step is
/// one delta with the next update id <c>u</c>, as the venue numbers them. Not thread-safe: the emulator serializes
/// access under its own lock.
/// </summary>
internal sealed class EmulatedBook
{
    private readonly EmulatedSymbol _symbol;
    private readonly int _levels;
    private readonly Random _random;
    private readonly SortedDictionary<long, long> _bids = new(); // tick index → size (raw)
    private readonly SortedDictionary<long, long> _asks = new();
    private readonly List<(bool Bid, long Tick, long Size)> _changes = [];
    private long _midTick;
    private long _seq;
    private int _skip;

    public EmulatedBook(EmulatedSymbol symbol, int levels, int seed)
    {
        _symbol = symbol;
        _levels = levels;
        _random = new Random(seed);
        _midTick = symbol.Mid.Raw / symbol.Tick.Raw;
        for (int i = 1; i <= levels; i++)
        {
            _bids[_midTick - i] = RandomSize();
            _asks[_midTick + i] = RandomSize();
        }

        UpdateId = 1;
        _seq = 1_000_000;
    }

    /// <summary>The symbol.</summary>
    public EmulatedSymbol Symbol => _symbol;

    /// <summary>The last print: taker side, price, size (the house replays it against the trading side).</summary>
    public (Side Taker, Price Price, Quantity Size) LastTrade { get; private set; }

    /// <summary>The last update id published.</summary>
    public long UpdateId { get; private set; }

    /// <summary>Best bid and ask prices.</summary>
    public (Price Bid, Price Ask) Touch => (PriceOf(_bids.Keys.Max()), PriceOf(_asks.Keys.Min()));

    /// <summary>The next delta skips <paramref name="count"/> update ids (a gap as a client would see it).</summary>
    public void SkipUpdateIds(int count) => _skip += count;

    /// <summary>One step of the market: a delta message (null when nothing changed) and, sometimes, a trade message.</summary>
    public (string? Delta, string? Trade, bool TouchChanged) Step(long nowMs)
    {
        _changes.Clear();
        var before = (_bids.Keys.Max(), _asks.Keys.Min());
        if (_random.NextDouble() < 0.15) Shift(_random.Next(2) == 0 ? -1 : 1);
        for (int k = 0; k < 3; k++)
        {
            bool bid = _random.Next(2) == 0;
            long tick = bid ? _midTick - 1 - _random.Next(_levels) : _midTick + 1 + _random.Next(_levels);
            Set(bid, tick, RandomSize());
        }

        string? trade = null;
        if (_random.NextDouble() < 0.2)
        {
            bool buy = _random.Next(2) == 0;
            long tick = buy ? _asks.Keys.Min() : _bids.Keys.Max();
            long size = _symbol.QtyStep.Raw * _random.Next(1, 20);
            trade = TradeJson(buy, tick, size, nowMs);
            LastTrade = (buy ? Side.Buy : Side.Sell, PriceOf(tick), new Quantity(size));
        }

        if (_changes.Count == 0) return (null, trade, false);
        UpdateId += 1 + _skip;
        _skip = 0;
        _seq += _random.Next(1, 50);
        return (BookJson(_levels, snapshot: false, nowMs), trade, before != (_bids.Keys.Max(), _asks.Keys.Min()));
    }

    /// <summary>The snapshot a new subscription of <paramref name="depth"/> receives (the top <paramref name="depth"/> levels).</summary>
    public string Snapshot(int depth, long nowMs) => BookJson(depth, snapshot: true, nowMs);

    /// <summary>The book of <c>/v5/market/orderbook</c>: <c>result</c> of the REST answer.</summary>
    public string RestResult(int limit, long nowMs)
    {
        var sb = new StringBuilder("{\"s\":\"").Append(_symbol.Symbol).Append("\",\"b\":");
        Levels(sb, _bids.Reverse().Take(limit));
        sb.Append(",\"a\":");
        Levels(sb, _asks.Take(limit));
        return sb.Append(",\"ts\":").Append(nowMs).Append(",\"u\":").Append(UpdateId).Append(",\"seq\":").Append(_seq).Append(",\"cts\":").Append(nowMs).Append('}').ToString();
    }

    private void Shift(int direction)
    {
        long oldMid = _midTick;
        _midTick += direction;
        if (direction > 0)
        {
            Remove(false, oldMid + 1);
            Set(true, oldMid, RandomSize());
            Remove(true, oldMid - _levels);
            Set(false, _midTick + _levels, RandomSize());
        }
        else
        {
            Remove(true, oldMid - 1);
            Set(false, oldMid, RandomSize());
            Remove(false, oldMid + _levels);
            Set(true, _midTick - _levels, RandomSize());
        }
    }

    private void Set(bool bid, long tick, long size)
    {
        (bid ? _bids : _asks)[tick] = size;
        _changes.Add((bid, tick, size));
    }

    private void Remove(bool bid, long tick)
    {
        if ((bid ? _bids : _asks).Remove(tick)) _changes.Add((bid, tick, 0));
    }

    private long RandomSize() => _symbol.QtyStep.Raw * _random.Next(1, 1000);

    private Price PriceOf(long tick) => new(tick * _symbol.Tick.Raw);

    private string BookJson(int depth, bool snapshot, long nowMs)
    {
        var sb = new StringBuilder("{\"topic\":\"orderbook.").Append(depth.ToString(CultureInfo.InvariantCulture)).Append('.').Append(_symbol.Symbol)
            .Append("\",\"type\":\"").Append(snapshot ? "snapshot" : "delta").Append("\",\"ts\":").Append(nowMs)
            .Append(",\"data\":{\"s\":\"").Append(_symbol.Symbol).Append("\",\"b\":");
        if (snapshot) Levels(sb, _bids.Reverse().Take(depth));
        else Levels(sb, _changes.Where(c => c.Bid).Select(c => new KeyValuePair<long, long>(c.Tick, c.Size)));
        sb.Append(",\"a\":");
        if (snapshot) Levels(sb, _asks.Take(depth));
        else Levels(sb, _changes.Where(c => !c.Bid).Select(c => new KeyValuePair<long, long>(c.Tick, c.Size)));
        return sb.Append(",\"u\":").Append(UpdateId).Append(",\"seq\":").Append(_seq).Append("},\"cts\":").Append(nowMs - 1).Append('}').ToString();
    }

    private void Levels(StringBuilder sb, IEnumerable<KeyValuePair<long, long>> levels)
    {
        sb.Append('[');
        bool first = true;
        foreach (var (tick, size) in levels)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append("[\"").Append(PriceOf(tick).ToString()).Append("\",\"").Append(new Quantity(size).ToString()).Append("\"]");
        }

        sb.Append(']');
    }

    private string TradeJson(bool buy, long tick, long size, long nowMs) =>
        new StringBuilder("{\"topic\":\"publicTrade.").Append(_symbol.Symbol).Append("\",\"type\":\"snapshot\",\"ts\":").Append(nowMs)
            .Append(",\"data\":[{\"T\":").Append(nowMs).Append(",\"s\":\"").Append(_symbol.Symbol).Append("\",\"S\":\"").Append(buy ? "Buy" : "Sell")
            .Append("\",\"v\":\"").Append(new Quantity(size).ToString()).Append("\",\"p\":\"").Append(PriceOf(tick).ToString())
            .Append("\",\"L\":\"ZeroPlusTick\",\"i\":\"").Append("t-").Append(_seq).Append("\",\"BT\":false,\"seq\":").Append(_seq).Append("}]}").ToString();
}
