using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Risk;

/// <summary>
/// What the gate keeps itself, apart from the ledger: the account totals the order manager last pushed, the trading
/// day's loss baseline and order count, the commitments of open orders (cash locked by buys, tokens by sells) and our
/// own best resting prices per instrument. One job — the gate's own book-keeping, updated incrementally so a check is a
/// few array reads. Positions, marks and exposure are the ledger's (<see cref="PortfolioBook"/>), never copied here.
/// </summary>
/// <remarks>Runs on the loop only; allocation-free after <see cref="RefreshInstruments"/>.</remarks>
internal sealed class ShadowAccount(InstrumentRegistry instruments, PortfolioBook ledger, TradingDay day)
{
    private InstrumentRisk[] _risk = [];
    private Money _totalNetPnl;
    private Money _dayStartNetPnl;
    private Money _cash;
    private Money _committedCash;

    /// <summary>Equity as last pushed.</summary>
    public Money Equity { get; private set; }

    /// <summary>Net P&amp;L since the last day roll (realized + unrealized − fees + rebates).</summary>
    public Money DailyPnl => _totalNetPnl - _dayStartNetPnl;

    /// <summary>Cash not locked by open buy orders.</summary>
    public Money AvailableCash => _cash - _committedCash;

    /// <summary>Orders submitted since the last day roll.</summary>
    public int OrdersToday { get; private set; }

    /// <summary>Orders currently open (as the order manager reported them).</summary>
    public int OpenOrders { get; private set; }

    /// <summary>What the gate keeps for the instrument at a dense index (read by the checks, by reference).</summary>
    public ref InstrumentRisk Risk(int index) => ref _risk[index];

    /// <summary>The risk group of the instrument at a dense index (the ledger's, cached).</summary>
    public int GroupOf(int index) => _risk[index].Group;

    /// <summary>Call after instruments are added to the registry.</summary>
    public void RefreshInstruments()
    {
        int n = instruments.Count;
        if (_risk.Length >= n) return;
        Array.Resize(ref _risk, n);
        for (int i = 0; i < n; i++)
        {
            // The ledger names the group (the YES token's index for a binary market; NO counts −1 in YES-equivalent shares).
            var group = ledger.RiskGroupOf(instruments[i]);
            _risk[i].Group = group.Index;
            _risk[i].Sign = group.Sign;
        }
    }

    /// <summary>The account's totals changed (after a fill or a mark).</summary>
    public void SetTotals(Money totalNetPnl, Money cash, Money equity)
    {
        _totalNetPnl = totalNetPnl;
        _cash = cash;
        Equity = equity;
    }

    /// <summary>Seeds cash and P&amp;L at start (from the venue or the journal).</summary>
    public void Initialize(Money totalNetPnl, Money dayStartNetPnl, Money cash, Money equity)
    {
        _totalNetPnl = totalNetPnl;
        _dayStartNetPnl = dayStartNetPnl;
        _cash = cash;
        Equity = equity;
    }

    /// <summary>After a restart on the same trading day: the loss baseline the day started from.</summary>
    public void RestoreDayStart(Money dayStartNetPnl) => _dayStartNetPnl = dayStartNetPnl;

    /// <summary>The day's loss baseline restarts from the current total (a breach reset).</summary>
    public void RestartDayBaseline() => _dayStartNetPnl = _totalNetPnl;

    /// <summary>
    /// True once when the trading day has rolled at <paramref name="now"/>: the order count and the loss baseline
    /// restart. A breach is not this class's to lift.
    /// </summary>
    public bool TryRollDay(DateTimeOffset now)
    {
        if (!day.TryRoll(now)) return false;
        OrdersToday = 0;
        _dayStartNetPnl = _totalNetPnl;
        return true;
    }

    /// <summary>An order was sent: count it and lock its commitments (cash for buys, tokens for sells).</summary>
    public void OnOrderSent(OrderRequest request, Instrument instrument)
    {
        OrdersToday++;
        OpenOrders++;
        Commit(request, instrument, request.Size, +1);
    }

    /// <summary>An amend was sent: lock the amended terms' commitment (no order is counted).</summary>
    public void Lock(OrderRequest request, Instrument instrument, Quantity size) => Commit(request, instrument, size, +1);

    /// <summary>Part of an order filled or left the book: release the matching commitment.</summary>
    public void Release(OrderRequest request, Instrument instrument, Quantity released) => Commit(request, instrument, released, -1);

    /// <summary>An order reached a final state.</summary>
    public void OnOrderClosed() => OpenOrders = Math.Max(0, OpenOrders - 1);

    /// <summary>The best prices of our own resting orders on an instrument changed (0 = none).</summary>
    public void SetOwnQuotes(Instrument instrument, Price bestBid, Price bestAsk)
    {
        ref var r = ref _risk[instrument.Index];
        r.OwnBestBidRaw = bestBid.Raw;
        r.OwnBestAskRaw = bestAsk.Raw;
        // Binary market: our NO bid at q is a YES ask at 1 − q and vice versa; mirror into the complement's view.
        if (instrument.Outcome is { } links && instruments.TryGet(links.Complement, out var comp))
        {
            ref var c = ref _risk[comp.Index];
            c.ComplementBidAsAskRaw = bestBid.Raw > 0 ? FixedPoint.Scale - bestBid.Raw : 0;
        }
    }

    private void Commit(OrderRequest o, Instrument inst, Quantity size, int sign)
    {
        ref var r = ref _risk[inst.Index];
        if (o.Side == Side.Buy)
        {
            Money m = o.Type == OrderType.Market && o.QuoteAmount.Raw > 0 && o.Size.Raw == 0
                ? o.QuoteAmount
                : Money.Notional(o.Price, size, MidpointRounding.ToPositiveInfinity);
            _committedCash = sign > 0 ? _committedCash + m : Money.Max(Money.Zero, _committedCash - m);
        }
        else
        {
            r.OpenSellRaw = Math.Max(0, r.OpenSellRaw + sign * size.Raw);
        }
    }
}
