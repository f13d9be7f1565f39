using System.Text;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Bybit.Wire;

/// <summary>What a public-stream message turned out to be.</summary>
public enum BybitPublicKind : byte
{
    /// <summary>Not decodable (bad JSON, a missing or malformed field); <see cref="BybitPublicMessage.Error"/> says why.</summary>
    Malformed,

    /// <summary>An <c>orderbook.{depth}.{symbol}</c> snapshot or delta.</summary>
    OrderBook,

    /// <summary>A <c>publicTrade.{symbol}</c> message (one or more prints).</summary>
    Trades,

    /// <summary>An answer to one of our ops (<c>subscribe</c>, <c>ping</c>…): see <see cref="BybitPublicMessage.Success"/>.</summary>
    OpAnswer,

    /// <summary>A <c>priceLimit.{symbol}</c> message: the live order-price band (<see cref="BybitPublicMessage.BuyLimit"/>, <see cref="BybitPublicMessage.SellLimit"/>).</summary>
    PriceLimit,

    /// <summary>A well-formed message of a topic this parser does not model (tickers, kline…).</summary>
    Other,
}

/// <summary>
/// One decoded public-stream message, reused from message to message (every buffer grows once and is kept), so the
/// parser allocates nothing per message in steady state. Valid until the next parse into the same instance.
/// </summary>
public sealed class BybitPublicMessage
{
    private readonly byte[] _symbol = new byte[32];
    private int _symbolLength;
    private string _symbolText = "";
    private readonly byte[] _retMsg = new byte[256];
    private int _retMsgLength;

    /// <summary>What the message is.</summary>
    public BybitPublicKind Kind { get; internal set; }

    /// <summary>True for a <c>snapshot</c> (the book is replaced), false for a <c>delta</c>.</summary>
    public bool IsSnapshot { get; internal set; }

    /// <summary>The depth named by the topic (1, 50, 200, 1000…; 0 when not an order-book topic).</summary>
    public int Depth { get; internal set; }

    /// <summary>Venue time of the message (<c>ts</c>), unix milliseconds.</summary>
    public long TimeMs { get; internal set; }

    /// <summary>Matching-engine time (<c>cts</c>), unix milliseconds; 0 when absent.</summary>
    public long MatchTimeMs { get; internal set; }

    /// <summary>Order-book update id <c>u</c> (consecutive per topic: a delta's is the previous one's + 1).</summary>
    public long UpdateId { get; internal set; }

    /// <summary>Cross-sequence <c>seq</c> (increasing, not consecutive).</summary>
    public long CrossSequence { get; internal set; }

    /// <summary>Bid levels of an order-book message.</summary>
    public BybitLevels Bids { get; } = new();

    /// <summary>A <c>priceLimit</c> message's <c>buyLmt</c>: the highest bid the venue accepts now.</summary>
    public Price BuyLimit { get; internal set; }

    /// <summary>A <c>priceLimit</c> message's <c>sellLmt</c>: the lowest ask the venue accepts now.</summary>
    public Price SellLimit { get; internal set; }

    /// <summary>Ask levels of an order-book message.</summary>
    public BybitLevels Asks { get; } = new();

    /// <summary>The prints of a trades message.</summary>
    public BybitTrades Trades { get; } = new();

    /// <summary>For an op answer: the venue's <c>success</c>.</summary>
    public bool Success { get; internal set; }

    /// <summary>For an op answer: the <c>op</c> it answers (<c>subscribe</c>, <c>ping</c>, <c>pong</c>…).</summary>
    public BybitOp Op { get; internal set; }

    /// <summary>Why the message is <see cref="BybitPublicKind.Malformed"/> (null otherwise).</summary>
    public string? Error { get; internal set; }

    /// <summary>
    /// The symbol of the topic or data (UTF-8). <see cref="Symbol"/> gives it as text, allocated only when it differs
    /// from the previous message's.
    /// </summary>
    public ReadOnlySpan<byte> SymbolUtf8 => _symbol.AsSpan(0, _symbolLength);

    /// <summary>The symbol as text (cached while it repeats).</summary>
    public string Symbol
    {
        get
        {
            if (_symbolText.Length != _symbolLength || !Ascii.Equals(SymbolUtf8, _symbolText)) _symbolText = Encoding.ASCII.GetString(SymbolUtf8);
            return _symbolText;
        }
    }

    /// <summary>The venue's <c>ret_msg</c> of an op answer (allocates; for the failure path).</summary>
    public string RetMsg => Encoding.UTF8.GetString(_retMsg, 0, _retMsgLength);

    internal void Reset()
    {
        Kind = BybitPublicKind.Other;
        IsSnapshot = false;
        Depth = 0;
        TimeMs = MatchTimeMs = UpdateId = CrossSequence = 0;
        BuyLimit = SellLimit = default;
        Bids.Clear();
        Asks.Clear();
        Trades.Clear();
        Success = false;
        Op = BybitOp.None;
        Error = null;
        _symbolLength = 0;
        _retMsgLength = 0;
    }

    internal bool SetSymbol(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0 || utf8.Length > _symbol.Length) return false;
        utf8.CopyTo(_symbol);
        _symbolLength = utf8.Length;
        return true;
    }

    internal void SetRetMsg(ReadOnlySpan<byte> utf8)
    {
        int n = Math.Min(utf8.Length, _retMsg.Length);
        utf8[..n].CopyTo(_retMsg);
        _retMsgLength = n;
    }

    /// <summary>The order-book message as a <see cref="BookSnapshot"/> (allocates: snapshots are the rare path).</summary>
    public BookSnapshot ToSnapshot()
    {
        var snapshot = new BookSnapshot { Sequence = UpdateId };
        for (int i = 0; i < Bids.Count; i++) snapshot.Bids.Add(new BookLevel(Bids.Prices[i], Bids.Sizes[i]));
        for (int i = 0; i < Asks.Count; i++) snapshot.Asks.Add(new BookLevel(Asks.Prices[i], Asks.Sizes[i]));
        return snapshot;
    }
}

/// <summary>The op an answer refers to.</summary>
public enum BybitOp : byte
{
    /// <summary>None or not recognised.</summary>
    None,

    /// <summary><c>subscribe</c>.</summary>
    Subscribe,

    /// <summary><c>unsubscribe</c>.</summary>
    Unsubscribe,

    /// <summary><c>ping</c> (the answer carries <c>ret_msg":"pong"</c> on public streams).</summary>
    Ping,

    /// <summary><c>pong</c> (private streams answer a ping with this op).</summary>
    Pong,

    /// <summary><c>auth</c>.</summary>
    Auth,
}

/// <summary>The prints of one <c>publicTrade</c> message, reused like <see cref="BybitLevels"/>.</summary>
public sealed class BybitTrades
{
    private Price[] _prices = new Price[16];
    private Quantity[] _sizes = new Quantity[16];
    private Side[] _aggressors = new Side[16];
    private long[] _timesMs = new long[16];

    /// <summary>Number of prints.</summary>
    public int Count { get; private set; }

    /// <summary>Prices.</summary>
    public ReadOnlySpan<Price> Prices => _prices.AsSpan(0, Count);

    /// <summary>Sizes.</summary>
    public ReadOnlySpan<Quantity> Sizes => _sizes.AsSpan(0, Count);

    /// <summary>The taker's side of each print (<c>S</c>).</summary>
    public ReadOnlySpan<Side> Aggressors => _aggressors.AsSpan(0, Count);

    /// <summary>Match times (<c>T</c>), unix milliseconds.</summary>
    public ReadOnlySpan<long> TimesMs => _timesMs.AsSpan(0, Count);

    /// <summary>Empties the buffer.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends one print.</summary>
    public void Add(Price price, Quantity size, Side aggressor, long timeMs)
    {
        if (Count == _prices.Length)
        {
            Array.Resize(ref _prices, Count * 2);
            Array.Resize(ref _sizes, Count * 2);
            Array.Resize(ref _aggressors, Count * 2);
            Array.Resize(ref _timesMs, Count * 2);
        }

        _prices[Count] = price;
        _sizes[Count] = size;
        _aggressors[Count] = aggressor;
        _timesMs[Count] = timeMs;
        Count++;
    }
}
