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

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
