using System.Globalization;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Http;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Builds the <see cref="AccountSnapshot"/> reconciliation compares against: open orders (mapped to ours where
/// known), our fills since a time, pUSD cash and each instrument's conditional-token balance, read over REST in
/// parallel. Any call that fails, or any value that does not parse, marks the snapshot incomplete.
/// </summary>
internal sealed class AccountSnapshotBuilder(PolymarketRestClient rest, AdapterInstruments instruments, VenueOrderMap orders,
    VenueEventReporter events, string? apiKey, int signatureType, MarketFeeCurves curves)
{
    /// <summary>Reads the account and reports the snapshot for <paramref name="requestId"/>.</summary>
    public async Task BuildAsync(long requestId, DateTimeOffset since)
    {
        if (apiKey is null)
        {
            events.Snapshot(new AccountSnapshot(events.Venue, requestId, events.Now, false, [], Money.Zero, new Dictionary<InstrumentId, Quantity>(), []));
            return;
        }

        var ordersTask = rest.GetOpenOrdersAsync();
        var tradesTask = rest.GetTradesAsync(since);
        var cashTask = rest.GetBalanceAllowanceAsync("COLLATERAL", null, signatureType);
        var positionTasks = instruments.All.Select(i => (i.Id, Task: rest.GetBalanceAllowanceAsync("CONDITIONAL", i.Id.Symbol, signatureType))).ToList();
        await Task.WhenAll(ordersTask, tradesTask, cashTask).ConfigureAwait(false);
        await Task.WhenAll(positionTasks.Select(p => p.Task)).ConfigureAwait(false);

        bool complete = ordersTask.Result.IsSuccess && tradesTask.Result.IsSuccess && cashTask.Result.IsSuccess;
        var open = new List<VenueOpenOrder>();
        foreach (var o in ordersTask.Result.Value ?? [])
        {
            orders.TryGet(o.Id, out var mapped);
            if (!Price.TryParse(o.Price, out var price) || !Quantity.TryParse(o.OriginalSize, out var orig) || !Quantity.TryParse(o.SizeMatched ?? "0", out var matched))
            {
                complete = false;
                continue;
            }

            var side = TradeFills.ParseSide(o.Side) ?? mapped.Side;
            open.Add(new VenueOpenOrder(mapped.OrderId, o.Id, new InstrumentId(events.Venue, o.AssetId), side, price, orig, matched));
        }

        // Each trade's status goes with its fills: a FAILED trade is never booked (and reverses a fill booked before),
        // the others move unsettled fills along the ladder.
        var fills = new List<Fill>();
        var settlements = new List<VenueTradeSettlement>();
        foreach (var t in tradesTask.Result.Value ?? [])
        {
            var state = TradeFills.StatusOf(t) ?? SettlementState.Matched;
            foreach (var fill in TradeFills.FromRestTrade(t, orders, apiKey, events.Now, curves))
            {
                settlements.Add(new VenueTradeSettlement(fill, state));
                if (state != SettlementState.Failed) fills.Add(fill);
            }
        }

        var cash = Micros(cashTask.Result.Value?.Balance, out bool cashOk);
        complete &= cashOk || !cashTask.Result.IsSuccess;
        var positions = new Dictionary<InstrumentId, Quantity>();
        foreach (var (id, task) in positionTasks)
        {
            if (!task.Result.IsSuccess)
            {
                complete = false;
                continue;
            }

            long micros = Micros(task.Result.Value!.Balance, out bool ok);
            // Zero balances are listed too: a position the engine holds and the venue does not is corrected.
            if (!ok) complete = false;
            else positions[id] = Quantity.FromMicros(micros);
        }

        events.Snapshot(new AccountSnapshot(events.Venue, requestId, events.Now, complete, open, Money.FromMicros(cash), positions, fills, settlements));
    }

    private static long Micros(string? sixDecimalUnits, out bool ok)
    {
        ok = long.TryParse(sixDecimalUnits, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v);
        return ok ? v : 0;
    }
}
