using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Bookmaker.Venues.Polymarket.Emulator.EmuJson;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// What a client's subscription messages do: on the market channel, <c>assets_ids</c> subscribe (with one frame of
/// <c>book</c> events for the new ones unless <c>initial_dump</c> is false) or unsubscribe; on the user channel,
/// <c>auth</c> must name issued credentials (else close 1008 "Unauthorized") and <c>markets</c> sets the condition-id
/// filter.
/// </summary>
internal sealed class SubscriptionDesk(EmulatedMarkets markets, EmulatorAccounts accounts, BookViews books, WsSubscribers subscribers)
{
    /// <summary>Handles one JSON object a client sent on <paramref name="c"/>.</summary>
    public void Handle(WsConnection c, JsonElement root)
    {
        if (c.IsUser) OnUserMessage(c, root);
        else OnMarketMessage(c, root);
    }

    private void OnMarketMessage(WsConnection c, JsonElement root)
    {
        var ids = new List<string>();
        if (root.TryGetProperty("assets_ids", out JsonElement a) && a.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement e in a.EnumerateArray())
            {
                if (e.GetString() is string s) ids.Add(s);
            }
        }

        if (string.Equals(Str(root, "operation"), "unsubscribe", StringComparison.OrdinalIgnoreCase))
        {
            foreach (string id in ids) c.Assets.Remove(id);
            return;
        }

        bool dump = Str(root, "initial_dump") != "false";
        var frame = new JsonArray();
        foreach (string id in ids)
        {
            if (!markets.IsToken(id)) continue;
            bool added = c.Assets.Add(id);
            if (dump && added && !subscribers.IsSilenced(id)) frame.Add(books.Book(id, ws: true));
        }

        if (frame.Count > 0) c.Send(frame.ToJsonString());
    }

    private void OnUserMessage(WsConnection c, JsonElement root)
    {
        if (root.TryGetProperty("auth", out JsonElement auth))
        {
            string? key = Str(auth, "apiKey"), secret = Str(auth, "secret"), pass = Str(auth, "passphrase");
            if (key is null || !accounts.TryGet(key, out ApiKeyRecord record)
                || secret != record.Credentials.Secret || pass != record.Credentials.Passphrase)
            {
                c.Close(WebSocketCloseStatus.PolicyViolation, "Unauthorized");
                return;
            }

            c.User = record;
        }

        if (c.User is null)
        {
            c.Close(WebSocketCloseStatus.PolicyViolation, "Unauthorized");
            return;
        }

        bool unsubscribe = string.Equals(Str(root, "operation"), "unsubscribe", StringComparison.OrdinalIgnoreCase);
        if (root.TryGetProperty("markets", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement e in list.EnumerateArray())
            {
                if (e.GetString() is not string s) continue;
                if (unsubscribe) c.Markets.Remove(s);
                else c.Markets.Add(s);
            }
        }
    }
}
