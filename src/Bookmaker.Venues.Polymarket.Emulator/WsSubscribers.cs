namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The open WebSocket connections and what each has subscribed to: a text is sent to the market-channel sockets
/// subscribed to an asset, or to the user-channel sockets of a key whose market filter admits the condition id.
/// Sending only queues the frame (<see cref="WsConnection"/>), so frames leave in the order the state changed.
/// </summary>
internal sealed class WsSubscribers
{
    private readonly List<WsConnection> _sockets = [];
    private readonly HashSet<string> _silenced = new(StringComparer.Ordinal);

    /// <summary>
    /// Stops (or resumes) every market-channel message about a token — its market's <c>price_change</c>es, trades, ticks
    /// and even the <c>book</c> a new subscription would get — while PONGs and other assets flow on: the venue's
    /// per-asset stall. REST reads are unaffected.
    /// </summary>
    public void Silence(string assetId, bool silent)
    {
        if (silent) _silenced.Add(assetId);
        else _silenced.Remove(assetId);
    }

    /// <summary>True while the token's market-channel data is stopped.</summary>
    public bool IsSilenced(string assetId) => _silenced.Count != 0 && _silenced.Contains(assetId);

    /// <summary>Open connections.</summary>
    public int Count => _sockets.Count;

    /// <summary>User-channel sockets that have authenticated.</summary>
    public int AuthenticatedUsers => _sockets.Count(c => c.User is not null);

    /// <summary>Adds a connection.</summary>
    public void Add(WsConnection connection) => _sockets.Add(connection);

    /// <summary>Forgets a connection.</summary>
    public void Remove(WsConnection connection) => _sockets.Remove(connection);

    /// <summary>Forgets every connection and returns them (the caller aborts them outside the venue lock).</summary>
    public WsConnection[] TakeAll()
    {
        WsConnection[] all = [.. _sockets];
        _sockets.Clear();
        return all;
    }

    /// <summary>Sends to market-channel sockets subscribed to <paramref name="assetId"/>.</summary>
    public void SendMarket(string assetId, string text)
    {
        if (IsSilenced(assetId)) return;
        foreach (WsConnection c in _sockets)
        {
            if (!c.IsUser && c.Assets.Contains(assetId)) c.Send(text);
        }
    }

    /// <summary>Sends to market-channel sockets subscribed to either token of a market.</summary>
    public void SendMarket(string yesTokenId, string noTokenId, string text)
    {
        // One message carries both tokens' entries: a stalled token stalls its market's messages.
        if (IsSilenced(yesTokenId) || IsSilenced(noTokenId)) return;
        foreach (WsConnection c in _sockets)
        {
            if (!c.IsUser && (c.Assets.Contains(yesTokenId) || c.Assets.Contains(noTokenId))) c.Send(text);
        }
    }

    /// <summary>Sends to the user-channel sockets of <paramref name="key"/> whose market filter admits <paramref name="conditionId"/>.</summary>
    public void SendUser(ApiKeyRecord key, string conditionId, string text)
    {
        foreach (WsConnection c in _sockets)
        {
            if (c.IsUser && c.User == key && (c.Markets.Count == 0 || c.Markets.Contains(conditionId))) c.Send(text);
        }
    }
}
