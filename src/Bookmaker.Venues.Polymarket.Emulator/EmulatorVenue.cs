using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The emulated venue's state: the simulated <see cref="MatchingEngine"/>, API keys, orders, trades, trading modes,
/// rate limits, heartbeats and WebSocket subscribers. Every entry point takes one lock, so the single-threaded engine
/// sees one caller at a time and WebSocket frames are queued in the order the state changed.
/// </summary>
internal sealed partial class EmulatorVenue : IDisposable
{
    private static readonly TimeSpan GtdThreshold = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly MatchingEngine _engine;
    private readonly MatchEventBuffer _events = new(256);
    private readonly List<MarketState> _markets = [];
    private readonly Dictionary<string, (MarketState Market, int Slot)> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MarketState> _byCondition = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ApiKeyRecord> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ApiKeyRecord> _byAccount = [];
    private readonly Dictionary<string, OrderRecord> _orders = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, OrderRecord> _byEngineId = [];
    private readonly List<TradeRecord> _trades = [];
    private readonly Dictionary<string, TradeRecord> _tradesById = new(StringComparer.Ordinal);
    private readonly List<WsConnection> _sockets = [];
    private readonly ITimer _timer;
    private ApiKeyRecord? _house;
    private ApiKeyRecord? _flowTaker;
    private long _nextTrade;
    private long _nextHeartbeat;
    private long _nextHash;
    private TradingMode _mode = TradingMode.Normal;
    private DateTimeOffset _modeUntil = DateTimeOffset.MaxValue;
    private DateTimeOffset _restartUntil = DateTimeOffset.MinValue;

    public EmulatorVenue(EmulatorOptions options)
    {
        _options = options;
        _time = options.Time;
        _engine = new MatchingEngine(_time, VenueRules.Polymarket, SelfTradePrevention.CancelMaker);
        foreach (EmulatedMarket m in options.Markets) AddMarket(m);
        _timer = _time.CreateTimer(_ => ProcessDue(), null, options.TimerPeriod, options.TimerPeriod);
    }

    public TimeProvider Time => _time;

    /// <summary>Orders received through POST /order and /orders from API keys (the house flow is not counted).</summary>
    public long OrdersPosted { get; private set; }

    /// <summary>POST /v1/heartbeats requests received (any key, answered or not).</summary>
    public long HeartbeatsReceived { get; private set; }

    /// <summary>Orders of <paramref name="apiKey"/> still resting on the book.</summary>
    public int RestingOrderCount(string apiKey)
    {
        lock (_gate) return _orders.Values.Count(o => o.Resting && o.Owner.Key == apiKey);
    }

    /// <summary>What GET /api/geoblock answers.</summary>
    public EmulatedGeoblock Geoblock { get; set; } = new(false, "IE", "D");

    /// <summary>What GET /auth/ban-status/closed-only answers for every key.</summary>
    public bool ClosedOnly { get; set; }

    public EmulatorOptions Options => _options;

    private DateTimeOffset Now => _time.GetUtcNow();

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            foreach (ApiKeyRecord k in _keys.Values) k.Dispose();
            _house?.Dispose();
            _flowTaker?.Dispose();
        }
    }

    private void AddMarket(EmulatedMarket m)
    {
        var yesId = new InstrumentId(VenueNames.Polymarket, m.YesTokenId);
        var noId = new InstrumentId(VenueNames.Polymarket, m.NoTokenId);
        var yes = Instrument.PolymarketToken(m.YesTokenId, m.TickSize, new OutcomeLinks(m.ConditionId, "Yes", true, noId), m.MinOrderSize);
        var no = Instrument.PolymarketToken(m.NoTokenId, m.TickSize, new OutcomeLinks(m.ConditionId, "No", false, yesId), m.MinOrderSize);
        int index = _engine.AddBinaryMarket(yes, no, ZeroFeeModel.Instance);
        var state = new MarketState
        {
            Definition = m,
            EngineMarket = index,
            YesSlot = _engine.SlotOf(yesId),
            NoSlot = _engine.SlotOf(noId),
            Tick = m.TickSize,
        };
        _markets.Add(state);
        _tokens[m.YesTokenId] = (state, state.YesSlot);
        _tokens[m.NoTokenId] = (state, state.NoSlot);
        _byCondition[m.ConditionId] = state;
    }

    // ------------------------------------------------------------------ API keys

    /// <summary>The key deterministically derived from (address, nonce), created on first use.</summary>
    public ApiKeyRecord GetOrCreateKey(EthereumAddress address, ulong nonce, bool create)
    {
        lock (_gate)
        {
            EmulatorCredentials creds = DeriveCredentials(address, nonce);
            if (_keys.TryGetValue(creds.ApiKey, out ApiKeyRecord? existing)) return existing;
            if (!create) return null!;
            ApiKeyRecord record = NewAccount(creds);
            _keys.Add(creds.ApiKey, record);
            return record;
        }
    }

    private ApiKeyRecord NewAccount(EmulatorCredentials creds)
    {
        int account = _engine.OpenAccount(_options.InitialCollateral);
        if (_options.InitialSetsPerMarket.IsPositive)
        {
            // Cash for the initial sets comes from outside, so the starting collateral stays what the options say.
            foreach (MarketState m in _markets)
            {
                _engine.Deposit(account, new Money(_options.InitialSetsPerMarket.Raw));
                _engine.Split(account, m.EngineMarket, _options.InitialSetsPerMarket);
            }
        }

        var record = new ApiKeyRecord
        {
            Credentials = creds,
            Account = account,
            Hmac = new L2RequestSigner(creds.ToApiCredentials(), creds.Address),
            Orders = ClockedTokenBucket.PerSecond(_time, _options.RateLimits.OrderRatePerSecond, _options.RateLimits.OrderBurst),
            Cancels = ClockedTokenBucket.PerSecond(_time, _options.RateLimits.CancelRatePerSecond, _options.RateLimits.CancelBurst),
        };
        _byAccount[account] = record;
        return record;
    }

    private static EmulatorCredentials DeriveCredentials(EthereumAddress address, ulong nonce)
    {
        Span<byte> seed = stackalloc byte[28];
        address.CopyTo(seed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(seed[20..], nonce);
        byte[] k = Keccak256.Hash([.. "key"u8, .. seed]);
        byte[] s = Keccak256.Hash([.. "secret"u8, .. seed]);
        byte[] p = Keccak256.Hash([.. "passphrase"u8, .. seed]);
        k[6] = (byte)((k[6] & 0x0F) | 0x40);
        k[8] = (byte)((k[8] & 0x3F) | 0x80);
        string apiKey = new Guid(k.AsSpan(0, 16), bigEndian: true).ToString();
        string secret = Convert.ToBase64String(s).Replace('+', '-').Replace('/', '_');
        return new EmulatorCredentials(apiKey, secret, Convert.ToHexStringLower(p), address);
    }

    private ApiKeyRecord FlowAccount(ref ApiKeyRecord? field, string label)
    {
        if (field is not null) return field;
        byte[] seed = Keccak256.HashUtf8("emulator-flow-" + label);
        EmulatorCredentials creds = DeriveCredentials(new EthereumAddress(seed.AsSpan(0, 20)), 0);
        field = NewAccount(creds);
        _engine.Deposit(field.Account, Money.FromUnits(1_000_000_000));
        return field;
    }

    // ------------------------------------------------------------------ authentication

    /// <summary>Checks the five L2 headers and the HMAC over timestamp + method + path + body.</summary>
    public ApiKeyRecord? AuthenticateL2(Func<string, string?> header, string method, string path, ReadOnlySpan<byte> body)
    {
        string? address = header(L2AuthHeaders.AddressHeader), signature = header(L2AuthHeaders.SignatureHeader),
            timestamp = header(L2AuthHeaders.TimestampHeader), apiKey = header(L2AuthHeaders.ApiKeyHeader),
            passphrase = header(L2AuthHeaders.PassphraseHeader);
        if (address is null || signature is null || timestamp is null || apiKey is null || passphrase is null) return null;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long ts)) return null;
        ApiKeyRecord? key;
        lock (_gate)
        {
            if (!_keys.TryGetValue(apiKey, out key)) return null;
            if (_options.MaxTimestampSkew is TimeSpan skew && Math.Abs(Now.ToUnixTimeSeconds() - ts) > skew.TotalSeconds) return null;
        }

        if (!FixedEquals(passphrase, key.Credentials.Passphrase)) return null;
        if (!string.Equals(address, key.AddressText, StringComparison.OrdinalIgnoreCase)) return null;
        string expected = key.Hmac.Sign(ts, method, path, body);
        return FixedEquals(signature, expected) ? key : null;
    }

    /// <summary>Checks the four L1 headers by recovering the ClobAuth signer; returns the address and nonce.</summary>
    public bool AuthenticateL1(Func<string, string?> header, out EthereumAddress address, out ulong nonce)
    {
        address = default;
        nonce = 0;
        string? addressText = header(L1AuthHeaders.AddressHeader), signature = header(L1AuthHeaders.SignatureHeader),
            timestamp = header(L1AuthHeaders.TimestampHeader), nonceText = header(L1AuthHeaders.NonceHeader) ?? "0";
        if (addressText is null || signature is null || timestamp is null) return false;
        if (!ulong.TryParse(nonceText, NumberStyles.None, CultureInfo.InvariantCulture, out nonce)) return false;
        try
        {
            address = EthereumAddress.Parse(addressText);
        }
        catch (FormatException)
        {
            return false;
        }

        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.HashClobAuth(address, timestamp, nonce, structHash);
        Eip712.Digest(Eip712.DomainSeparator(L1Authenticator.DomainName, "1", _options.Contracts.ChainId, null), structHash, digest);
        return Secp256k1Recovery.TryRecoverAddress(digest, signature, out EthereumAddress signer) && signer == address;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    // ------------------------------------------------------------------ gates: restart, mode, rate limit

    /// <summary>
    /// 425 during a restart window (every L2 endpoint); for trading endpoints 503 in disabled mode, and for new orders
    /// in cancel-only / post-only mode.
    /// </summary>
    public EmuResponse? Gate(bool trading, bool placesOrders, bool allPostOnly)
    {
        lock (_gate)
        {
            DateTimeOffset now = Now;
            if (now < _restartUntil)
            {
                int wait = (int)Math.Ceiling((_restartUntil - now).TotalSeconds);
                return EmuResponse.Error(425, VenueTexts.Restarting).With("Retry-After", wait.ToString(CultureInfo.InvariantCulture));
            }

            TradingMode mode = CurrentMode(now);
            if (!trading) return null;
            if (mode == TradingMode.Disabled) return EmuResponse.Error(503, VenueTexts.Disabled);
            if (!placesOrders) return null;
            if (mode == TradingMode.CancelOnly) return EmuResponse.Error(503, VenueTexts.CancelOnly);
            if (mode == TradingMode.PostOnly && !allPostOnly)
            {
                int wait = _modeUntil == DateTimeOffset.MaxValue ? 60 : (int)Math.Ceiling((_modeUntil - now).TotalSeconds);
                var body = new JsonObject { ["error"] = VenueTexts.PostOnlyMode, ["code"] = "post_only_mode", ["retry_after_seconds"] = wait };
                return EmuResponse.Json(body, 503).With("Retry-After", wait.ToString(CultureInfo.InvariantCulture));
            }

            return null;
        }
    }

    private TradingMode CurrentMode(DateTimeOffset now)
    {
        if (_mode != TradingMode.Normal && now >= _modeUntil)
        {
            _mode = TradingMode.Normal;
            _modeUntil = DateTimeOffset.MaxValue;
        }

        return _mode;
    }

    /// <summary>Takes <paramref name="cost"/> from the key's order or cancel bucket; a 429 when it cannot.</summary>
    public EmuResponse? TakeRate(ApiKeyRecord key, bool cancel, int cost, Dictionary<string, string> headers)
    {
        lock (_gate)
        {
            ClockedTokenBucket bucket = cancel ? key.Cancels : key.Orders;
            bool ok = bucket.TryTake(cost, out TimeSpan retry);
            RateHeaders(bucket, headers);
            if (ok) return null;
            int seconds = retry == TimeSpan.MaxValue ? 3600 : Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
            var response = EmuResponse.Error(429, VenueTexts.RateLimited).With("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
            foreach (var (k, v) in headers) response.Headers[k] = v;
            return response;
        }
    }

    /// <summary>Debits cancels already done (cancel-all style costs; the balance may go negative).</summary>
    public void DebitCancels(ApiKeyRecord key, int count)
    {
        lock (_gate) key.Cancels.ForceDebit(count);
    }

    private void RateHeaders(ClockedTokenBucket bucket, Dictionary<string, string> headers)
    {
        headers["Poly-RateLimit-Remaining"] = Math.Max(0, bucket.Available).ToString(CultureInfo.InvariantCulture);
        headers["Poly-RateLimit-Reset"] = (Now + bucket.WaitFor(bucket.TokenLimit)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["Poly-RateLimit-Tier"] = _options.RateLimits.Tier;
    }

    // ------------------------------------------------------------------ admin controls

    public void SetMode(TradingMode mode, TimeSpan? duration)
    {
        lock (_gate)
        {
            _mode = mode;
            _modeUntil = mode == TradingMode.Normal || duration is null ? DateTimeOffset.MaxValue : Now + duration.Value;
        }
    }

    public void BeginRestart(TimeSpan duration)
    {
        lock (_gate) _restartUntil = Now + duration;
    }

    public void ChangeTick(string tokenId, Price newTick)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(tokenId, out var t)) throw new ArgumentException($"unknown token {tokenId}", nameof(tokenId));
            MarketState m = t.Market;
            Price old = m.Tick;
            _engine.ChangeTick(m.EngineMarket, newTick);
            m.Tick = newTick;
            string ts = Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            foreach (string asset in new[] { m.Definition.YesTokenId, m.Definition.NoTokenId })
            {
                var msg = new JsonObject
                {
                    ["event_type"] = "tick_size_change", ["asset_id"] = asset, ["market"] = m.ConditionId,
                    ["old_tick_size"] = old.ToString(), ["new_tick_size"] = newTick.ToString(), ["timestamp"] = ts,
                };
                PublishMarket(asset, msg.ToJsonString());
            }
        }
    }

    public void Fund(string apiKey, Money amount)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(apiKey, out ApiKeyRecord? key)) throw new ArgumentException("unknown API key", nameof(apiKey));
            _engine.Deposit(key.Account, amount);
        }
    }

    /// <summary>Places resting liquidity as the house account; returns the order id.</summary>
    public string PlaceFlow(string tokenId, Side side, Price price, Quantity size, bool take)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(tokenId, out var t)) throw new ArgumentException($"unknown token {tokenId}", nameof(tokenId));
            ApiKeyRecord account = take ? FlowAccount(ref _flowTaker, "taker") : FlowAccount(ref _house, "house");
            if (side == Side.Sell && _engine.Account(account.Account).AvailableTokens(t.Slot) < size)
                _engine.Split(account.Account, t.Market.EngineMarket, size);
            string id = NextHash("flow");
            var record = new OrderRecord
            {
                Id = id, Owner = account, Market = t.Market, Slot = t.Slot, Side = side, Price = price, OriginalSize = size,
                OrderType = take ? "FAK" : "GTC", MakerAddress = account.AddressText, Expiration = 0, CreatedAt = Now.ToUnixTimeSeconds(),
            };
            var order = new SimOrder(account.Account, default, t.Slot, side, OrderType.Limit, take ? TimeInForce.Fak : TimeInForce.Gtc, price, size);
            var (ok, error, _) = Submit(record, order);
            if (!ok) throw new InvalidOperationException($"flow order refused: {error}");
            return id;
        }
    }

    public void FailTrade(string tradeId)
    {
        lock (_gate)
        {
            if (!_tradesById.TryGetValue(tradeId, out TradeRecord? trade)) throw new ArgumentException($"unknown trade {tradeId}", nameof(tradeId));
            trade.Failed = true;
            SetTradeStatus(trade, "RETRYING");
            SetTradeStatus(trade, "FAILED");
        }
    }

    /// <summary>Heartbeat deadlines, GTD expiry and trade settlement steps due at the clock's current time.</summary>
    public void ProcessDue()
    {
        lock (_gate)
        {
            DateTimeOffset now = Now;
            foreach (ApiKeyRecord key in _keys.Values)
            {
                if (key.HeartbeatId is null || now - key.LastHeartbeat <= _options.HeartbeatTimeout) continue;
                key.HeartbeatId = null;
                _events.Clear();
                _engine.CancelAll(key.Account, _events);
                Apply(null);
            }

            _events.Clear();
            if (_engine.ExpireDue(now, _events) > 0) Apply(null);

            foreach (TradeRecord trade in _trades)
            {
                if (trade.Failed || trade.Status == "CONFIRMED") continue;
                if (trade.Status == "MATCHED" && now - trade.MatchTime >= _options.MinedAfter) SetTradeStatus(trade, "MINED");
                if (trade.Status == "MINED" && now - trade.MatchTime >= _options.MinedAfter + _options.ConfirmedAfter) SetTradeStatus(trade, "CONFIRMED");
            }
        }
    }

    private void SetTradeStatus(TradeRecord trade, string status)
    {
        trade.Status = status;
        trade.LastUpdateSeconds = Now.ToUnixTimeSeconds();
        PublishTrade(trade);
    }

    private string NextHash(string salt)
    {
        byte[] h = Keccak256.HashUtf8(salt + (++_nextHash).ToString(CultureInfo.InvariantCulture));
        return Hex.Encode0x(h);
    }

    private static string Micros(Money m) => (m.Raw / 1000).ToString(CultureInfo.InvariantCulture);

    private static string Unix(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static JsonArray Strings(IEnumerable<string> items)
    {
        var a = new JsonArray();
        foreach (string s in items) a.Add(s);
        return a;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;
}
