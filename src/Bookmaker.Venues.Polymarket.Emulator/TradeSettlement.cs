namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// A trade's life after the match, on the emulator clock: MATCHED → MINED after <see cref="EmulatorOptions.MinedAfter"/>
/// → CONFIRMED after <see cref="EmulatorOptions.ConfirmedAfter"/> more, or RETRYING → FAILED when the admin API fails
/// it (balances are not reversed). Each step is published to both sides of the trade.
/// </summary>
internal sealed class TradeSettlement(OrderRecords records, StreamPublisher publish, EmulatorOptions options)
{
    /// <summary>Moves every unsettled trade whose time has come one or two steps on.</summary>
    public void Advance(DateTimeOffset now)
    {
        foreach (TradeRecord trade in records.Trades)
        {
            if (trade.Failed || trade.Status == "CONFIRMED") continue;
            if (trade.Status == "MATCHED" && now - trade.MatchTime >= options.MinedAfter) SetStatus(trade, "MINED");
            if (trade.Status == "MINED" && now - trade.MatchTime >= options.MinedAfter + options.ConfirmedAfter) SetStatus(trade, "CONFIRMED");
        }
    }

    /// <summary>Moves a trade to RETRYING then FAILED.</summary>
    public void Fail(string tradeId)
    {
        if (!records.TryGetTrade(tradeId, out TradeRecord trade)) throw new ArgumentException($"unknown trade {tradeId}", nameof(tradeId));
        trade.Failed = true;
        SetStatus(trade, "RETRYING");
        SetStatus(trade, "FAILED");
    }

    private void SetStatus(TradeRecord trade, string status)
    {
        trade.Status = status;
        trade.LastUpdateSeconds = options.Time.GetUtcNow().ToUnixTimeSeconds();
        publish.Trade(trade);
    }
}
