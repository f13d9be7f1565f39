using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// One WebSocket client. Frames are queued (under the venue lock, so in state order) and written by one writer loop;
/// a close request travels through the same queue so it follows the frames sent before it.
/// </summary>
internal sealed class WsConnection(WebSocket socket, bool isUser)
{
    private readonly Channel<(string? Text, WebSocketCloseStatus? Close)> _outbox =
        Channel.CreateUnbounded<(string?, WebSocketCloseStatus?)>(new UnboundedChannelOptions { SingleReader = true });

    private string _closeReason = "";

    public bool IsUser { get; } = isUser;

    /// <summary>Market channel: subscribed token ids.</summary>
    public HashSet<string> Assets { get; } = new(StringComparer.Ordinal);

    /// <summary>User channel: the authenticated key.</summary>
    public ApiKeyRecord? User { get; set; }

    /// <summary>User channel: condition ids filter (empty = all markets).</summary>
    public HashSet<string> Markets { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Send(string text) => _outbox.Writer.TryWrite((text, null));

    public void Close(WebSocketCloseStatus status, string reason)
    {
        _closeReason = reason;
        _outbox.Writer.TryWrite((null, status));
        _outbox.Writer.TryComplete();
    }

    /// <summary>Drops the connection abruptly (no close handshake), as a network failure would.</summary>
    public void Abort()
    {
        _outbox.Writer.TryComplete();
        socket.Abort();
    }

    public void Complete() => _outbox.Writer.TryComplete();

    public async Task WriteLoopAsync(CancellationToken cancel)
    {
        try
        {
            await foreach (var (text, close) in _outbox.Reader.ReadAllAsync(cancel).ConfigureAwait(false))
            {
                if (close is WebSocketCloseStatus status)
                {
                    await socket.CloseOutputAsync(status, _closeReason, cancel).ConfigureAwait(false);
                    return;
                }

                await socket.SendAsync(Encoding.UTF8.GetBytes(text!), WebSocketMessageType.Text, true, cancel).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or the socket was aborted: nothing left to deliver.
        }
    }
}
