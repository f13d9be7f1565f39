namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>How every part of the market-channel parser reports bad input: counted per reason, then handed to the sink.</summary>
internal static class MalformedReports
{
    /// <summary>Counts and reports one malformed message or entry (instrument −1 = cannot tell which).</summary>
    public static void Report<TSink>(MarketChannelCounters counters, MalformedReason reason, int instrument, ReadOnlySpan<byte> frame, TSink sink)
        where TSink : IMarketChannelSink
    {
        counters.CountMalformed(reason);
        sink.OnMalformed(reason, instrument, frame);
    }
}
