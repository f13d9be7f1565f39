using System.Text.Json;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Journal;

/// <summary>What a journal says the engine knew when it stopped (or was killed).</summary>
public sealed class RecoveredState
{
    /// <summary>Orders whose last journaled state was not final, with their fills: re-tracked, then reconciled.</summary>
    public List<(OrderRequest Request, string Status, List<Fill> Fills)> LiveOrders { get; } = [];

    /// <summary>Every fill journaled (reversed ones removed), in journal order: replayed into the portfolio.</summary>
    public List<Fill> Fills { get; } = [];

    /// <summary>
    /// Fills (order id, trade id) whose trades were not settled for good when the journal ends, with their last state:
    /// restored into the ledger so their shares stay unsellable until the venue confirms them.
    /// </summary>
    public Dictionary<(ClientOrderId OrderId, string TradeId), SettlementState> Unsettled { get; } = [];

    /// <summary>True when the last daily-loss breach was never reset.</summary>
    public bool Breached { get; set; }

    /// <summary>True when the last trading state was HALTED by an operator or the kill switch.</summary>
    public bool ManuallyHalted { get; set; }

    /// <summary>The reason of that halt (e.g. <c>operator:alice</c>), or null.</summary>
    public string? HaltReason { get; set; }

    /// <summary>The reason of a REDUCING state still in force at the end (an operator's, or after a loss cool-down), or null.</summary>
    public string? ReducingReason { get; set; }

    /// <summary>When the consecutive-loss breaker last tripped without an operator resuming since (UTC ticks), or 0.</summary>
    public long LossBreakerSinceTicks { get; set; }

    /// <summary>Timestamp (UTC ticks) of the newest fill journaled: the trade cursor. Older venue trades are history, not new fills.</summary>
    public long LastFillTicks { get; set; }

    /// <summary>Entries read.</summary>
    public long Entries { get; set; }

    /// <summary>Highest client-order-id epoch seen (the new session must use a larger one).</summary>
    public uint MaxEpoch { get; set; }

    /// <summary>Time of the last entry.</summary>
    public long LastTicks { get; set; }

    /// <summary>Daily P&amp;L at the last snapshot, for restoring the day's baseline.</summary>
    public Money? LastDailyPnl { get; set; }

    /// <summary>Time of the last P&amp;L snapshot.</summary>
    public long LastSnapshotTicks { get; set; }

    /// <summary>
    /// Every funding payment journaled, in journal order: booked again into the ledger (deduplicated by venue id) when
    /// the venue keeps the account across runs.
    /// </summary>
    public List<FundingPayment> Funding { get; } = [];

    /// <summary>Total net P&amp;L (realized + unrealized − fees + rebates + funding) at the last snapshot.</summary>
    public Money? LastSnapshotNetPnl { get; set; }
}

/// <summary>
/// Rebuilds engine state from journal entries after a restart (clean or <c>kill -9</c>). Intents are appended before
/// requests leave, but appends are queued for the writer thread: after a <c>kill -9</c> the last few (not yet flushed)
/// may be missing while their orders are live on the venue. Reconciliation settles that too — an open order the journal
/// does not know is cancelled, its fills are applied — and settles what the venue did while we were gone. New orders get a new epoch, so no client order id is ever reused and nothing is sent twice: an
/// intent journaled but perhaps never sent is re-tracked as pending and closed by reconciliation if the venue lacks it.
/// </summary>
public static class JournalRecovery
{
    /// <summary>Reads the entries (in sequence order) into a <see cref="RecoveredState"/>.</summary>
    public static RecoveredState Recover(IEnumerable<JournalEntry> entries, InstrumentRegistry instruments)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(instruments);
        var state = new RecoveredState();
        var intents = new Dictionary<ulong, OrderRequest>();
        var status = new Dictionary<ulong, string>();
        var fillsByOrder = new Dictionary<ulong, List<Fill>>();
        var order = new List<ulong>();
        foreach (var e in entries)
        {
            state.LastTicks = e.TimeTicks;
            state.Entries++;
            switch (e.Kind)
            {
                case JournalKind.OrderIntent:
                    if (TryIntent(e, instruments, out var request))
                    {
                        intents[e.OrderId] = request;
                        status[e.OrderId] = nameof(OrderStatus.PendingNew);
                        order.Add(e.OrderId);
                        state.MaxEpoch = Math.Max(state.MaxEpoch, request.Id.Epoch);
                    }

                    break;
                case JournalKind.OrderAmended:
                    // The acknowledged amend's terms replace the intent's (same id); the status is unchanged.
                    if (intents.ContainsKey(e.OrderId) && TryIntent(e, instruments, out var amended)) intents[e.OrderId] = amended;
                    break;
                case JournalKind.OrderState:
                    status[e.OrderId] = StateText(e.Payload) ?? status.GetValueOrDefault(e.OrderId, "");
                    break;
                case JournalKind.Fill:
                    if (TryFill(e, instruments, out var fill, out bool reversed))
                    {
                        if (reversed)
                        {
                            state.Unsettled.Remove((fill.OrderId, fill.TradeId));
                            state.Fills.RemoveAll(f => f.OrderId == fill.OrderId && f.TradeId == fill.TradeId);
                            if (fillsByOrder.TryGetValue(e.OrderId, out var list)) list.RemoveAll(f => f.TradeId == fill.TradeId);
                        }
                        else
                        {
                            state.Fills.Add(fill);
                            if (SettlementStates.TryParse(Field(e.Payload, "settlement"), out var settlement) && !settlement.IsFinal())
                                state.Unsettled[(fill.OrderId, fill.TradeId)] = settlement;
                            if (fill.Timestamp.UtcTicks > state.LastFillTicks) state.LastFillTicks = fill.Timestamp.UtcTicks;
                            if (!fillsByOrder.TryGetValue(e.OrderId, out var list)) fillsByOrder[e.OrderId] = list = [];
                            list.Add(fill);
                        }
                    }

                    break;
                case JournalKind.Funding:
                    if (TryFunding(e, instruments, out var payment)) state.Funding.Add(payment);
                    break;
                case JournalKind.Settlement:
                    if (Field(e.Payload, "trade") is { } trade && SettlementStates.TryParse(Field(e.Payload, "settlement"), out var step))
                    {
                        var key = (new ClientOrderId(e.OrderId), trade);
                        if (step.IsFinal()) state.Unsettled.Remove(key);
                        else if (state.Unsettled.ContainsKey(key)) state.Unsettled[key] = step;
                    }

                    break;
                case JournalKind.TradingState:
                    string reason = Field(e.Payload, "reason") ?? "";
                    string now = Field(e.Payload, "text") ?? "";
                    if (reason == "daily_loss_breached") state.Breached = true;
                    if (reason == "breach_reset") state.Breached = false;
                    state.ManuallyHalted = now == "HALTED" && IsPersistentHalt(reason);
                    if (now == "HALTED" && state.ManuallyHalted) state.HaltReason = reason.StartsWith("restored_halt:", StringComparison.Ordinal) ? reason["restored_halt:".Length..] : reason;
                    if (now == "ACTIVE") state.ManuallyHalted = false;
                    if (!state.ManuallyHalted) state.HaltReason = null;
                    if (reason == "consecutive_loss_breaker") state.LossBreakerSinceTicks = e.TimeTicks;
                    state.ReducingReason = now == "REDUCING" ? reason : now == "HALTED" ? state.ReducingReason : null;
                    if (now == "ACTIVE") state.LossBreakerSinceTicks = 0;
                    break;
                case JournalKind.OperatorCommand:
                    if (Field(e.Payload, "text") == "ResetBreach") state.Breached = false;
                    break;
                case JournalKind.PnlSnapshot:
                    if (Money.TryParse(Field(e.Payload, "daily") ?? "", out var daily))
                    {
                        state.LastDailyPnl = daily;
                        state.LastSnapshotTicks = e.TimeTicks;
                        if (Money.TryParse(Field(e.Payload, "realized") ?? "", out var re) && Money.TryParse(Field(e.Payload, "unrealized") ?? "", out var un)
                            && Money.TryParse(Field(e.Payload, "fees") ?? "", out var fe) && Money.TryParse(Field(e.Payload, "rebates") ?? "", out var rb))
                            state.LastSnapshotNetPnl = re + un - fe + rb + (Money.TryParse(Field(e.Payload, "funding") ?? "", out var fu) ? fu : Money.Zero);
                    }

                    break;
            }
        }

        foreach (ulong id in order)
        {
            string s = status[id];
            if (IsFinalStatus(s)) continue;
            state.LiveOrders.Add((intents[id], s, fillsByOrder.GetValueOrDefault(id) ?? []));
        }

        return state;
    }

    private static bool TryFunding(in JournalEntry e, InstrumentRegistry instruments, out FundingPayment payment)
    {
        payment = null!;
        if (e.Instrument is null || !instruments.TryGet(InstrumentId.Parse(e.Instrument), out var inst) || Field(e.Payload, "id") is not { Length: > 0 } id
            || !Money.TryParse(Field(e.Payload, "amount") ?? "", out var amount)
            || !long.TryParse(Field(e.Payload, "at"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long at))
            return false;
        payment = new FundingPayment(id, inst.Id, amount, new DateTimeOffset(at, TimeSpan.Zero));
        return true;
    }

    /// <summary>
    /// Halts that hold until an operator lifts them, and so outlive a restart: an operator halt, the kill switch, a
    /// freeze that could not complete, cancels that kept failing, and a halt a run inherited this way. A fail-closed halt
    /// (<c>engine_fault:*</c>) ends with its run: the fault is journaled and reported at the next start.
    /// </summary>
    public static bool IsPersistentHalt(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.StartsWith("operator", StringComparison.Ordinal) || reason.StartsWith("restored_halt", StringComparison.Ordinal)
            || reason is "kill_switch" or "cancel_all_stuck" or "cancels_failing";
    }

    /// <summary>
    /// The status an <see cref="JournalKind.OrderState"/> payload records (its <c>text</c>), or null when it has none —
    /// recovery then keeps the order's previous status. Journal compaction applies the same rule to decide which
    /// orders are still open at its cut.
    /// </summary>
    public static string? StateText(string payload) => Field(payload ?? throw new ArgumentNullException(nameof(payload)), "text");

    /// <summary>True when recovery treats a journaled status as final (the order is not re-tracked).</summary>
    public static bool IsFinalStatus(string status) => Enum.TryParse<OrderStatus>(status, out var st) && st.IsFinal();

    private static string? Field(string payload, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            return doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Undefined ? null : v.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryIntent(JournalEntry e, InstrumentRegistry instruments, out OrderRequest request)
    {
        request = null!;
        if (e.Instrument is null || !instruments.TryGet(InstrumentId.Parse(e.Instrument), out var inst)) return false;
        using var doc = JsonDocument.Parse(e.Payload);
        var r = doc.RootElement;
        if (!ClientOrderId.TryParse(r.GetProperty("id").GetString(), out var id)) return false;
        var side = r.GetProperty("side").GetString() == "buy" ? Side.Buy : Side.Sell;
        var type = r.GetProperty("type").GetString() == "limit" ? OrderType.Limit : OrderType.Market;
        var tif = Enum.Parse<TimeInForce>(r.GetProperty("tif").GetString()!, ignoreCase: true);
        var price = Price.Parse(r.GetProperty("price").GetString()!);
        var size = Quantity.Parse(r.GetProperty("size").GetString()!);
        var quote = r.TryGetProperty("quote_amount", out var q) ? Money.Parse(q.GetString()!) : Money.Zero;
        DateTimeOffset? exp = r.TryGetProperty("expire_ticks", out var x) ? new DateTimeOffset(x.GetInt64(), TimeSpan.Zero) : null;
        request = new OrderRequest(id, inst.Id, side, type, tif, price, size,
            r.TryGetProperty("post_only", out var po) && po.GetBoolean(), r.TryGetProperty("reduce_only", out var ro) && ro.GetBoolean(),
            exp, quote, r.TryGetProperty("tag", out var tag) ? tag.GetString() : null);
        return true;
    }

    private static bool TryFill(JournalEntry e, InstrumentRegistry instruments, out Fill fill, out bool reversed)
    {
        fill = null!;
        reversed = false;
        if (e.Instrument is null || !instruments.TryGet(InstrumentId.Parse(e.Instrument), out var inst)) return false;
        using var doc = JsonDocument.Parse(e.Payload);
        var r = doc.RootElement;
        reversed = r.TryGetProperty("reversed", out var rv) && rv.GetBoolean();
        fill = new Fill(r.GetProperty("trade").GetString()!, new ClientOrderId(e.OrderId), inst.Id,
            r.GetProperty("side").GetString() == "buy" ? Side.Buy : Side.Sell,
            Price.Parse(r.GetProperty("price").GetString()!), Quantity.Parse(r.GetProperty("size").GetString()!),
            Money.Parse(r.GetProperty("fee").GetString()!), Money.Parse(r.GetProperty("rebate").GetString()!),
            r.GetProperty("liquidity").GetString() == "maker" ? Liquidity.Maker : Liquidity.Taker,
            new DateTimeOffset(r.GetProperty("ts").GetInt64(), TimeSpan.Zero),
            r.TryGetProperty("fee_shares", out var fs) ? Quantity.Parse(fs.GetString()!) : Quantity.Zero);
        return true;
    }
}
