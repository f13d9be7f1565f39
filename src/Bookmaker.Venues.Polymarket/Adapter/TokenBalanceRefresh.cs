using Bookmaker.Venues.Polymarket.Http;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Keeps the venue's cached token balance fresh and stops hammering it while it is stale (field lessons, item 1). The
/// venue checks a SELL against a cache of the on-chain balance that lags behind settlement, and refuses with "not
/// enough balance / allowance" until it is refreshed; the refusal repeats at every requote unless someone waits.
/// So: after our fills and their settlement steps the token's cache is refreshed (<c>GET /balance-allowance/update</c>,
/// CONDITIONAL, at most one request in flight per token); a SELL refused for balance refreshes it too and starts a
/// per-token back-off — 1 s, doubling with each further refusal to 30 s — during which SELLs of that token are refused
/// locally, never sent. An accepted SELL of the token ends its back-off.
/// </summary>
internal sealed class TokenBalanceRefresh(PolymarketRestClient rest, int signatureType, TimeProvider time)
{
    /// <summary>First wait after a refusal.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Refusals, DateTimeOffset Until)> _backoff = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Cache refreshes requested so far (for status and tests).</summary>
    public long Requested { get; private set; }

    /// <summary>True while SELLs of <paramref name="token"/> wait out a balance refusal; <paramref name="remaining"/> says how long.</summary>
    public bool IsBackingOff(string token, out TimeSpan remaining)
    {
        lock (_lock)
        {
            remaining = TimeSpan.Zero;
            if (!_backoff.TryGetValue(token, out var b)) return false;
            remaining = b.Until - time.GetUtcNow();
            return remaining > TimeSpan.Zero;
        }
    }

    /// <summary>The venue refused a SELL of <paramref name="token"/> for balance: wait longer, and refresh its cache.</summary>
    public TimeSpan OnSellRefused(string token)
    {
        TimeSpan wait;
        lock (_lock)
        {
            int refusals = _backoff.TryGetValue(token, out var b) ? b.Refusals + 1 : 1;
            wait = refusals >= 6 ? MaxBackoff : TimeSpan.FromTicks(Math.Min(FirstBackoff.Ticks << (refusals - 1), MaxBackoff.Ticks));
            _backoff[token] = (refusals, time.GetUtcNow() + wait);
        }

        Refresh(token);
        return wait;
    }

    /// <summary>The venue accepted a SELL of <paramref name="token"/>: its balance is seen again, no more waiting.</summary>
    public void OnSellAccepted(string token)
    {
        lock (_lock) _backoff.Remove(token);
    }

    /// <summary>Asks the venue to re-read <paramref name="token"/>'s balance (skipped while a request for it is in flight).</summary>
    public void Refresh(string token)
    {
        lock (_lock)
        {
            if (!_inFlight.Add(token)) return;
            Requested++;
        }

        _ = RefreshAsync(token);
    }

    private async Task RefreshAsync(string token)
    {
        try
        {
            // The answer does not matter: a failed refresh leaves the cache as it was and the back-off still holds.
            await rest.UpdateBalanceAllowanceAsync("CONDITIONAL", token, signatureType).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock) _inFlight.Remove(token);
        }
    }
}
