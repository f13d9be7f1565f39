using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// One simulated venue account: cash and token balances per instrument slot, plus what its open orders lock
/// (Polymarket's rule: what you can still order = balance − Σ open order remainders). Only the
/// matching engine mutates it (<see cref="SimAccountLedger"/>, the matcher and the resting orders).
/// </summary>
public sealed class SimAccount
{
    private long[] _tokens = new long[4];
    private long[] _lockedTokens = new long[4];

    internal SimAccount(int id, Money cash)
    {
        Id = id;
        Cash = cash;
    }

    /// <summary>Account id (dense, from 0).</summary>
    public int Id { get; }

    /// <summary>Cash balance (USDC/USDT), fees and rebates included.</summary>
    public Money Cash { get; internal set; }

    /// <summary>Cash reserved by open BUY orders (price × remaining, plus maker-fee headroom).</summary>
    public Money LockedCash { get; internal set; }

    /// <summary>Cash free for new orders.</summary>
    public Money AvailableCash => Cash - LockedCash;

    /// <summary>Open orders of this account.</summary>
    public int OpenOrders { get; internal set; }

    /// <summary>Head of the account's intrusive list of open order nodes (−1 when none).</summary>
    internal int OrderHead { get; set; } = -1;

    /// <summary>Token balance of an instrument slot (may be negative for instruments that allow shorting).</summary>
    public Quantity Tokens(int instrument) => new((uint)instrument < (uint)_tokens.Length ? _tokens[instrument] : 0);

    /// <summary>Tokens reserved by open SELL orders.</summary>
    public Quantity LockedTokens(int instrument) => new((uint)instrument < (uint)_lockedTokens.Length ? _lockedTokens[instrument] : 0);

    /// <summary>Tokens free for new SELL orders.</summary>
    public Quantity AvailableTokens(int instrument) => Tokens(instrument) - LockedTokens(instrument);

    internal void AddTokens(int instrument, long delta)
    {
        Ensure(instrument);
        _tokens[instrument] = checked(_tokens[instrument] + delta);
    }

    internal void AddLockedTokens(int instrument, long delta)
    {
        Ensure(instrument);
        _lockedTokens[instrument] += delta;
    }

    private void Ensure(int instrument)
    {
        if (instrument < _tokens.Length) return;
        int n = Math.Max(instrument + 1, _tokens.Length * 2);
        Array.Resize(ref _tokens, n);
        Array.Resize(ref _lockedTokens, n);
    }
}
