namespace Bookmaker.Core.Instruments;

/// <summary>
/// Names one tradable instrument: the venue and the venue's own id (a Polymarket token id, a Bybit symbol such as
/// <c>BTCUSDT</c>). Compared by value; cheap to hash, so it can key dictionaries off the hot path. The hot path uses
/// <see cref="Instrument.Index"/> instead.
/// </summary>
public readonly record struct InstrumentId(string Venue, string Symbol)
{
    /// <inheritdoc />
    public override string ToString() => $"{Venue}:{Symbol}";

    /// <summary>Parses <c>venue:symbol</c>.</summary>
    public static InstrumentId Parse(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1) throw new FormatException($"'{text}' is not venue:symbol");
        return new InstrumentId(text[..colon], text[(colon + 1)..]);
    }
}

/// <summary>Well-known venue names.</summary>
public static class VenueNames
{
    /// <summary>Polymarket CLOB.</summary>
    public const string Polymarket = "polymarket";

    /// <summary>Bybit v5.</summary>
    public const string Bybit = "bybit";

    /// <summary>Binance (recorded data only).</summary>
    public const string Binance = "binance";

    /// <summary>The embedded simulated venue with synthetic markets.</summary>
    public const string Simulated = "sim";
}
