namespace Bookmaker.Backtest.Inputs;

/// <summary>The recording formats a backtest reads.</summary>
public enum DataFormat
{
    /// <summary>Not recognised: the file is reported as a data problem and not replayed.</summary>
    Unknown,

    /// <summary>Polymarket market-channel messages as one JSON array (the shared capture), timed by message timestamps.</summary>
    PolymarketArray,

    /// <summary>The recorder's <c>{"recv_ns":…,"msg":…}</c> lines (<c>bookmaker record</c>), optionally gzip.</summary>
    PolymarketRecorder,

    /// <summary>hftbacktest-style Binance lines <c>&lt;recv_ns&gt; &lt;json&gt;</c> (USD-M or spot), optionally gzip.</summary>
    Binance,

    /// <summary>
    /// Bybit v5 public-stream messages, one per line: raw (the public archive, timed by <c>ts</c>) or the recorder's
    /// <c>{"recv_ns":…,"msg":…}</c>, optionally gzip.
    /// </summary>
    Bybit,
}

/// <summary>Venue families: one run replays files of one venue.</summary>
public static class DataFormats
{
    /// <summary>The venue a format belongs to (polymarket, binance or bybit); null when unknown.</summary>
    public static string? VenueOf(DataFormat format) => format switch
    {
        DataFormat.PolymarketArray or DataFormat.PolymarketRecorder => "polymarket",
        DataFormat.Binance => "binance",
        DataFormat.Bybit => "bybit",
        _ => null,
    };
}
