using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using static Bookmaker.Venues.Bybit.Emulator.Trading.PrivateRoutes;

namespace Bookmaker.Venues.Bybit.Emulator.Trading;

/// <summary>
/// One private (<c>/v5/private</c>) or trade (<c>/v5/trade</c>) WebSocket: the <c>auth</c> op first; then on the
/// private stream <c>subscribe</c> to <c>order</c>, <c>execution</c>, <c>position</c>, <c>wallet</c>, <c>dcp.*</c>; on the
/// trade stream <c>order.create|amend|cancel</c> and their <c>-batch</c> forms, each answered with its <c>reqId</c> and
/// the rate-limit header; <c>ping</c> on both. Frames go out through one writer queue.
/// </summary>
internal sealed class StreamSession(WebSocket socket, string connId, bool trade)
{
    private readonly HashSet<string> _reqIds = new(StringComparer.Ordinal);

    public PublicSession Connection { get; } = new(socket, connId);

    public bool Trade { get; } = trade;

    public bool Authenticated { get; private set; }

    /// <summary>Subscribed topics (guarded by the venue's lock).</summary>
    public HashSet<string> Topics { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs the connection until it closes.</summary>
    public static async Task RunAsync(HttpContext http, TradingVenue venue, bool trade, string connId, CancellationToken stopping)
    {
        using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var session = new StreamSession(socket, connId, trade);
        venue.Add(session);
        var writer = session.Connection.WriteLoopAsync(stopping);
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open && !stopping.IsCancellationRequested)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), stopping).ConfigureAwait(false);
                    length += result.Count;
                }
                while (!result.EndOfMessage && length < buffer.Length);
                if (result.MessageType == WebSocketMessageType.Close) break;
                using var doc = JsonDocument.Parse(buffer.AsMemory(0, length));
                await session.OnMessageAsync(venue, doc.RootElement).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException)
        {
            // Dropped or nonsense: the session ends as the venue would end it.
        }
        finally
        {
            venue.Remove(session);
            session.Connection.Complete();
            await writer.ConfigureAwait(false);
        }
    }

    private async Task OnMessageAsync(TradingVenue venue, JsonElement root)
    {
        string op = Str(root, "op") ?? "";
        string reqId = Str(root, Trade ? "reqId" : "req_id") ?? "";
        if (op == "ping")
        {
            long now = venue.ServerNowMs();
            Connection.Send(Trade
                ? $"{{\"retCode\":0,\"retMsg\":\"OK\",\"op\":\"pong\",\"data\":[\"{now}\"],\"connId\":\"{Connection.ConnId}\"}}"
                : $"{{\"req_id\":{JsonSerializer.Serialize(reqId)},\"op\":\"pong\",\"args\":[\"{now}\"],\"conn_id\":\"{Connection.ConnId}\"}}");
            return;
        }

        if (op == "auth")
        {
            var args = root.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToArray() : [];
            long expires = args.Length > 1 && args[1].ValueKind == JsonValueKind.Number ? args[1].GetInt64() : 0;
            (int code, string message) = Authenticated ? (20001, "Repeat auth") : venue.Guard.CheckWebSocket(args.Length > 0 ? args[0].GetString() : null, expires,
                args.Length > 2 ? args[2].GetString() : null, venue.ServerNowMs());
            if (code == 0) Authenticated = true;
            Connection.Send(Trade
                ? $"{{\"retCode\":{code},\"retMsg\":{JsonSerializer.Serialize(code == 0 ? "OK" : message)},\"op\":\"auth\",\"connId\":\"{Connection.ConnId}\"}}"
                : Answer(code == 0, message, reqId, "auth"));
            return;
        }

        if (!Authenticated)
        {
            Connection.Send(Trade ? $"{{\"reqId\":{JsonSerializer.Serialize(reqId)},\"retCode\":10003,\"retMsg\":\"not authenticated\",\"op\":\"{op}\"}}" : Answer(false, "not authenticated", reqId, op));
            return;
        }

        if (!Trade)
        {
            OnSubscribe(venue, root, op, reqId);
            return;
        }

        await OnTradeAsync(venue, root, op, reqId).ConfigureAwait(false);
    }

    private void OnSubscribe(TradingVenue venue, JsonElement root, string op, string reqId)
    {
        var topics = root.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(t => t.GetString() ?? "").ToList() : [];
        if (op is not ("subscribe" or "unsubscribe") || topics.Any(t => t is not ("order" or "execution" or "position" or "wallet" or "dcp.future" or "dcp.spot" or "dcp.option")))
        {
            Connection.Send(Answer(false, "error:handler not found,topic:" + string.Join(',', topics), reqId, op));
            return;
        }

        lock (venue.Gate)
        {
            foreach (string t in topics)
            {
                if (op == "unsubscribe") Topics.Remove(t);
                else if (Topics.Add(t) && t.StartsWith("dcp.", StringComparison.Ordinal)) venue.DcpAlive(t);
            }
        }

        Connection.Send(Answer(true, "", reqId, op));
    }

    private async Task OnTradeAsync(TradingVenue venue, JsonElement root, string op, string reqId)
    {
        if (reqId.Length is 0 or > 36 || !_reqIds.Add(reqId))
        {
            Connection.Send(TradeAnswer(venue, reqId, op, new Reply(20006, "reqId is duplicate"), null));
            return;
        }

        var header = root.TryGetProperty("header", out var hd) ? hd : default;
        var arg = root.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array && args.GetArrayLength() == 1 ? args[0] : default;
        Reply reply;
        (int, int, long)? limits = null;
        lock (venue.Gate)
        {
            long now = venue.ServerNowMs();
            int window = int.TryParse(Str(header, "X-BAPI-RECV-WINDOW"), NumberStyles.None, CultureInfo.InvariantCulture, out int rw) ? rw : 5000;
            bool tsOk = long.TryParse(Str(header, "X-BAPI-TIMESTAMP"), NumberStyles.None, CultureInfo.InvariantCulture, out long ts) && RequestGuard.TimestampOk(ts, window, now);
            if (arg.ValueKind != JsonValueKind.Object || op is not ("order.create" or "order.amend" or "order.cancel" or "order.create-batch" or "order.amend-batch" or "order.cancel-batch"))
            {
                reply = new Reply(10404, "op or args invalid");
            }
            else if (!tsOk)
            {
                venue.TimestampRefusals++;
                reply = new Reply(10002, "invalid request, please check your timestamp or recv_window param");
            }
            else
            {
                bool batch = op.EndsWith("-batch", StringComparison.Ordinal);
                int cost = batch && arg.TryGetProperty("request", out var r) && r.ValueKind == JsonValueKind.Array ? Math.Max(1, r.GetArrayLength()) : 1;
                string endpoint = "/v5/order/" + op["order.".Length..];
                var (granted, limit, remaining, reset) = venue.Limits.Take(endpoint, venue.Options.OrderRateLimit, cost, now);
                limits = (limit, remaining, reset);
                if (granted == 0)
                {
                    venue.RateLimited++;
                    reply = new Reply(10006, "Too many visits. Exceeded the API Rate Limit.");
                }
                else
                {
                    reply = op switch
                    {
                        "order.create" => OrderEndpoints.Create(venue, arg),
                        "order.amend" => OrderEndpoints.Amend(venue, arg),
                        "order.cancel" => OrderEndpoints.Cancel(venue, arg),
                        _ => OrderEndpoints.Batch(venue, op["order.".Length..^"-batch".Length], arg, granted),
                    };
                }
            }
        }

        // The order is handled; only its ack is late (a client's timeout then meets an order that exists).
        if (venue.OrderDelay > TimeSpan.Zero) await Task.Delay(venue.OrderDelay).ConfigureAwait(false);
        Connection.Send(TradeAnswer(venue, reqId, op, reply, limits));
    }

    private string TradeAnswer(TradingVenue venue, string reqId, string op, Reply reply, (int Limit, int Remaining, long Reset)? limits) => EmuJson.Write(w =>
    {
        long now = venue.ServerNowMs();
        w.WriteStartObject();
        w.WriteString("reqId", reqId);
        w.WriteNumber("retCode", reply.Code);
        w.WriteString("retMsg", reply.Message);
        w.WriteString("op", op);
        w.WritePropertyName("data");
        if (reply.Result is null) EmuJson.EmptyObject(w);
        else reply.Result(w);
        w.WritePropertyName("retExtInfo");
        if (reply.ExtInfo is null) EmuJson.EmptyObject(w);
        else reply.ExtInfo(w);
        w.WriteStartObject("header");
        if (limits is { } l)
        {
            w.WriteString("X-Bapi-Limit", l.Limit.ToString(CultureInfo.InvariantCulture));
            w.WriteString("X-Bapi-Limit-Status", l.Remaining.ToString(CultureInfo.InvariantCulture));
            w.WriteString("X-Bapi-Limit-Reset-Timestamp", l.Reset.ToString(CultureInfo.InvariantCulture));
        }

        w.WriteString("Timenow", now.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteString("connId", Connection.ConnId);
        w.WriteEndObject();
    });

    private string Answer(bool success, string message, string reqId, string op) =>
        $"{{\"success\":{(success ? "true" : "false")},\"ret_msg\":{JsonSerializer.Serialize(message)},\"op\":\"{op}\",\"req_id\":{JsonSerializer.Serialize(reqId)},\"conn_id\":\"{Connection.ConnId}\"}}";
}
