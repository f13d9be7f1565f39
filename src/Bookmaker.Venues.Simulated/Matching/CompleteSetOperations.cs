using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// The CTF actions on a binary market outside the book: <b>split</b> turns $1 of cash into one YES and one NO token,
/// <b>merge</b> turns one of each back into $1. Each keeps the market's <see cref="InstrumentOrderBook.SetsOutstanding"/>
/// (every set backed by $1 of collateral) in step. Sets minted or merged by trades (MINT / MERGE fills) are counted
/// where the trade settles, in <see cref="PriceTimeMatcher"/>. Plain (non-binary) instruments get their tokens from
/// outside instead (<see cref="DepositTokens"/>).
/// </summary>
internal sealed class CompleteSetOperations(MarketListing listing, SimAccountLedger ledger)
{
    /// <summary>Split: $<paramref name="amount"/> of free cash → <paramref name="amount"/> YES + NO tokens. False when cash is short.</summary>
    public bool Split(int account, int market, Quantity amount)
    {
        InstrumentOrderBook mk = listing.Market(market);
        SimAccount a = ledger[account];
        if (!mk.IsBinary || amount.Raw <= 0 || a.AvailableCash.Raw < amount.Raw) return false;
        a.Cash -= new Money(amount.Raw);
        a.AddTokens(mk.YesSlot, amount.Raw);
        a.AddTokens(mk.NoSlot, amount.Raw);
        mk.SetsOutstanding += amount;
        return true;
    }

    /// <summary>Merge: <paramref name="amount"/> free YES + NO tokens → $<paramref name="amount"/>. False when tokens are short.</summary>
    public bool Merge(int account, int market, Quantity amount)
    {
        InstrumentOrderBook mk = listing.Market(market);
        SimAccount a = ledger[account];
        if (!mk.IsBinary || amount.Raw <= 0 || a.AvailableTokens(mk.YesSlot) < amount || a.AvailableTokens(mk.NoSlot) < amount) return false;
        a.AddTokens(mk.YesSlot, -amount.Raw);
        a.AddTokens(mk.NoSlot, -amount.Raw);
        a.Cash += new Money(amount.Raw);
        mk.SetsOutstanding -= amount;
        return true;
    }

    /// <summary>Credits base-asset tokens of a plain (non-binary) instrument from outside (spot inventory).</summary>
    public void DepositTokens(int account, int slot, Quantity amount)
    {
        if (listing.MarketOf(slot).IsBinary) throw new InvalidOperationException("outcome tokens come from Split, not from outside");
        ledger[account].AddTokens(slot, amount.Raw);
    }
}
