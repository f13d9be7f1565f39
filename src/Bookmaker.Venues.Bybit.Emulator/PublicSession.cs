using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Bookmaker.Venues.Bybit.Emulator;

/// <summary>
/// One public WebSocket connection: its subscribed topics, an outbound queue drained by one writer (so frames never
/// interleave), and when it last heard from the client (the idle cut-off).
/// </summary>
internal sealed class PublicSession(WebSocket socket, string connId)
{
    private readonly Channel<string> _outbound = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public string ConnId { get; } = connId;

    public WebSocket Socket { get; } = socket;

    /// <summary>Topic → depth (0 for trades); guarded by the emulator's lock.</summary>
    public Dictionary<string, int> Topics { get; } = new(StringComparer.Ordinal);

    public long LastHeardTicks { get; set; } = DateTime.UtcNow.Ticks;

    public void Send(string text) => _outbound.Writer.TryWrite(text);

    public void Complete() => _outbound.Writer.TryComplete();

    /// <summary>Writes queued frames until the queue completes or the socket fails.</summary>
    public async Task WriteLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (string text in _outbound.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (Socket.State != WebSocketState.Open) break;
                await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is gone; the read side ends the session.
        }
    }
}
