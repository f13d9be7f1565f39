using System.Globalization;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// Per-key rate limits: each key's order and cancel <see cref="ClockedTokenBucket"/>s, the 429 answer when a request cannot
/// be paid for, and the <c>Poly-RateLimit-*</c> headers every trading answer carries.
/// </summary>
internal sealed class KeyRateLimits(EmulatorOptions options)
{
    /// <summary>Takes <paramref name="cost"/> from the key's order or cancel bucket; a 429 when it cannot.</summary>
    public EmuResponse? Take(ApiKeyRecord key, bool cancel, int cost, Dictionary<string, string> headers)
    {
        ClockedTokenBucket bucket = cancel ? key.Cancels : key.Orders;
        bool ok = bucket.TryTake(cost, out TimeSpan retry);
        Headers(bucket, headers);
        if (ok) return null;
        int seconds = retry == TimeSpan.MaxValue ? 3600 : Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        var response = EmuResponse.Error(429, VenueTexts.RateLimited).With("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        foreach (var (k, v) in headers) response.Headers[k] = v;
        return response;
    }

    /// <summary>Debits cancels already done (cancel-all style costs; the balance may go negative).</summary>
    public static void DebitCancels(ApiKeyRecord key, int count) => key.Cancels.ForceDebit(count);

    private void Headers(ClockedTokenBucket bucket, Dictionary<string, string> headers)
    {
        headers["Poly-RateLimit-Remaining"] = Math.Max(0, bucket.Available).ToString(CultureInfo.InvariantCulture);
        headers["Poly-RateLimit-Reset"] = (options.Time.GetUtcNow() + bucket.WaitFor(bucket.TokenLimit)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["Poly-RateLimit-Tier"] = options.RateLimits.Tier;
    }
}
