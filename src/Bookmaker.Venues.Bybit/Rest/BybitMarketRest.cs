using System.Globalization;
using System.Text.Json;
using Bookmaker.Venues.Bybit.Auth;

namespace Bookmaker.Venues.Bybit.Rest;

/// <summary>
/// The public (unsigned) market endpoints: server time (fed to the <see cref="BybitServerClock"/>, with the round trip
/// it took) and every page of <c>instruments-info</c>. Each request is bounded by a timeout.
/// </summary>
public sealed class BybitMarketRest : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates the client for <paramref name="baseUrl"/> (e.g. https://api.bybit.com).</summary>
    public BybitMarketRest(Uri baseUrl, TimeSpan timeout)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = timeout };
    }

    /// <summary>Reads <c>/v5/market/time</c> and records it in <paramref name="clock"/>; returns the server time (ms).</summary>
    public async Task<long> SyncTimeAsync(BybitServerClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clock);
        long sent = clock.LocalNowMs();
        byte[] body = await _http.GetByteArrayAsync(new Uri("/v5/market/time", UriKind.Relative), ct).ConfigureAwait(false);
        long received = clock.LocalNowMs();
        using var doc = JsonDocument.Parse(body);
        long server = doc.RootElement.TryGetProperty("time", out var t) && t.TryGetInt64(out long ms) ? ms
            : long.Parse(doc.RootElement.GetProperty("result").GetProperty("timeSecond").GetString()!, CultureInfo.InvariantCulture) * 1000;
        clock.Observe(server, sent, received);
        return server;
    }

    /// <summary>Every instrument of <paramref name="category"/> (all pages), and the refused ones with their reasons.</summary>
    public async Task<(List<BybitInstrumentTerms> Instruments, Dictionary<string, string> Refused)> InstrumentsAsync(BybitCategory category, CancellationToken ct)
    {
        var all = new List<BybitInstrumentTerms>();
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        string? cursor = null;
        string name = category == BybitCategory.Spot ? "spot" : "linear";
        for (int page = 0; page < 100; page++)
        {
            string query = $"/v5/market/instruments-info?category={name}&limit=1000" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Uri.UnescapeDataString(cursor)));
            byte[] body = await _http.GetByteArrayAsync(new Uri(query, UriKind.Relative), ct).ConfigureAwait(false);
            var read = InstrumentsInfoReader.Read(body);
            all.AddRange(read.Instruments);
            foreach (var (k, v) in read.Refused) refused[k] = v;
            cursor = read.NextCursor;
            if (cursor is null) break;
        }

        return (all, refused);
    }

    /// <summary>
    /// <c>/v5/market/price-limit</c> for one symbol: the highest bid and lowest ask the venue accepts now; null when the
    /// venue does not answer with both (the <c>priceLimit</c> topic fills the band in later).
    /// </summary>
    public async Task<(Core.Values.Price BuyLimit, Core.Values.Price SellLimit)?> PriceLimitAsync(BybitCategory category, string symbol, CancellationToken ct)
    {
        string name = category == BybitCategory.Spot ? "spot" : "linear";
        byte[] body = await _http.GetByteArrayAsync(new Uri($"/v5/market/price-limit?category={name}&symbol={Uri.EscapeDataString(symbol)}", UriKind.Relative), ct).ConfigureAwait(false);
        return ReadPriceLimit(body);
    }

    /// <summary>Reads a price-limit answer (<c>result{symbol, buyLmt, sellLmt, ts}</c>); null unless retCode 0 with both limits positive.</summary>
    internal static (Core.Values.Price BuyLimit, Core.Values.Price SellLimit)? ReadPriceLimit(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (!root.TryGetProperty("retCode", out var code) || code.GetInt32() != 0 || !root.TryGetProperty("result", out var result)) return null;
        if (!result.TryGetProperty("buyLmt", out var b) || !result.TryGetProperty("sellLmt", out var s)) return null;
        if (b.ValueKind != JsonValueKind.String || s.ValueKind != JsonValueKind.String) return null;
        if (!Core.Values.Price.TryParse(b.GetString(), out var buy) || !Core.Values.Price.TryParse(s.GetString(), out var sell)) return null;
        return buy.Raw > 0 && sell.Raw > 0 ? (buy, sell) : null;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
