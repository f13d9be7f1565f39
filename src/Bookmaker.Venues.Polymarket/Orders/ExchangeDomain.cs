using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>Which exchange generation signs orders: the EIP-712 domain version and the contracts it names.</summary>
public enum OrderVersion
{
    /// <summary>CLOB V2 (current): domain "2", CTFExchangeV2 or NegRiskCtfExchangeV2 by the market's neg-risk flag.</summary>
    V2 = 2,

    /// <summary>"Protocol V2" ExchangeV3: domain "3", one contract for every market.</summary>
    V3 = 3,
}

/// <summary>An exchange EIP-712 domain with its separator computed once.</summary>
public sealed class ExchangeDomain
{
    /// <summary>The exchange domain name.</summary>
    public const string ExchangeName = "Polymarket CTF Exchange";

    /// <summary>Creates the domain and computes its separator.</summary>
    public ExchangeDomain(ulong chainId, EthereumAddress verifyingContract, string version)
    {
        ChainId = chainId;
        VerifyingContract = verifyingContract;
        Version = version;
        Separator = Eip712.DomainSeparator(ExchangeName, version, chainId, verifyingContract);
    }

    /// <summary>Chain id (137 Polygon, 80002 Amoy).</summary>
    public ulong ChainId { get; }

    /// <summary>The exchange contract.</summary>
    public EthereumAddress VerifyingContract { get; }

    /// <summary>Domain version: "1", "2" or "3".</summary>
    public string Version { get; }

    /// <summary>hashStruct(EIP712Domain).</summary>
    public Bytes32 Separator { get; }
}

/// <summary>
/// The exchange contracts of one chain (official SDK config) and their precomputed domains. Choosing the wrong one
/// of the two V2 contracts yields a signature the exchange rejects, so selection lives here, in one place.
/// </summary>
public sealed class PolymarketContracts
{
    /// <summary>Polygon mainnet.</summary>
    public static readonly PolymarketContracts Polygon = new(
        137,
        EthereumAddress.Parse("0xE111180000d2663C0091e4f400237545B87B996B"),
        EthereumAddress.Parse("0xe2222d279d744050d28e00520010520000310F59"),
        EthereumAddress.Parse("0xe3333700cA9d93003F00f0F71f8515005F6c00Aa"));

    /// <summary>Amoy testnet.</summary>
    public static readonly PolymarketContracts Amoy = new(
        80002,
        EthereumAddress.Parse("0xE111180000d2663C0091e4f400237545B87B996B"),
        EthereumAddress.Parse("0xe2222d279d744050d28e00520010520000310F59"),
        EthereumAddress.Parse("0x9fE6e61422AdB6F610d8597F9684b16912D50C3D"));

    /// <summary>Creates the set and its three domains.</summary>
    public PolymarketContracts(ulong chainId, EthereumAddress exchangeV2, EthereumAddress negRiskExchangeV2, EthereumAddress exchangeV3)
    {
        ChainId = chainId;
        ExchangeV2 = new ExchangeDomain(chainId, exchangeV2, "2");
        NegRiskExchangeV2 = new ExchangeDomain(chainId, negRiskExchangeV2, "2");
        ExchangeV3 = new ExchangeDomain(chainId, exchangeV3, "3");
    }

    /// <summary>Chain id.</summary>
    public ulong ChainId { get; }

    /// <summary>CTFExchangeV2 domain.</summary>
    public ExchangeDomain ExchangeV2 { get; }

    /// <summary>NegRiskCtfExchangeV2 domain.</summary>
    public ExchangeDomain NegRiskExchangeV2 { get; }

    /// <summary>ExchangeV3 domain (single contract, neg-risk or not).</summary>
    public ExchangeDomain ExchangeV3 { get; }

    /// <summary>The domain an order for a market must be signed under.</summary>
    public ExchangeDomain For(OrderVersion version, bool negRisk) => version switch
    {
        OrderVersion.V2 => negRisk ? NegRiskExchangeV2 : ExchangeV2,
        OrderVersion.V3 => ExchangeV3,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "only order versions 2 and 3 can be signed"),
    };
}
