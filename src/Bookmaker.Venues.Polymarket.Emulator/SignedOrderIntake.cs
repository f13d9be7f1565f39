using System.Globalization;
using System.Text.Json;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Simulated.Matching;
using static Bookmaker.Venues.Polymarket.Emulator.EmuJson;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>One parsed, signature-checked order ready for the engine (or the venue's refusal).</summary>
/// <param name="Record">What the emulator will keep about it (null when refused).</param>
/// <param name="Order">The engine's order.</param>
/// <param name="Error">The venue's refusal text, or null.</param>
internal readonly record struct CheckedOrder(OrderRecord? Record, SimOrder Order, string? Error);

/// <summary>
/// Turns one order of a POST /order or /orders body into an engine order the way the venue vets it: payload shape,
/// owner = the API key, the signer and its EIP-712 signature (with the order-version mismatch answer), the order id
/// (the digest), duplicates, price and size from the signed amounts on the market's tick, and GTD expiration with the
/// venue's one-minute threshold.
/// </summary>
internal sealed class SignedOrderIntake(EmulatedMarkets markets, OrderRecords records, EmulatorOptions options)
{
    private const long MicrosToRaw = 1000; // 1e-6 on-chain units → 1e-9 fixed point
    private static readonly TimeSpan GtdThreshold = TimeSpan.FromMinutes(1);

    /// <summary>How many orders a POST /orders body holds (for the rate limiter), −1 when it is not an array.</summary>
    public static int CountOrders(JsonElement body) => body.ValueKind == JsonValueKind.Array ? body.GetArrayLength() : -1;

    /// <summary>True when every order of a body is post-only (post-only mode lets those through).</summary>
    public static bool AllPostOnly(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Object) return Str(body, "postOnly") == "true";
        if (body.ValueKind != JsonValueKind.Array) return false;
        foreach (JsonElement e in body.EnumerateArray())
        {
            if (Str(e, "postOnly") != "true") return false;
        }

        return true;
    }

    /// <summary>Vets one order object (<c>{"order":{…},"owner":…,"orderType":…}</c>) sent with <paramref name="key"/>.</summary>
    public CheckedOrder Check(ApiKeyRecord key, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("order", out JsonElement o) || o.ValueKind != JsonValueKind.Object)
            return new(null, default, VenueTexts.InvalidPayload);
        string? owner = Str(body, "owner");
        string orderType = (Str(body, "orderType") ?? "GTC").ToUpperInvariant();
        bool postOnly = Str(body, "postOnly") == "true";

        OrderV2 order;
        string signatureText;
        long expiration;
        try
        {
            string sideText = Str(o, "side") ?? throw new FormatException("side");
            Side side = sideText.ToUpperInvariant() switch
            {
                "BUY" or "0" => Side.Buy,
                "SELL" or "1" => Side.Sell,
                _ => throw new FormatException("side"),
            };
            order = new OrderV2(
                ulong.Parse(Str(o, "salt") ?? "", NumberStyles.None, CultureInfo.InvariantCulture),
                EthereumAddress.Parse(Str(o, "maker") ?? ""),
                EthereumAddress.Parse(Str(o, "signer") ?? ""),
                TokenId.Parse(Str(o, "tokenId") ?? ""),
                long.Parse(Str(o, "makerAmount") ?? "", NumberStyles.None, CultureInfo.InvariantCulture),
                long.Parse(Str(o, "takerAmount") ?? "", NumberStyles.None, CultureInfo.InvariantCulture),
                side,
                (SignatureType)byte.Parse(Str(o, "signatureType") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture),
                long.Parse(Str(o, "timestamp") ?? "", NumberStyles.None, CultureInfo.InvariantCulture),
                ParseBytes32(Str(o, "metadata")),
                ParseBytes32(Str(o, "builder")));
            signatureText = Str(o, "signature") ?? throw new FormatException("signature");
            expiration = long.Parse(Str(o, "expiration") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return new(null, default, VenueTexts.InvalidPayload);
        }

        if (order.SignatureType > SignatureType.Poly1271 || orderType is not ("GTC" or "GTD" or "FOK" or "FAK") || order.MakerAmount <= 0 || order.TakerAmount <= 0)
            return new(null, default, VenueTexts.InvalidPayload);
        if (!string.Equals(owner, key.Key, StringComparison.Ordinal)) return new(null, default, VenueTexts.OwnerMismatch);
        if (!markets.TryToken(order.TokenId.Text, out MarketState market, out int slot)) return new(null, default, VenueTexts.NoOrderbook);
        // A resolved market's book is gone: the venue answers as for a token without a book.
        if (market.Resolved) return new(null, default, VenueTexts.NoOrderbook);

        // The order id is the EIP-712 digest, as on the venue.
        ExchangeDomain domain = options.Contracts.For(options.OrderVersion, market.Definition.NegRisk);
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.HashOrderV2(order, structHash);
        Eip712.Digest(domain.Separator, structHash, digest);
        string id = Hex.Encode0x(digest);

        string? signerError = CheckSignature(key, order, signatureText, structHash, domain, market.Definition.NegRisk);
        if (signerError is not null) return new(null, default, signerError);
        if (records.Contains(id)) return new(null, default, VenueTexts.Duplicated);

        // Price and size from the signed amounts (1e-6 units).
        long shares = order.Side == Side.Buy ? order.TakerAmount : order.MakerAmount;
        long usdc = order.Side == Side.Buy ? order.MakerAmount : order.TakerAmount;
        Int128 scaled = (Int128)usdc * FixedPoint.Scale;
        long priceRaw = (long)(scaled / shares);
        bool exact = scaled % shares == 0;
        bool immediate = orderType is "FOK" or "FAK";
        Price tick = market.Tick;
        var size = new Quantity(shares * MicrosToRaw);
        Price price;
        if (immediate)
        {
            // Market orders: the amounts carry a rounded worst price; the nearest tick is the slippage cap.
            long half = tick.Raw / 2;
            price = new Price((priceRaw + half) / tick.Raw * tick.Raw);
            if (price < tick) price = tick;
            if (price > Price.One - tick) price = Price.One - tick;
        }
        else
        {
            price = new Price(priceRaw);
            if (!exact || !price.IsOnTick(tick) || price < tick || price > Price.One - tick)
            {
                string shown = exact ? price.ToString() : ((decimal)usdc / shares).ToString("0.######", CultureInfo.InvariantCulture);
                return new(null, default, VenueTexts.Tick(id, shown, tick.ToString()));
            }

            if (size < market.Definition.MinOrderSize) return new(null, default, VenueTexts.MinSize);
        }

        TimeInForce tif = orderType switch { "GTD" => TimeInForce.Gtd, "FOK" => TimeInForce.Fok, "FAK" => TimeInForce.Fak, _ => TimeInForce.Gtc };
        long expireTicks = 0;
        if (tif == TimeInForce.Gtd)
        {
            // The venue's one-minute security threshold: the order leaves the book a minute before `expiration`.
            DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expiration, 0, 253402300799));
            if (at <= options.Time.GetUtcNow() + GtdThreshold) return new(null, default, VenueTexts.InvalidExpiration);
            expireTicks = (at - GtdThreshold).UtcTicks;
        }
        else if (expiration != 0)
        {
            return new(null, default, VenueTexts.InvalidExpiration);
        }

        var record = new OrderRecord
        {
            Id = id, Owner = key, Market = market, Slot = slot, Side = order.Side, Price = price,
            OriginalSize = size, OrderType = orderType, MakerAddress = order.Maker.ToChecksumString(),
            Expiration = expiration, CreatedAt = options.Time.GetUtcNow().ToUnixTimeSeconds(), AcceptedAt = options.Time.GetUtcNow(),
        };
        SimOrder sim = immediate
            ? new SimOrder(key.Account, default, slot, order.Side, OrderType.Market, tif, price,
                order.Side == Side.Buy ? Quantity.Zero : size, postOnly, 0, order.Side == Side.Buy ? new Money(usdc * MicrosToRaw) : default)
            : new SimOrder(key.Account, default, slot, order.Side, OrderType.Limit, tif, price, size, postOnly, expireTicks);
        return new(record, sim, null);
    }

    private static Bytes32 ParseBytes32(string? text) => string.IsNullOrEmpty(text) ? Bytes32.Zero : Bytes32.Parse(text);

    /// <summary>
    /// The signer field must be the key's address (deposit wallets: the wallet, whose inner signature must come from
    /// the key's address); the signature must recover to it under the market's exchange domain. A signature valid
    /// under the other order version's domain is answered with <c>order_version_mismatch</c>.
    /// </summary>
    private string? CheckSignature(ApiKeyRecord key, in OrderV2 order, string signatureText, ReadOnlySpan<byte> structHash,
        ExchangeDomain domain, bool negRisk)
    {
        byte[] signature;
        try
        {
            signature = Hex.Decode(signatureText);
        }
        catch (FormatException)
        {
            return VenueTexts.InvalidPayload;
        }

        EthereumAddress expectedSigner = key.Credentials.Address;
        if (order.SignatureType == SignatureType.Poly1271)
        {
            if (signature.Length != OrderSigner.Poly1271SignatureLength || order.Maker != order.Signer) return VenueTexts.InvalidPayload;
            return Recovers(domain, order, structHash, signature, expectedSigner, wrapped: true) ? null : VenueTexts.SignerMismatch;
        }

        if (order.Signer != expectedSigner) return VenueTexts.SignerMismatch;
        if (order.SignatureType == SignatureType.Eoa && order.Maker != order.Signer) return VenueTexts.InvalidPayload;
        if (signature.Length != 65) return VenueTexts.InvalidPayload;
        if (Recovers(domain, order, structHash, signature, expectedSigner, wrapped: false)) return null;
        OrderVersion other = options.OrderVersion == OrderVersion.V2 ? OrderVersion.V3 : OrderVersion.V2;
        if (Recovers(options.Contracts.For(other, negRisk), order, structHash, signature, expectedSigner, wrapped: false))
            return VenueTexts.VersionMismatch;
        return VenueTexts.SignerMismatch;
    }

    private bool Recovers(ExchangeDomain domain, in OrderV2 order, ReadOnlySpan<byte> structHash, byte[] signature, EthereumAddress expected, bool wrapped)
    {
        Span<byte> digest = stackalloc byte[32];
        if (wrapped)
        {
            Span<byte> inner = stackalloc byte[32];
            Eip712.HashTypedDataSign(structHash, options.Contracts.ChainId, order.Signer, inner);
            Eip712.Digest(domain.Separator, inner, digest);
        }
        else
        {
            Eip712.Digest(domain.Separator, structHash, digest);
        }

        return Secp256k1Recovery.TryRecoverAddress(digest, signature.AsSpan(0, 65), out EthereumAddress signer) && signer == expected;
    }
}
