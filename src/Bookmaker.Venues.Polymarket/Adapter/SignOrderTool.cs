using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Offline signing of one V2 order given as JSON (<c>bookmaker polymarket sign-order</c>):
/// <c>{"chainId":137,"exchange":"0x…","version":"2"?,"order":{salt, maker, signer, tokenId, makerAmount, takerAmount,
/// side ("BUY"/"SELL" or 0/1), signatureType, timestamp, metadata?, builder?}}</c> → <c>{"digest":"0x…","signature":"0x…"}</c>.
/// The domain version defaults to "3" when the exchange is an ExchangeV3 address and "2" otherwise. The digest is the
/// EIP-712 digest of the order under the exchange domain.
/// </summary>
public static class SignOrderTool
{
    /// <summary>Signs; throws <see cref="FormatException"/> naming the bad field (never the key).</summary>
    public static (string Digest, string Signature) Sign(string json, ISecp256k1Signer key)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(key);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException("input is not JSON: " + ex.Message, ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            ulong chainId = (ulong)Number(root, "chainId");
            var exchange = Address(root, "exchange");
            string version = root.TryGetProperty("version", out var v) ? v.ToString() : IsV3(exchange) ? "3" : "2";
            if (!root.TryGetProperty("order", out var o) || o.ValueKind != JsonValueKind.Object) throw new FormatException("missing object 'order'");
            var sigType = (SignatureType)(int)Number(o, "signatureType");
            var order = new OrderV2(
                (ulong)Number(o, "salt"),
                Address(o, "maker"),
                Address(o, "signer"),
                TokenId.Parse(Text(o, "tokenId")),
                (long)Number(o, "makerAmount"),
                (long)Number(o, "takerAmount"),
                SideOf(o),
                sigType,
                (long)Number(o, "timestamp"),
                o.TryGetProperty("metadata", out var md) && md.GetString() is { Length: > 0 } mds ? Bytes32.Parse(mds) : Bytes32.Zero,
                o.TryGetProperty("builder", out var bd) && bd.GetString() is { Length: > 0 } bds ? Bytes32.Parse(bds) : Bytes32.Zero);
            var domain = new ExchangeDomain(chainId, exchange, version);
            Span<byte> hash = stackalloc byte[32];
            Span<byte> digest = stackalloc byte[32];
            Eip712.HashOrderV2(order, hash);
            Eip712.Digest(domain.Separator, hash, digest);
            EthereumAddress? wallet = sigType switch
            {
                SignatureType.Eoa => null,
                SignatureType.Poly1271 => order.Signer,
                _ => order.Maker,
            };
            OrderSigner signer;
            try
            {
                signer = new OrderSigner(key, sigType, wallet);
                return (Hex.Encode0x(digest), signer.SignToHex(order, domain));
            }
            catch (ArgumentException ex)
            {
                throw new FormatException("order does not match the key: " + ex.Message, ex);
            }
        }
    }

    private static bool IsV3(EthereumAddress a) =>
        a == PolymarketContracts.Polygon.ExchangeV3.VerifyingContract || a == PolymarketContracts.Amoy.ExchangeV3.VerifyingContract;

    private static Side SideOf(JsonElement o)
    {
        if (!o.TryGetProperty("side", out var s)) throw new FormatException("missing 'side'");
        string t = s.ToString().ToUpperInvariant();
        return t switch
        {
            "BUY" or "0" => Side.Buy,
            "SELL" or "1" => Side.Sell,
            _ => throw new FormatException("'side' must be BUY, SELL, 0 or 1"),
        };
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) ? p.ToString() : throw new FormatException($"missing '{name}'");

    private static BigInteger Number(JsonElement e, string name)
    {
        string t = Text(e, name);
        if (!BigInteger.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > long.MaxValue)
            throw new FormatException($"'{name}' must be a non-negative integer below 2^63");
        return n;
    }

    private static EthereumAddress Address(JsonElement e, string name)
    {
        try
        {
            return EthereumAddress.Parse(Text(e, name));
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"'{name}' is not an address", ex);
        }
    }
}
