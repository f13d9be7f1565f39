using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Venues.Bybit.Trading;

/// <summary>
/// The road an order operation takes: the trade WebSocket when it is up (the default: one frame, no HTTP round trip),
/// REST otherwise — decided before anything is sent, so a request is never sent twice. A 10002 on the socket is
/// answered as REST answers it: the clock is re-read and the request re-signed and sent once more (the venue refused it
/// unread). A lost socket or a missing ack after sending is not retried: the caller reconciles.
/// </summary>
public sealed class OrderTransport
{
    private readonly BybitPrivateRest _rest;
    private readonly BybitTradeSocket? _trade;
    private readonly TimeSpan _ackTimeout;
    private long _overSocket;
    private long _overRest;

    /// <summary>Creates the transport; <paramref name="trade"/> null sends everything over REST.</summary>
    public OrderTransport(BybitPrivateRest rest, BybitTradeSocket? trade, TimeSpan ackTimeout)
    {
        _rest = rest ?? throw new ArgumentNullException(nameof(rest));
        _trade = trade;
        _ackTimeout = ackTimeout;
    }

    /// <summary>Requests sent over the trade WebSocket.</summary>
    public long SentOverSocket => Interlocked.Read(ref _overSocket);

    /// <summary>Requests sent over REST.</summary>
    public long SentOverRest => Interlocked.Read(ref _overRest);

    /// <summary>The REST client (queries, cancel-all, DCP).</summary>
    public BybitPrivateRest Rest => _rest;

    /// <summary>Sends <paramref name="op"/> (<c>create</c>, <c>amend</c>, <c>cancel</c>, <c>create-batch</c>…) with <paramref name="body"/>.</summary>
    public async Task<BybitResponse> SendAsync(string op, string body, CancellationToken ct)
    {
        if (_trade is { IsReady: true })
        {
            try
            {
                Interlocked.Increment(ref _overSocket);
                var answer = await _trade.SendAsync(op, body, _ackTimeout, ct).ConfigureAwait(false);
                if (BybitErrorCodes.Classify(answer.RetCode) != BybitErrorClass.Timestamp) return answer;
                _rest.Clock.Invalidate();
                await _rest.SyncClockAsync(ct).ConfigureAwait(false);
                return await _trade.SendAsync(op, body, _ackTimeout, ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // The socket went down between the check and the send: nothing left us, REST takes it.
            }
        }

        Interlocked.Increment(ref _overRest);
        return await _rest.PostAsync("/v5/order/" + op, body, ct).ConfigureAwait(false);
    }
}
