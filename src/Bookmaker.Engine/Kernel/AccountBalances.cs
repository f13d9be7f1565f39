using Bookmaker.Core.Portfolio;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The venues' per-coin balances as they last stated them — total, locked by open orders, free — from complete
/// reconciliation snapshots and the pushes between them (Bybit's <c>wallet</c> topic). What the operator sees of a spot
/// account; the ledger's positions and cash stay the engine's own (reconciliation adopts the venue's totals there), and
/// the gate keeps its own open-order commitments.
/// </summary>
/// <remarks>Written on the loop only; <see cref="Rows"/> copies for the snapshot publisher on the loop.</remarks>
public sealed class AccountBalances
{
    private readonly SortedDictionary<(string Venue, string Coin), CoinBalance> _coins = new(Comparer<(string Venue, string Coin)>.Create(static (a, b) =>
        string.CompareOrdinal(a.Venue, b.Venue) is var c and not 0 ? c : string.CompareOrdinal(a.Coin, b.Coin)));

    /// <summary>Coins known.</summary>
    public int Count => _coins.Count;

    /// <summary>When the last figures came (zero before any).</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The last figures of <paramref name="coin"/> at <paramref name="venue"/>, or null when the venue never named it.</summary>
    public CoinBalance? Of(string venue, string coin) => _coins.TryGetValue((venue, coin), out var b) ? b : null;

    /// <summary>Every coin, by venue then coin.</summary>
    public IReadOnlyList<(string Venue, CoinBalance Balance)> Rows() => [.. _coins.Select(kv => (kv.Key.Venue, kv.Value))];

    /// <summary>A complete snapshot states every coin the venue holds: the venue's list replaces what was known of it.</summary>
    public void OnSnapshot(AccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.Complete || snapshot.Balances is not { } coins) return;
        foreach (var key in _coins.Keys.Where(k => k.Venue == snapshot.Venue).ToList()) _coins.Remove(key);
        Set(snapshot.Venue, coins, snapshot.Timestamp);
    }

    /// <summary>A push names the coins that changed: each replaces its last figures.</summary>
    public void OnPush(VenueBalances balances)
    {
        ArgumentNullException.ThrowIfNull(balances);
        Set(balances.Venue, balances.Coins, balances.Timestamp);
    }

    private void Set(string venue, IReadOnlyList<CoinBalance> coins, DateTimeOffset at)
    {
        foreach (var c in coins) _coins[(venue, c.Coin)] = c;
        UpdatedAt = at;
    }
}
