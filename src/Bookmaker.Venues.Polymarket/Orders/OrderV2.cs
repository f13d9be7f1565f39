using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>
/// The CLOB V2 order exactly as signed (EIP-712 struct
/// <c>Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)</c>).
/// Amounts are on-chain units of 1e-6 (pUSD and outcome tokens both have 6 decimals).
/// </summary>
/// <param name="Salt">Uniqueness salt, kept below 2^53 because the body sends it as a JSON number.</param>
/// <param name="Maker">Funds source: the EOA, the proxy/safe funder, or the deposit wallet.</param>
/// <param name="Signer">The signing EOA (or the deposit wallet for <see cref="SignatureType.Poly1271"/>).</param>
/// <param name="TokenId">Position id bought (BUY) or sold (SELL).</param>
/// <param name="MakerAmount">What the maker gives, 1e-6 units.</param>
/// <param name="TakerAmount">What the maker receives, 1e-6 units.</param>
/// <param name="Side">BUY = 0, SELL = 1.</param>
/// <param name="SignatureType">How the signature is checked.</param>
/// <param name="TimestampMs">Creation time in unix milliseconds.</param>
/// <param name="Metadata">Reserved bytes32, zero by default.</param>
/// <param name="Builder">Builder attribution code, zero by default.</param>
public readonly record struct OrderV2(
    ulong Salt,
    EthereumAddress Maker,
    EthereumAddress Signer,
    TokenId TokenId,
    long MakerAmount,
    long TakerAmount,
    Side Side,
    SignatureType SignatureType,
    long TimestampMs,
    Bytes32 Metadata,
    Bytes32 Builder);

/// <summary>
/// The legacy CLOB V1 order (dead on production since 2026-04-28). Kept only so the published V1 vectors check
/// the EIP-712 machinery; nothing builds V1 orders for sending.
/// </summary>
public readonly record struct OrderV1(
    ulong Salt,
    EthereumAddress Maker,
    EthereumAddress Signer,
    EthereumAddress Taker,
    TokenId TokenId,
    long MakerAmount,
    long TakerAmount,
    ulong Expiration,
    ulong Nonce,
    ulong FeeRateBps,
    Side Side,
    SignatureType SignatureType);
