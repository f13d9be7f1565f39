using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// One coin of a spot account as the venue states it: the whole balance and the part its open orders lock (a spot
/// sell locks base, a buy locks quote). Exact: amounts of every coin share the fixed-point scale of a quantity.
/// </summary>
/// <param name="Coin">The coin (<c>USDT</c>, <c>BTC</c>…).</param>
/// <param name="Total">The whole balance (Bybit's <c>walletBalance</c>).</param>
/// <param name="Locked">What open orders lock (Bybit's <c>locked</c>).</param>
public readonly record struct CoinBalance(string Coin, Quantity Total, Quantity Locked)
{
    /// <summary>What new orders may spend: the balance less what open orders lock.</summary>
    public Quantity Free => Total - Locked;
}
