using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Venues.Polymarket.Crypto;
using Microsoft.AspNetCore.Http;
using static Bookmaker.Venues.Polymarket.Emulator.HttpExchange;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>What an authenticated endpoint does, for the gates it meets and what it costs.</summary>
internal enum L2Kind
{
    /// <summary>An account read: only the restart window applies.</summary>
    Read,

    /// <summary>POST /v1/heartbeats.</summary>
    Heartbeat,

    /// <summary>POST /order: one order token.</summary>
    Place,

    /// <summary>POST /orders: one order token per order, all or nothing.</summary>
    PlaceBatch,

    /// <summary>DELETE /order: one cancel token.</summary>
    Cancel,

    /// <summary>DELETE /orders: one cancel token per id.</summary>
    CancelBatch,

    /// <summary>DELETE /cancel-all and /cancel-market-orders: one cancel token, the orders cancelled debited after.</summary>
    CancelAll,
}

/// <summary>
/// The road every authenticated request takes before its handler: L2 authentication (401), the restart window and
/// trading modes (425 / 503), the key's rate limit (429, with the <c>Poly-RateLimit-*</c> headers added to whatever
/// the handler answers); and the L1 key endpoints.
/// </summary>
internal static class AuthenticatedRequests
{
    /// <summary>Runs <paramref name="handler"/> for an L2 request once it has passed every gate.</summary>
    public static async Task L2(HttpContext ctx, EmulatorVenue venue, L2Kind kind, Func<ApiKeyRecord, byte[], EmuResponse> handler)
    {
        byte[] body = await ReadBody(ctx).ConfigureAwait(false);
        ApiKeyRecord? key = venue.AuthenticateL2(name => H(ctx, name), ctx.Request.Method, ctx.Request.Path.Value ?? "/", body);
        if (key is null)
        {
            await Write(ctx, EmuResponse.Error(401, VenueTexts.Unauthorized)).ConfigureAwait(false);
            return;
        }

        bool places = kind is L2Kind.Place or L2Kind.PlaceBatch;
        JsonElement root = default;
        bool parsed = places && TryParse(body, out root);
        EmuResponse? refused = venue.Gate(kind != L2Kind.Read, places, parsed && EmulatorVenue.AllPostOnly(root));
        if (refused is not null)
        {
            await Write(ctx, refused).ConfigureAwait(false);
            return;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int cost = kind switch
        {
            L2Kind.Place or L2Kind.Cancel or L2Kind.CancelAll => 1,
            L2Kind.PlaceBatch => parsed ? Math.Max(1, EmulatorVenue.CountOrders(root)) : 1,
            L2Kind.CancelBatch => TryParse(body, out JsonElement ids) && ids.ValueKind == JsonValueKind.Array ? Math.Max(1, ids.GetArrayLength()) : 1,
            _ => 0,
        };
        bool batchTooLarge = kind == L2Kind.PlaceBatch && cost > Orders.OrderJson.MaxBatchSize;
        if (cost > 0 && !batchTooLarge)
        {
            EmuResponse? limited = venue.TakeRate(key, kind is L2Kind.Cancel or L2Kind.CancelBatch or L2Kind.CancelAll, cost, headers);
            if (limited is not null)
            {
                await Write(ctx, limited).ConfigureAwait(false);
                return;
            }
        }

        EmuResponse response = handler(key, body);
        foreach (var (name, value) in headers) response.Headers.TryAdd(name, value);
        await Write(ctx, response).ConfigureAwait(false);
    }

    /// <summary>POST /auth/api-key (<paramref name="create"/>) or GET /auth/derive-api-key with L1 headers.</summary>
    public static EmuResponse L1(HttpContext ctx, EmulatorVenue venue, bool create)
    {
        if (!venue.AuthenticateL1(name => H(ctx, name), out EthereumAddress address, out ulong nonce))
            return EmuResponse.Error(401, VenueTexts.InvalidL1);
        ApiKeyRecord? key = venue.GetOrCreateKey(address, nonce, create);
        if (key is null) return EmuResponse.Error(400, VenueTexts.CouldNotDerive);
        EmulatorCredentials c = key.Credentials;
        return EmuResponse.Json(new JsonObject { ["apiKey"] = c.ApiKey, ["secret"] = c.Secret, ["passphrase"] = c.Passphrase });
    }

    /// <summary>A cancel-all style request: costs 1 up front plus every order cancelled, debited after the fact.</summary>
    public static EmuResponse CancelWhere(EmulatorVenue venue, ApiKeyRecord key, string? market, string? asset)
    {
        var (response, count) = venue.CancelWhere(key, market, asset);
        venue.DebitCancels(key, count);
        return response;
    }
}
