using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The emulated venue behind the HTTP and WebSocket routes: one lock around parts that each do one job — markets
/// (<see cref="EmulatedMarkets"/>), keys and accounts (<see cref="EmulatorAccounts"/>, <see cref="EmulatorAuthenticator"/>),
/// trading modes and rate limits (<see cref="TradingModes"/>, <see cref="KeyRateLimits"/>), order intake and execution
/// over the simulated <see cref="MatchingEngine"/> (<see cref="SignedOrderIntake"/>, <see cref="OrderExecution"/>,
/// <see cref="OrderRecords"/>), account and market reads (<see cref="AccountQueries"/>, <see cref="RewardScoring"/>, <see cref="ClobMarketData"/>,
/// <see cref="GammaCatalogue"/>), heartbeats and trade settlement on the periodic timer (<see cref="HeartbeatSessions"/>,
/// <see cref="TradeSettlement"/>) and the streams (<see cref="WsSubscribers"/>, <see cref="SubscriptionDesk"/>,
/// <see cref="StreamPublisher"/>).
/// </summary>
/// <remarks>
/// Every entry point takes the one lock, so the single-threaded engine sees one caller at a time and WebSocket frames
/// are queued in the order the state changed. The parts never lock themselves (the authenticator's key lookup aside,
/// which shares this lock so the HMAC can run outside it).
/// </remarks>
internal sealed class EmulatorVenue : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly MatchingEngine _engine;
    private readonly EmulatedMarkets _markets;
    private readonly EmulatorAccounts _accounts;
    private readonly EmulatorAuthenticator _auth;
    private readonly TradingModes _modes;
    private readonly KeyRateLimits _rates;
    private readonly OrderRecords _records = new();
    private readonly SignedOrderIntake _intake;
    private readonly OrderExecution _execution;
    private readonly AccountQueries _queries;
    private readonly RewardScoring _scoring;
    private readonly ClobMarketData _marketData;
    private readonly GammaCatalogue _gamma;
    private readonly HeartbeatSessions _heartbeats;
    private readonly TradeSettlement _settlement;
    private readonly WsSubscribers _subscribers = new();
    private readonly SubscriptionDesk _subscriptions;
    private readonly StreamPublisher _publish;
    private readonly HouseFlow _flow;
    private readonly ITimer _timer;

    public EmulatorVenue(EmulatorOptions options)
    {
        Options = options;
        _time = options.Time;
        _engine = new MatchingEngine(_time, VenueRules.Polymarket, SelfTradePrevention.CancelMaker);
        _markets = new EmulatedMarkets(_engine, options.Markets);
        _accounts = new EmulatorAccounts(_engine, _markets, options);
        _auth = new EmulatorAuthenticator(_accounts, options, _gate);
        _modes = new TradingModes(_time);
        _rates = new KeyRateLimits(options);
        var hashes = new HashSequence();
        var books = new BookViews(_engine, _markets, hashes, _time);
        _publish = new StreamPublisher(_engine, _subscribers, hashes, _time);
        _intake = new SignedOrderIntake(_markets, _records, options);
        _settlement = new TradeSettlement(_engine, _records, _publish, options);
        _execution = new OrderExecution(_engine, _records, _publish, _time, _settlement);
        _queries = new AccountQueries(_engine, _markets, _records, options, _settlement);
        _scoring = new RewardScoring(_engine, _records, _time);
        _marketData = new ClobMarketData(_markets, books, options);
        _gamma = new GammaCatalogue(_engine, _markets);
        _heartbeats = new HeartbeatSessions(_accounts, _execution, options);
        _subscriptions = new SubscriptionDesk(_markets, _accounts, books, _subscribers);
        _flow = new HouseFlow(_engine, _markets, _accounts, _execution, hashes, _time);
        _timer = _time.CreateTimer(_ => ProcessDue(), null, options.TimerPeriod, options.TimerPeriod);
    }

    public TimeProvider Time => _time;

    public EmulatorOptions Options { get; }

    /// <summary>Orders placed and cancelled through the API, in order ("posted {id} {side} {price} {size}", "cancelled {id}").</summary>
    public IReadOnlyList<string> OrderTrail()
    {
        lock (_gate) return [.. _execution.Trail];
    }

    /// <summary>Orders received through POST /order and /orders from API keys (the house flow is not counted).</summary>
    public long OrdersPosted { get; private set; }

    /// <summary>POST /v1/heartbeats requests received (any key, answered or not).</summary>
    public long HeartbeatsReceived => _heartbeats.Received;

    /// <summary>What GET /api/geoblock answers.</summary>
    public EmulatedGeoblock Geoblock { get; set; } = new(false, "IE", "D");

    /// <summary>What GET /auth/ban-status/closed-only answers for every key.</summary>
    public bool ClosedOnly { get; set; }

    /// <summary>Orders of <paramref name="apiKey"/> still resting on the book.</summary>
    public int RestingOrderCount(string apiKey)
    {
        lock (_gate) return _records.Orders.Count(o => o.Resting && o.Owner.Key == apiKey);
    }

    /// <summary>Orders of <paramref name="apiKey"/> still resting in one market.</summary>
    public int RestingOrderCount(string apiKey, string conditionId)
    {
        lock (_gate)
            return _records.Orders.Count(o => o.Resting && o.Owner.Key == apiKey && string.Equals(o.Market.ConditionId, conditionId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// <paramref name="apiKey"/>'s best resting bid in the market <paramref name="conditionId"/> on its YES view — a YES
    /// bid at p, or a NO ask at 1 − p (the book is one canonical book, so a taker selling YES meets either) — or null.
    /// </summary>
    public Price? BestRestingYesBid(string apiKey, string conditionId)
    {
        lock (_gate)
        {
            var bids = _records.Orders
                .Where(o => o.Resting && o.Owner.Key == apiKey && string.Equals(o.Market.ConditionId, conditionId, StringComparison.OrdinalIgnoreCase))
                .Where(o => (o.Slot == o.Market.YesSlot) == (o.Side == Side.Buy))
                .Select(o => o.Slot == o.Market.YesSlot ? o.Price : o.Price.Complement())
                .ToList();
            return bids.Count == 0 ? null : bids.Max();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate) _accounts.Dispose();
    }

    // ------------------------------------------------------------------ keys and authentication

    /// <summary>The key deterministically derived from (address, nonce); created when <paramref name="create"/>, else null if never created.</summary>
    public ApiKeyRecord? GetOrCreateKey(EthereumAddress address, ulong nonce, bool create)
    {
        lock (_gate) return _accounts.GetOrCreate(address, nonce, create);
    }

    /// <inheritdoc cref="EmulatorAuthenticator.AuthenticateL2"/>
    public ApiKeyRecord? AuthenticateL2(Func<string, string?> header, string method, string path, ReadOnlySpan<byte> body) =>
        _auth.AuthenticateL2(header, method, path, body);

    /// <inheritdoc cref="EmulatorAuthenticator.AuthenticateL1"/>
    public bool AuthenticateL1(Func<string, string?> header, out EthereumAddress address, out ulong nonce) =>
        _auth.AuthenticateL1(header, out address, out nonce);

    // ------------------------------------------------------------------ gates: restart, mode, rate limit

    /// <inheritdoc cref="TradingModes.Gate"/>
    public EmuResponse? Gate(bool trading, bool placesOrders, bool allPostOnly)
    {
        lock (_gate) return _modes.Gate(trading, placesOrders, allPostOnly);
    }

    /// <inheritdoc cref="KeyRateLimits.Take"/>
    public EmuResponse? TakeRate(ApiKeyRecord key, bool cancel, int cost, Dictionary<string, string> headers)
    {
        lock (_gate) return _rates.Take(key, cancel, cost, headers);
    }

    /// <inheritdoc cref="KeyRateLimits.DebitCancels"/>
    public void DebitCancels(ApiKeyRecord key, int count)
    {
        lock (_gate) KeyRateLimits.DebitCancels(key, count);
    }

    // ------------------------------------------------------------------ orders

    /// <inheritdoc cref="SignedOrderIntake.CountOrders"/>
    public static int CountOrders(JsonElement body) => SignedOrderIntake.CountOrders(body);

    /// <inheritdoc cref="SignedOrderIntake.AllPostOnly"/>
    public static bool AllPostOnly(JsonElement body) => SignedOrderIntake.AllPostOnly(body);

    /// <summary>POST /order.</summary>
    public EmuResponse PostOrder(ApiKeyRecord key, JsonElement body)
    {
        lock (_gate)
        {
            OrdersPosted++;
            CheckedOrder c = _intake.Check(key, body);
            if (c.Error is not null) return EmuResponse.Error(400, c.Error);
            if (!Allowed(c)) return EmuResponse.Error(400, NotEnoughBalance);
            var (ok, error, result) = _execution.Submit(c.Record!, c.Order);
            if (ok) _execution.NotePosted(c);
            return ok ? EmuResponse.Json(result!) : EmuResponse.Error(400, error!);
        }
    }

    /// <summary>POST /orders: ≤ 15, each order answered on its own.</summary>
    public EmuResponse PostOrders(ApiKeyRecord key, JsonElement body)
    {
        lock (_gate)
        {
            if (body.ValueKind != JsonValueKind.Array) return EmuResponse.Error(400, VenueTexts.InvalidPayload);
            int n = body.GetArrayLength();
            if (n > OrderJson.MaxBatchSize) return EmuResponse.Error(400, VenueTexts.BatchTooLarge(n));
            var results = new JsonArray();
            foreach (JsonElement item in body.EnumerateArray())
            {
                OrdersPosted++;
                CheckedOrder c = _intake.Check(key, item);
                if (c.Error is not null)
                {
                    results.Add(OrderExecution.Failure(c.Record?.Id ?? "", c.Error));
                    continue;
                }

                if (!Allowed(c))
                {
                    results.Add(OrderExecution.Failure(c.Record!.Id, NotEnoughBalance));
                    continue;
                }

                var (ok, error, result) = _execution.Submit(c.Record!, c.Order);
                if (ok) _execution.NotePosted(c);
                results.Add(ok ? result : OrderExecution.Failure(c.Record!.Id, error!));
            }

            return EmuResponse.Json(results);
        }
    }

    // The venue's words when tokens are missing, or have not settled yet (field lessons, item 1).
    private const string NotEnoughBalance = "not enough balance / allowance";

    // A SELL of tokens whose trades have not settled is refused, as the venue refuses tokens it does not hold on chain
    // yet; without the allowance for what the order spends (pUSD for a BUY, tokens for a SELL) it is refused the same way.
    private bool Allowed(CheckedOrder c) => c.Order.Side == Side.Buy
        ? c.Record!.Owner.CollateralApproved
        : c.Record!.Owner.TokensApproved && _settlement.CanSell(c.Order.Account, c.Order.Instrument, c.Order.Size);

    /// <inheritdoc cref="OrderExecution.Cancel"/>
    public EmuResponse Cancel(ApiKeyRecord key, IReadOnlyList<string> ids)
    {
        lock (_gate) return _execution.Cancel(key, ids);
    }

    /// <inheritdoc cref="OrderExecution.CancelWhere"/>
    public (EmuResponse Response, int Count) CancelWhere(ApiKeyRecord key, string? conditionId, string? assetId)
    {
        lock (_gate) return _execution.CancelWhere(key, conditionId, assetId);
    }

    // ------------------------------------------------------------------ account reads and heartbeats

    /// <summary>An L2 account read (<see cref="AccountQueries"/>), run under the venue lock.</summary>
    public EmuResponse Account(Func<AccountQueries, EmuResponse> read)
    {
        lock (_gate) return read(_queries);
    }

    /// <summary>A reward-scoring read (<see cref="RewardScoring"/>), run under the venue lock.</summary>
    public EmuResponse Scoring(Func<RewardScoring, EmuResponse> read)
    {
        lock (_gate) return read(_scoring);
    }

    /// <summary>POST /v1/heartbeats: "" starts a session, then the returned id must be sent back.</summary>
    public EmuResponse Heartbeat(ApiKeyRecord key, string? heartbeatId)
    {
        lock (_gate) return _heartbeats.Beat(key, heartbeatId);
    }

    /// <summary>Heartbeat deadlines, GTD expiry and trade settlement steps due at the clock's current time.</summary>
    public void ProcessDue()
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            _heartbeats.ExpireLapsed(now);
            _execution.ExpireDue(now);
            _settlement.Advance(now);
        }
    }

    // ------------------------------------------------------------------ public market data

    /// <summary>A public CLOB market-data read (<see cref="ClobMarketData"/>), run under the venue lock.</summary>
    public EmuResponse MarketData(Func<ClobMarketData, EmuResponse> read)
    {
        lock (_gate) return read(_marketData);
    }

    /// <summary>A Gamma discovery read (<see cref="GammaCatalogue"/>), run under the venue lock.</summary>
    public EmuResponse Gamma(Func<GammaCatalogue, EmuResponse> read)
    {
        lock (_gate) return read(_gamma);
    }

    // ------------------------------------------------------------------ admin controls

    /// <inheritdoc cref="TradingModes.SetMode"/>
    public void SetMode(TradingMode mode, TimeSpan? duration)
    {
        lock (_gate) _modes.SetMode(mode, duration);
    }

    /// <inheritdoc cref="TradingModes.BeginRestart"/>
    public void BeginRestart(TimeSpan duration)
    {
        lock (_gate) _modes.BeginRestart(duration);
    }

    /// <inheritdoc cref="TradingModes.FailOrderPosts"/>
    public void FailOrderPosts(TimeSpan duration)
    {
        lock (_gate) _modes.FailOrderPosts(duration);
    }

    /// <summary>
    /// Changes a market's tick (new orders only) and, when <paramref name="announce"/>, sends <c>tick_size_change</c> for
    /// both tokens; without it the change is one a client lost (sent while its socket was down).
    /// </summary>
    public void ChangeTick(string tokenId, Price newTick, bool announce = true)
    {
        lock (_gate)
        {
            MarketState m = _markets.Token(tokenId).Market;
            Price old = m.Tick;
            _engine.ChangeTick(m.EngineMarket, newTick);
            m.Tick = newTick;
            if (announce) _publish.TickChange(m, old, newTick);
        }
    }

    /// <summary>
    /// Resolves a market: every resting order there is cancelled (each owner hears a CANCELLATION), <c>market_resolved</c>
    /// goes to the market channel, the market is listed closed and not accepting orders, and new orders are refused.
    /// </summary>
    public void ResolveMarket(string conditionId, string? winningTokenId)
    {
        lock (_gate)
        {
            if (!_markets.TryCondition(conditionId, out MarketState m)) throw new ArgumentException($"unknown market {conditionId}", nameof(conditionId));
            if (m.Resolved) return;
            string winner = winningTokenId ?? m.Definition.YesTokenId;
            if (winner != m.Definition.YesTokenId && winner != m.Definition.NoTokenId) throw new ArgumentException($"{winner} is not a token of {conditionId}", nameof(winningTokenId));
            m.WinningToken = winner;
            _execution.CancelMarket(m);
            _publish.MarketResolved(m);
        }
    }

    /// <summary>Until when every REST request is answered 403 (a Cloudflare block); null = not blocked.</summary>
    public DateTimeOffset? ForbiddenUntil
    {
        get
        {
            lock (_gate) return _forbiddenUntil;
        }

        set
        {
            lock (_gate) _forbiddenUntil = value;
        }
    }

    private DateTimeOffset? _forbiddenUntil;

    /// <summary>Requests answered 403 while blocked.</summary>
    public long ForbiddenAnswers => Interlocked.Read(ref _forbiddenAnswers);

    private long _forbiddenAnswers;

    /// <summary>True (and counted) when a request arriving now must be answered 403.</summary>
    public bool RefuseAsForbidden()
    {
        lock (_gate)
        {
            if (_forbiddenUntil is not { } until || Time.GetUtcNow() >= until) return false;
        }

        Interlocked.Increment(ref _forbiddenAnswers);
        return true;
    }

    /// <summary>Adds pUSD to an API key's account.</summary>
    public void Fund(string apiKey, Money amount)
    {
        lock (_gate)
        {
            if (!_accounts.TryGet(apiKey, out ApiKeyRecord key)) throw new ArgumentException("unknown API key", nameof(apiKey));
            _engine.Deposit(key.Account, amount);
        }
    }

    /// <summary>
    /// Merges <paramref name="amount"/> complete sets of a key's account outside its orders, as the wallet's owner could
    /// on chain: the YES and NO tokens leave the account and their pUSD comes back. False when it holds too few sets.
    /// </summary>
    public bool MergeSets(string apiKey, string conditionId, Quantity amount)
    {
        lock (_gate)
        {
            if (!_accounts.TryGet(apiKey, out ApiKeyRecord key)) throw new ArgumentException("unknown API key", nameof(apiKey));
            if (!_markets.TryCondition(conditionId, out MarketState m)) throw new ArgumentException($"unknown market {conditionId}", nameof(conditionId));
            return _engine.Merge(key.Account, m.EngineMarket, amount);
        }
    }

    /// <summary>Sets a key's approvals (false = allowance 0): pUSD to the exchanges, and its conditional tokens.</summary>
    public void SetAllowances(string apiKey, bool collateral, bool tokens)
    {
        lock (_gate)
        {
            if (!_accounts.TryGet(apiKey, out ApiKeyRecord key)) throw new ArgumentException("unknown API key", nameof(apiKey));
            key.CollateralApproved = collateral;
            key.TokensApproved = tokens;
        }
    }

    /// <summary>The <c>/balance-allowance/update</c> requests a key made, in order ("COLLATERAL" or "CONDITIONAL:&lt;token&gt;").</summary>
    public IReadOnlyList<string> BalanceUpdates(string apiKey)
    {
        lock (_gate) return _accounts.TryGet(apiKey, out ApiKeyRecord key) ? [.. key.BalanceUpdates] : [];
    }

    /// <inheritdoc cref="HouseFlow.Place"/>
    public string PlaceFlow(string tokenId, Side side, Price price, Quantity size, bool take)
    {
        lock (_gate) return _flow.Place(tokenId, side, price, size, take);
    }

    /// <inheritdoc cref="TradeSettlement.Fail"/>
    public void FailTrade(string tradeId)
    {
        lock (_gate) _settlement.Fail(tradeId);
    }

    // ------------------------------------------------------------------ WebSocket sessions

    public void Register(WsConnection connection)
    {
        lock (_gate) _subscribers.Add(connection);
    }

    public void Unregister(WsConnection connection)
    {
        lock (_gate) _subscribers.Remove(connection);
    }

    /// <summary>Aborts every connection (no close handshake); returns how many.</summary>
    /// <summary>Stops or resumes one token's market-channel data (PONGs and other assets go on).</summary>
    public void SilenceAsset(string tokenId, bool silent)
    {
        lock (_gate)
        {
            _ = _markets.Token(tokenId); // unknown tokens are refused like any admin call naming one
            _subscribers.Silence(tokenId, silent);
        }
    }

    /// <summary>Answers every heartbeat with an error (the session is not refreshed) until <paramref name="until"/>; null ends it.</summary>
    public void FailHeartbeatsUntil(DateTimeOffset? until)
    {
        lock (_gate) _heartbeats.FailingUntil = until;
    }

    public int DropAllWebSockets()
    {
        WsConnection[] all;
        lock (_gate) all = _subscribers.TakeAll();
        foreach (WsConnection c in all) c.Abort();
        return all.Length;
    }

    public int ConnectionCount
    {
        get
        {
            lock (_gate) return _subscribers.Count;
        }
    }

    /// <summary>User-channel sockets that have authenticated (trade and order events reach only these).</summary>
    public int AuthenticatedUserCount
    {
        get
        {
            lock (_gate) return _subscribers.AuthenticatedUsers;
        }
    }

    /// <summary>A text frame from a client: PING, a subscription, or an operation on it.</summary>
    public void OnText(WsConnection c, string text)
    {
        if (text == "PING")
        {
            c.Send("PONG");
            return;
        }

        JsonElement root;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            c.Send("INVALID MESSAGE");
            return;
        }

        if (root.ValueKind != JsonValueKind.Object) return;
        lock (_gate) _subscriptions.Handle(c, root);
    }
}
