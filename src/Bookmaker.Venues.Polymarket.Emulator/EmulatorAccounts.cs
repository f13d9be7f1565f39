using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// API keys and the engine accounts behind them: a key is a deterministic function of (address, nonce), created on
/// first use with the configured collateral and initial sets; two internal flow accounts (the house that rests
/// liquidity and the taker that takes it) are created the same way on first use.
/// </summary>
internal sealed class EmulatorAccounts(MatchingEngine engine, EmulatedMarkets markets, EmulatorOptions options) : IDisposable
{
    private readonly Dictionary<string, ApiKeyRecord> _keys = new(StringComparer.Ordinal);
    private ApiKeyRecord? _house;
    private ApiKeyRecord? _flowTaker;

    /// <summary>Every API key issued (the flow accounts are not keys).</summary>
    public IEnumerable<ApiKeyRecord> Keys => _keys.Values;

    /// <summary>The key with this id.</summary>
    public bool TryGet(string apiKey, out ApiKeyRecord key) => _keys.TryGetValue(apiKey, out key!);

    /// <summary>The key deterministically derived from (address, nonce); created when <paramref name="create"/>, else null if never created.</summary>
    public ApiKeyRecord? GetOrCreate(EthereumAddress address, ulong nonce, bool create)
    {
        EmulatorCredentials creds = DeriveCredentials(address, nonce);
        if (_keys.TryGetValue(creds.ApiKey, out ApiKeyRecord? existing)) return existing;
        if (!create) return null;
        ApiKeyRecord record = NewAccount(creds);
        _keys.Add(creds.ApiKey, record);
        return record;
    }

    /// <summary>The house account (rests liquidity) or the flow taker (takes it), created on first use with ample cash.</summary>
    public ApiKeyRecord Flow(bool taker) => taker ? FlowAccount(ref _flowTaker, "taker") : FlowAccount(ref _house, "house");

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (ApiKeyRecord k in _keys.Values) k.Dispose();
        _house?.Dispose();
        _flowTaker?.Dispose();
    }

    private ApiKeyRecord NewAccount(EmulatorCredentials creds)
    {
        int account = engine.OpenAccount(options.InitialCollateral);
        if (options.InitialSetsPerMarket.IsPositive)
        {
            // Cash for the initial sets comes from outside, so the starting collateral stays what the options say.
            foreach (MarketState m in markets.All)
            {
                engine.Deposit(account, new Money(options.InitialSetsPerMarket.Raw));
                engine.Split(account, m.EngineMarket, options.InitialSetsPerMarket);
            }
        }

        return new ApiKeyRecord
        {
            Credentials = creds,
            Account = account,
            Hmac = new L2RequestSigner(creds.ToApiCredentials(), creds.Address),
            Orders = ClockedTokenBucket.PerSecond(options.Time, options.RateLimits.OrderRatePerSecond, options.RateLimits.OrderBurst),
            Cancels = ClockedTokenBucket.PerSecond(options.Time, options.RateLimits.CancelRatePerSecond, options.RateLimits.CancelBurst),
        };
    }

    private ApiKeyRecord FlowAccount(ref ApiKeyRecord? field, string label)
    {
        if (field is not null) return field;
        byte[] seed = Keccak256.HashUtf8("emulator-flow-" + label);
        EmulatorCredentials creds = DeriveCredentials(new EthereumAddress(seed.AsSpan(0, 20)), 0);
        field = NewAccount(creds);
        engine.Deposit(field.Account, Money.FromUnits(1_000_000_000));
        return field;
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
}
