using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// The venue's books of account: every <see cref="SimAccount"/>'s cash and tokens, what its open orders reserve, and
/// the venue-wide totals the conservation checks need (deposits from outside, fees collected, rebates paid).
/// </summary>
/// <remarks>
/// Reservations follow Polymarket's rule — what an account can still order is its balance less what its open orders
/// lock: a resting BUY locks price × remaining plus the most the maker fee could be (<see cref="Reservation"/>), a
/// resting SELL locks its remaining tokens where the market needs inventory to sell.
/// </remarks>
internal sealed class SimAccountLedger
{
    private const long Scale = FixedPoint.Scale;

    private readonly List<SimAccount> _accounts = [];
    private long _feesCollected;
    private long[] _feeShares = new long[8]; // by instrument slot; grows when a new slot first pays (not per fill)
    private long _rebatesPaid;
    private long _deposits;

    /// <summary>Accounts opened, by id.</summary>
    public IReadOnlyList<SimAccount> Accounts => _accounts;

    /// <summary>Accounts opened.</summary>
    public int Count => _accounts.Count;

    /// <summary>An account by id.</summary>
    public SimAccount this[int id] => _accounts[id];

    /// <summary>Taker and maker fees charged in cash so far (the venue's fee sink; fees kept in shares are apart).</summary>
    public Money FeesCollected => new(_feesCollected);

    /// <summary>Shares of the instrument in <paramref name="slot"/> the venue kept as BUY fees (its token fee sink).</summary>
    public Quantity FeeSharesCollected(int slot) => new((uint)slot < (uint)_feeShares.Length ? _feeShares[slot] : 0);

    /// <summary>Maker rebates credited so far.</summary>
    public Money RebatesPaid => new(_rebatesPaid);

    /// <summary>Cash put into accounts from outside.</summary>
    public Money TotalDeposits => new(_deposits);

    /// <summary>Opens an account with an initial cash balance (counted as a deposit); returns its id.</summary>
    public int Open(Money cash)
    {
        if (cash.IsNegative) throw new ArgumentOutOfRangeException(nameof(cash), "initial cash must be ≥ 0");
        var account = new SimAccount(_accounts.Count, cash);
        _accounts.Add(account);
        _deposits += cash.Raw;
        return account.Id;
    }

    /// <summary>Adds (or, negative, withdraws up to the free amount) cash from outside.</summary>
    public void Deposit(int account, Money amount)
    {
        SimAccount a = _accounts[account];
        if (amount.Raw < 0 && a.AvailableCash.Raw < -amount.Raw) throw new InvalidOperationException("withdrawal exceeds free cash");
        a.Cash += amount;
        _deposits += amount.Raw;
    }

    /// <summary>
    /// True when the account can pay for the order at submit: a SELL needs free tokens (unless the market may be
    /// sold short); a BUY needs free cash for the notional at its limit plus fee headroom.
    /// </summary>
    /// <param name="mk">The order's book.</param>
    /// <param name="account">The owner.</param>
    /// <param name="order">The order.</param>
    /// <param name="quoteSized">A market BUY sized in quote currency.</param>
    /// <param name="limit">The limit in the order's own token (raw).</param>
    /// <param name="canonSide">The order's side in YES space.</param>
    /// <param name="isNo">The order is on the NO token.</param>
    /// <param name="sizeStep">The instrument's size step (raw).</param>
    public static bool HasBalance(InstrumentOrderBook mk, SimAccount account, in SimOrder order, bool quoteSized, long limit,
        Side canonSide, bool isNo, long sizeStep)
    {
        if (order.Side == Side.Sell)
            return !mk.SellRequiresInventory || account.AvailableTokens(order.Instrument) >= order.Size;

        long need;
        if (quoteSized)
        {
            // Shares bought can be at most quote / best opposite price (prices only get worse from there).
            long bestOwn = BestOppositeOwnPrice(mk, canonSide, isNo);
            long sharesBound = bestOwn > 0 ? FixedPoint.FloorTo(DivideScaled(order.QuoteAmount.Raw, bestOwn), sizeStep) : 0;
            need = order.QuoteAmount.Raw + mk.Fees.BuyFeeHeadroom(new Price(limit), new Quantity(sharesBound), Liquidity.Taker).Raw;
        }
        else
        {
            long notional = FixedPoint.MultiplyScaled(limit, order.Size.Raw, MidpointRounding.ToPositiveInfinity);
            long taker = mk.Fees.BuyFeeHeadroom(new Price(limit), order.Size, Liquidity.Taker).Raw;
            long maker = mk.Fees.BuyFeeHeadroom(new Price(limit), order.Size, Liquidity.Maker).Raw;
            need = notional + Math.Max(taker, maker);
        }

        return account.AvailableCash.Raw >= need;
    }

    /// <summary>Shares a quote budget buys at a price (both raw), before rounding to the size step.</summary>
    public static long DivideScaled(long amount, long price) => (long)((Int128)amount * Scale / price);

    /// <summary>
    /// Settles one fill leg on an account: cash for the notional, the cash fee out, the rebate in, tokens moved — a BUY
    /// receives its size less the shares the venue kept as its fee.
    /// </summary>
    public static void Settle(SimAccount account, Side side, int slot, long qty, long notional, FeeCharge fee)
    {
        long cash = side == Side.Buy ? -notional : notional;
        account.Cash = new Money(checked(account.Cash.Raw + cash - fee.CashFee.Raw + fee.Rebate.Raw));
        account.AddTokens(slot, side == Side.Buy ? qty - fee.FeeShares.Raw : -qty);
    }

    /// <summary>Adds the fees (cash, or shares into the slot's token sink) and rebates of both legs of a fill to the venue's totals.</summary>
    public void RecordFees(int makerSlot, FeeCharge maker, int takerSlot, FeeCharge taker)
    {
        _feesCollected += maker.CashFee.Raw + taker.CashFee.Raw;
        _rebatesPaid += maker.Rebate.Raw + taker.Rebate.Raw;
        if (maker.FeeShares.Raw > 0) AddFeeShares(makerSlot, maker.FeeShares.Raw);
        if (taker.FeeShares.Raw > 0) AddFeeShares(takerSlot, taker.FeeShares.Raw);
    }

    private void AddFeeShares(int slot, long shares)
    {
        if (slot >= _feeShares.Length) Array.Resize(ref _feeShares, Math.Max(slot + 1, _feeShares.Length * 2));
        _feeShares[slot] += shares;
    }

    /// <summary>Cash a resting BUY locks: price × remaining (rounded up) plus the maker-fee headroom; 0 when nothing remains.</summary>
    public static long Reservation(InstrumentOrderBook mk, long ownPrice, long remaining) =>
        remaining == 0
            ? 0
            : FixedPoint.MultiplyScaled(ownPrice, remaining, MidpointRounding.ToPositiveInfinity)
              + mk.Fees.BuyFeeHeadroom(new Price(ownPrice), new Quantity(remaining), Liquidity.Maker).Raw;

    /// <summary>Locks what a newly resting order needs (cash for a BUY, tokens for a SELL where inventory is required).</summary>
    public void Reserve(InstrumentOrderBook mk, ref OrderNode n)
    {
        SimAccount a = _accounts[n.Account];
        if (n.Side == Side.Buy)
        {
            n.LockedCash = Reservation(mk, n.OwnPrice, n.Remaining);
            a.LockedCash += new Money(n.LockedCash);
        }
        else
        {
            n.LockedCash = 0;
            if (mk.SellRequiresInventory) a.AddLockedTokens(n.Instrument, n.Remaining);
        }
    }

    /// <summary>Shrinks a resting order's lock after it traded <paramref name="qty"/> as maker (its remaining already reduced).</summary>
    public static void ReleaseFilled(InstrumentOrderBook mk, SimAccount owner, ref OrderNode n, long qty)
    {
        if (n.Side == Side.Buy)
        {
            long relock = Reservation(mk, n.OwnPrice, n.Remaining);
            owner.LockedCash += new Money(relock - n.LockedCash);
            n.LockedCash = relock;
        }
        else if (mk.SellRequiresInventory)
        {
            owner.AddLockedTokens(n.Instrument, -qty);
        }
    }

    /// <summary>Releases everything a resting order still locks (it leaves the book).</summary>
    public void Release(InstrumentOrderBook mk, ref OrderNode n)
    {
        SimAccount a = _accounts[n.Account];
        if (n.Side == Side.Buy) a.LockedCash -= new Money(n.LockedCash);
        else if (mk.SellRequiresInventory) a.AddLockedTokens(n.Instrument, -n.Remaining);
        n.LockedCash = 0;
    }

    private static long BestOppositeOwnPrice(InstrumentOrderBook mk, Side canonSide, bool isNo)
    {
        int i = canonSide == Side.Buy ? mk.BestAskIndex : mk.BestBidIndex;
        if (i < 0 || i >= mk.LevelCount) return 0;
        long canon = mk.PriceAt(i);
        return isNo ? Scale - canon : canon;
    }
}
