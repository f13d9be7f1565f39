using Bookmaker.Core.Orders;

namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>A signed V2 order with the unsigned fields the POST /order body carries beside it.</summary>
/// <param name="Order">The signed struct.</param>
/// <param name="Signature">"0x" + hex signature (65 bytes, or the wrapped POLY_1271 blob).</param>
/// <param name="TimeInForce">GTC, GTD, FOK or FAK (the body's orderType).</param>
/// <param name="ExpirationSeconds">GTD expiry in unix seconds; 0 otherwise. Not signed in V2.</param>
/// <param name="PostOnly">Reject instead of crossing (GTC/GTD only).</param>
/// <param name="DeferExec">The body's deferExec flag.</param>
/// <param name="MakerText">Checksummed maker address.</param>
/// <param name="SignerText">Checksummed signer address.</param>
public sealed record SignedOrder(
    OrderV2 Order,
    string Signature,
    TimeInForce TimeInForce,
    long ExpirationSeconds,
    bool PostOnly,
    bool DeferExec,
    string MakerText,
    string SignerText);
