using System.Text.Json.Nodes;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>An HTTP answer computed under the venue lock and written by the HTTP layer afterwards.</summary>
internal sealed class EmuResponse(int status, string body)
{
    public int Status { get; } = status;

    public string Body { get; } = body;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static EmuResponse Json(JsonNode node, int status = 200) => new(status, node.ToJsonString());

    public static EmuResponse Raw(string json, int status = 200) => new(status, json);

    public static EmuResponse Error(int status, string text) => new(status, new JsonObject { ["error"] = text }.ToJsonString());

    public EmuResponse With(string header, string value)
    {
        Headers[header] = value;
        return this;
    }
}

/// <summary>The venue's own words (reference §6.3), in one place.</summary>
internal static class VenueTexts
{
    public const string Unauthorized = "Unauthorized/Invalid api key";
    public const string InvalidL1 = "Invalid L1 Request headers";
    public const string CouldNotDerive = "Could not derive api key!";
    public const string InvalidPayload = "Invalid order payload";
    public const string OwnerMismatch = "the order owner has to be the owner of the API KEY";
    public const string SignerMismatch = "the order signer address has to be the address of the API KEY";
    public const string VersionMismatch = "order_version_mismatch";
    public const string MinSize = "order is invalid. Size lower than the minimum";
    public const string Duplicated = "order is invalid. Duplicated. Same order has already been placed, can't be placed again";
    public const string InvalidExpiration = "invalid expiration";
    public const string NoOrderbook = "No orderbook exists for the requested token id";
    public const string CancelOnly = "Trading is currently cancel-only. New orders are not accepted, but cancels are allowed.";
    public const string Disabled = "Trading is currently disabled. Check polymarket.com for updates";
    public const string PostOnlyMode = "post-only mode: only post-only orders and cancels are allowed";
    public const string Restarting = "the matching engine is restarting, retry with backoff";
    public const string RateLimited = "Rate limit exceeded";
    public const string InvalidOrderId = "Invalid orderID";
    public const string NotFound = "Order not found or already canceled";
    public const string InvalidHeartbeat = "Invalid Heartbeat ID";
    public const string CancelBatchTooLarge = "Too many orders in payload, max allowed: 1000";

    public static string BatchTooLarge(int n) => $"Too many orders in payload: {n}, max allowed: 15";

    public static string Tick(string orderId, string price, string tick) => $"order {orderId} is invalid. Price ({price}) breaks minimum tick size rule: {tick}";
}
