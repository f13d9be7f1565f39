using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>Credentials the emulator issued: what a client needs for L2 headers and the user channel.</summary>
/// <param name="ApiKey">POLY_API_KEY and the order <c>owner</c>.</param>
/// <param name="Secret">URL-safe base64 HMAC secret.</param>
/// <param name="Passphrase">POLY_PASSPHRASE.</param>
/// <param name="Address">The EOA the key belongs to (POLY_ADDRESS, order signer).</param>
public sealed record EmulatorCredentials(string ApiKey, string Secret, string Passphrase, EthereumAddress Address)
{
    /// <summary>As <see cref="ApiCredentials"/> for <see cref="L2RequestSigner"/>.</summary>
    public ApiCredentials ToApiCredentials() => new(ApiKey, Secret, Passphrase);

    /// <summary>Hides the secret and passphrase.</summary>
    public override string ToString() => $"EmulatorCredentials(key={ApiKey}, address={Address})";
}

/// <summary>One API key (or internal flow account) and its session state.</summary>
internal sealed class ApiKeyRecord : IDisposable
{
    public required EmulatorCredentials Credentials { get; init; }
    public required int Account { get; init; }
    public required L2RequestSigner Hmac { get; init; }
    public required ClockedTokenBucket Orders { get; init; }
    public required ClockedTokenBucket Cancels { get; init; }
    public string? HeartbeatId { get; set; }

    /// <summary>pUSD allowance to the exchanges (false = zero, as before the wallet's first approval): BUYs are refused.</summary>
    public bool CollateralApproved { get; set; } = true;

    /// <summary>Conditional tokens approved for the exchanges (<c>setApprovalForAll</c>; false: SELLs are refused).</summary>
    public bool TokensApproved { get; set; } = true;

    /// <summary>Each <c>/balance-allowance/update</c> asked for, as "COLLATERAL" or "CONDITIONAL:&lt;token&gt;", in order.</summary>
    public List<string> BalanceUpdates { get; } = [];
    public DateTimeOffset LastHeartbeat { get; set; }
    public string Key => Credentials.ApiKey;
    public string AddressText => Credentials.Address.ToChecksumString();

    public void Dispose()
    {
        Hmac.Dispose();
        Orders.Dispose();
        Cancels.Dispose();
    }
}

/// <summary>A market's run-time state.</summary>
internal sealed class MarketState
{
    public required EmulatedMarket Definition { get; init; }
    public required int EngineMarket { get; init; }
    public required int YesSlot { get; init; }
    public required int NoSlot { get; init; }
    public Price Tick { get; set; }
    public Price? LastTradePrice { get; set; }

    /// <summary>The token that won, once the market is resolved (it then takes no orders); null while it trades.</summary>
    public string? WinningToken { get; set; }

    /// <summary>True once the market is resolved: closed, not accepting orders.</summary>
    public bool Resolved => WinningToken is not null;
    public string? LastTradeSide { get; set; }
    public string ConditionId => Definition.ConditionId;

    public string TokenOf(int slot) => slot == YesSlot ? Definition.YesTokenId : Definition.NoTokenId;

    public string OutcomeOf(int slot) => slot == YesSlot ? "Yes" : "No";
}

/// <summary>An order the emulator accepted (resting or done).</summary>
internal sealed class OrderRecord
{
    public required string Id { get; init; }
    public required ApiKeyRecord Owner { get; init; }
    public required MarketState Market { get; init; }
    public required int Slot { get; init; }
    public required Side Side { get; init; }
    public required Price Price { get; init; }
    public required Quantity OriginalSize { get; set; }
    public required string OrderType { get; init; }
    public required string MakerAddress { get; init; }
    public required long Expiration { get; init; }
    public required long CreatedAt { get; init; }
    public DateTimeOffset AcceptedAt { get; init; }
    public long EngineId { get; set; }
    public Quantity Matched { get; set; }
    public Money Making { get; set; }
    public Money Taking { get; set; }
    public string Status { get; set; } = "ORDER_STATUS_LIVE";
    public bool Resting { get; set; }
    public List<string> Trades { get; } = [];
    public string AssetId => Market.TokenOf(Slot);
}

/// <summary>One maker fill of a trade.</summary>
internal sealed record MakerFill(OrderRecord Order, Price Price, Quantity Size, Money Fee);

/// <summary>A trade: one taker order against one maker order (the engine's fill pair).</summary>
internal sealed class TradeRecord
{
    public required string Id { get; init; }
    public required OrderRecord Taker { get; init; }
    public required MakerFill Maker { get; init; }
    public required Price TakerPrice { get; init; }
    public required Quantity Size { get; init; }
    public required long MatchTimeSeconds { get; init; }
    public required DateTimeOffset MatchTime { get; init; }
    public string Status { get; set; } = "MATCHED";
    public long LastUpdateSeconds { get; set; }
    public bool Failed { get; set; }
}
