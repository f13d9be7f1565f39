using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>
/// The V2 <c>POST /order</c> and <c>POST /orders</c> bodies, compact (no whitespace), fields in the SDK order.
/// The returned bytes are what must be both HMAC-signed and sent.
/// </summary>
public static class OrderJson
{
    /// <summary>Most orders one <c>POST /orders</c> accepts.</summary>
    public const int MaxBatchSize = 15;

    /// <summary>The single-order body.</summary>
    public static byte[] SerializeOrder(SignedOrder order, string owner) =>
        JsonSerializer.SerializeToUtf8Bytes(ToDto(order, owner), OrderJsonContext.Default.SendOrderDto);

    /// <summary>Writes the single-order body into <paramref name="output"/> (reuse one writer to avoid garbage).</summary>
    public static void WriteOrder(SignedOrder order, string owner, Utf8JsonWriter output) =>
        JsonSerializer.Serialize(output, ToDto(order, owner), OrderJsonContext.Default.SendOrderDto);

    /// <summary>The batch body: a JSON array of single-order objects (at most <see cref="MaxBatchSize"/>).</summary>
    public static byte[] SerializeBatch(IReadOnlyList<SignedOrder> orders, string owner)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count is 0 or > MaxBatchSize)
            throw new ArgumentOutOfRangeException(nameof(orders), orders.Count, $"a batch holds 1 to {MaxBatchSize} orders");
        var dtos = new SendOrderDto[orders.Count];
        for (int i = 0; i < dtos.Length; i++) dtos[i] = ToDto(orders[i], owner);
        return JsonSerializer.SerializeToUtf8Bytes(dtos, OrderJsonContext.Default.SendOrderDtoArray);
    }

    /// <summary>The body's orderType text.</summary>
    public static string OrderTypeText(TimeInForce tif) => tif switch
    {
        TimeInForce.Gtc => "GTC",
        TimeInForce.Gtd => "GTD",
        TimeInForce.Fok => "FOK",
        TimeInForce.Fak => "FAK",
        _ => throw new ArgumentOutOfRangeException(nameof(tif), tif, "unknown time in force"),
    };

    private static SendOrderDto ToDto(SignedOrder signed, string owner)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var o = signed.Order;
        return new SendOrderDto(
            new OrderDto(
                o.Salt,
                signed.MakerText,
                signed.SignerText,
                o.TokenId.Text,
                o.MakerAmount.ToString(CultureInfo.InvariantCulture),
                o.TakerAmount.ToString(CultureInfo.InvariantCulture),
                o.Side == Side.Buy ? "BUY" : "SELL",
                (int)o.SignatureType,
                o.TimestampMs.ToString(CultureInfo.InvariantCulture),
                signed.ExpirationSeconds.ToString(CultureInfo.InvariantCulture),
                o.Metadata.ToString(),
                o.Builder.ToString(),
                signed.Signature),
            owner,
            OrderTypeText(signed.TimeInForce),
            signed.DeferExec,
            signed.PostOnly);
    }
}

/// <summary>Wire shape of the signed order inside the body (declaration order = wire order).</summary>
internal sealed record OrderDto(
    [property: JsonPropertyName("salt")] ulong Salt,
    [property: JsonPropertyName("maker")] string Maker,
    [property: JsonPropertyName("signer")] string Signer,
    [property: JsonPropertyName("tokenId")] string TokenId,
    [property: JsonPropertyName("makerAmount")] string MakerAmount,
    [property: JsonPropertyName("takerAmount")] string TakerAmount,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("signatureType")] int SignatureType,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("expiration")] string Expiration,
    [property: JsonPropertyName("metadata")] string Metadata,
    [property: JsonPropertyName("builder")] string Builder,
    [property: JsonPropertyName("signature")] string Signature);

/// <summary>Wire shape of the <c>POST /order</c> body.</summary>
internal sealed record SendOrderDto(
    [property: JsonPropertyName("order")] OrderDto Order,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("orderType")] string OrderType,
    [property: JsonPropertyName("deferExec")] bool DeferExec,
    [property: JsonPropertyName("postOnly")] bool PostOnly);

/// <summary>Source-generated serializer (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(WriteIndented = false, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(SendOrderDto))]
[JsonSerializable(typeof(SendOrderDto[]))]
internal sealed partial class OrderJsonContext : JsonSerializerContext;
