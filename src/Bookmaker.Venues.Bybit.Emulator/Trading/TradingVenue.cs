using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Venues.Bybit.Emulator.Trading;

/// <summary>
/// The emulator's trading side behind one lock: the desk (orders over the matching engine), the request guard and the
/// per-endpoint budgets, the server clock (with a skew tests can set), the private-stream sessions that hear the
/// account's changes, and DCP (a product's orders are cancelled once every session subscribed to its <c>dcp.*</c> topic
/// has been gone for longer than the window).
/// </summary>
public sealed class TradingVenue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<StreamSession> _sessions = [];
    private readonly Dictionary<string, int> _dcpWindows = new(StringComparer.Ordinal); // product → seconds
    private readonly Dictionary<string, long> _dcpDownSince = new(StringComparer.Ordinal);
    private readonly ITimer _timer;
    private readonly ITimer? _funding;
    private long _skewMs;

    internal TradingVenue(BybitEmulatorOptions options)
    {
        Options = options;
        Desk = new TradingDesk(options, ServerNowMs) { Publish = Broadcast };
        Guard = new RequestGuard(options.ApiKey, options.ApiSecret);
        _timer = TimeProvider.System.CreateTimer(_ => CheckDcp(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        if (options.FundingInterval > TimeSpan.Zero)
            _funding = TimeProvider.System.CreateTimer(_ => SettleAllFunding(), null, options.FundingInterval, options.FundingInterval);
    }

    // Every perpetual's position pays or receives one interval's funding at the configured rate.
    private void SettleAllFunding()
    {
        lock (_gate)
            foreach (var s in Options.Symbols.Where(s => s.Category == BybitCategory.Linear)) Desk.SettleFunding(s.Symbol, Options.FundingRate);
    }

    internal BybitEmulatorOptions Options { get; }

    internal TradingDesk Desk { get; }

    internal RequestGuard Guard { get; }

    internal EndpointRateLimits Limits { get; } = new();

    internal Lock Gate => _gate;

    /// <summary>The API key the emulator accepts (a test tool's key).</summary>
    public string ApiKey => Options.ApiKey;

    /// <summary>Its secret (a test tool's: it guards nothing).</summary>
    public string ApiSecret => Options.ApiSecret;

    /// <summary>The venue's clock: the machine's plus the skew tests set.</summary>
    public long ServerNowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + Interlocked.Read(ref _skewMs);

    /// <summary>Moves the venue's clock away from the machine's (a client must re-sync, or meet 10002).</summary>
    public void SetClockSkew(TimeSpan skew) => Interlocked.Exchange(ref _skewMs, (long)skew.TotalMilliseconds);

    /// <summary>Order requests are handled at once but answered this much later (tests make a create that landed time out).</summary>
    public TimeSpan OrderDelay { get; set; }

    /// <summary>Order requests received (REST and trade WebSocket, batch items counted one each).</summary>
    public long OrderRequests { get; internal set; }

    /// <summary>Requests refused with 10006.</summary>
    public long RateLimited { get; internal set; }

    /// <summary>Requests refused with 10002.</summary>
    public long TimestampRefusals { get; internal set; }

    /// <summary>Orders DCP cancelled.</summary>
    public long DcpCancelled { get; private set; }

    /// <summary>Open orders of the API account.</summary>
    public int OpenOrderCount
    {
        get
        {
            lock (_gate) return Desk.Orders.Count(o => o.IsOpen);
        }
    }

    /// <summary>The status of the order with this orderLinkId (null when the venue never saw it).</summary>
    public string? StatusOf(string orderLinkId)
    {
        lock (_gate) return Desk.Find(null, orderLinkId)?.Status;
    }

    /// <summary>The account's signed position in <paramref name="symbol"/>.</summary>
    public Quantity Position(string symbol)
    {
        lock (_gate) return Desk.Position(symbol);
    }

    /// <summary>
    /// Moves <paramref name="symbol"/>'s order-price band: <c>/v5/market/price-limit</c> and the <c>priceLimit</c> topic
    /// publish it, and a buy above <paramref name="buyLimit"/> or a sell below <paramref name="sellLimit"/> is refused
    /// (30208 / 30209 on derivatives, 170371 / 170372 on spot).
    /// </summary>
    public void SetPriceBand(string symbol, Price buyLimit, Price sellLimit)
    {
        lock (_gate) Desk.SetPriceBand(symbol, buyLimit, sellLimit);
    }

    /// <summary>States the mark and liquidation price <paramref name="symbol"/>'s position reports (the emulator models no margin) and pushes them on the position stream.</summary>
    public void SetPositionRisk(string symbol, Price mark, Price liquidation)
    {
        lock (_gate) Desk.SetPositionRisk(symbol, mark, liquidation);
    }

    /// <summary>
    /// Settles one funding interval of <paramref name="symbol"/>'s position at <paramref name="rate"/> (positive: longs
    /// pay) on the position's mark: cash moves, a <c>Funding</c> execution is recorded (<c>/v5/execution/list</c>) and
    /// pushed on the private stream. Returns its execId and what the account paid (execFee; negative: received), or null
    /// when the position is flat.
    /// </summary>
    public (string ExecId, Money Paid)? SettleFunding(string symbol, decimal rate)
    {
        lock (_gate) return Desk.SettleFunding(symbol, rate) is { } e ? (e.ExecId, e.Fee) : null;
    }

    /// <summary>Funding settlements so far (the periodic ones of <see cref="BybitEmulatorOptions.FundingInterval"/> and the ones tests ask for).</summary>
    public int FundingSettlements
    {
        get
        {
            lock (_gate) return Desk.Executions.Count(e => e.ExecType == "Funding");
        }
    }

    /// <summary>The band <paramref name="symbol"/> publishes now (buyLmt, sellLmt).</summary>
    public (Price BuyLimit, Price SellLimit) PriceBand(string symbol)
    {
        lock (_gate) return Desk.PriceBand(symbol);
    }

    /// <summary>The house sends an IOC that takes the book up to <paramref name="price"/> (fills our resting orders).</summary>
    public void HouseTake(string symbol, Side side, Price price, Quantity qty)
    {
        lock (_gate) Desk.House(symbol, side, price, qty, rest: false);
    }

    /// <summary>The house rests a GTC order (liquidity our orders can take or cross).</summary>
    public void HouseRest(string symbol, Side side, Price price, Quantity qty)
    {
        lock (_gate) Desk.House(symbol, side, price, qty, rest: true);
    }

    /// <summary>Sends the last execution again on the private streams' execution topic (a duplicate delivery).</summary>
    public void ReplayLastExecution()
    {
        lock (_gate)
        {
            var last = Desk.Executions[^1];
            Broadcast("execution", TradingDesk.Frame("execution", ServerNowMs(), last.Write));
        }
    }

    /// <summary>Aborts every private and trade socket; returns how many.</summary>
    public int DropStreams()
    {
        List<StreamSession> all;
        lock (_gate) all = [.. _sessions];
        foreach (var s in all) s.Connection.Socket.Abort();
        return all.Count;
    }

    /// <summary>Open private and trade sockets.</summary>
    public int StreamCount
    {
        get
        {
            lock (_gate) return _sessions.Count;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        _funding?.Dispose();
    }

    internal void Add(StreamSession session)
    {
        lock (_gate) _sessions.Add(session);
    }

    internal void Remove(StreamSession session)
    {
        lock (_gate)
        {
            _sessions.Remove(session);
            foreach (string product in _dcpWindows.Keys)
                if (!_dcpDownSince.ContainsKey(product) && !_sessions.Any(s => s.Topics.Contains(DcpTopic(product))))
                    _dcpDownSince[product] = ServerNowMs();
        }
    }

    /// <summary>DCP set for <paramref name="product"/> (under the lock).</summary>
    internal void SetDcp(string product, int seconds) => _dcpWindows[product] = seconds;

    /// <summary>What query-dcp-info lists (under the lock).</summary>
    internal IReadOnlyDictionary<string, int> DcpWindows => _dcpWindows;

    /// <summary>A session subscribed to a dcp topic: its product is alive again (under the lock).</summary>
    internal void DcpAlive(string topic)
    {
        foreach (string product in _dcpWindows.Keys)
            if (DcpTopic(product) == topic) _dcpDownSince.Remove(product);
    }

    internal static string DcpTopic(string product) => product switch { "SPOT" => "dcp.spot", "OPTIONS" => "dcp.option", _ => "dcp.future" };

    private void CheckDcp()
    {
        lock (_gate)
        {
            long now = ServerNowMs();
            foreach (var (product, since) in _dcpDownSince.ToList())
            {
                if (now - since <= _dcpWindows[product] * 1000L) continue;
                _dcpDownSince.Remove(product);
                BybitCategory? category = product switch { "SPOT" => BybitCategory.Spot, "DERIVATIVES" => BybitCategory.Linear, _ => null };
                if (category is not null) DcpCancelled += Desk.CancelAll(category, null, "CancelByDCP").Count;
            }
        }
    }

    // Under the lock (the desk publishes while it changes state): frames are queued in the order the state changed.
    private void Broadcast(string topic, string frame)
    {
        foreach (var s in _sessions)
            if (s.Authenticated && s.Topics.Contains(topic)) s.Connection.Send(frame);
    }
}
