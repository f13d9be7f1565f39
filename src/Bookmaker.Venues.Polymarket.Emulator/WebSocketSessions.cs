using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// One client's WebSocket on <c>/ws/market</c> or <c>/ws/user</c>: accepted, registered with the venue, text messages
/// read whole and handed to <see cref="EmulatorVenue.OnText"/>, frames written by the connection's own writer loop,
/// and unregistered when the client, the admin API or shutdown ends it.
/// </summary>
internal static class WebSocketSessions
{
    /// <summary>Runs one session until it ends.</summary>
    public static async Task Run(HttpContext ctx, EmulatorVenue venue, bool isUser, CancellationToken stopping)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            ctx.Response.StatusCode = 400;
            return;
        }

        using WebSocket ws = await ctx.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new WsConnection(ws, isUser);
        venue.Register(connection);
        Task writer = connection.WriteLoopAsync(stopping);
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (ws.State == WebSocketState.Open && !stopping.IsCancellationRequested)
            {
                WebSocketReceiveResult result = await ws.ReceiveAsync(buffer, stopping).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                string text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                venue.OnText(connection, text);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted by the admin API, the client or shutdown.
        }
        finally
        {
            venue.Unregister(connection);
            connection.Complete();
            await writer.ConfigureAwait(false);
        }
    }
}
