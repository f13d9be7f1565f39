using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using Bookmaker.Storage.Journal;

namespace Bookmaker.FaultCampaign.Tests.Harness;

/// <summary>The checks every scenario of the campaign ends with.</summary>
internal static class Invariants
{
    /// <summary>Runs all four: halted ⇒ nothing accepted, freezes resolved, journal = engine = venue, loss bounded.</summary>
    public static async Task AssertAllAsync(FaultHarness h)
    {
        NothingAcceptedWhileHalted(h);
        FreezesResolved(h);
        h.FinalReconciliation();
        await JournalEngineAndVenueAgreeAsync(h);
        LossBounded(h);
        NothingSentTwice(h);
    }

    /// <summary>
    /// (1) The venue's matching engine never received an order of ours that left while the gate was HALTED (orders in
    /// flight when the halt began may still arrive: they left while trading was allowed), and the order manager's
    /// own counters agree.
    /// </summary>
    public static void NothingAcceptedWhileHalted(FaultHarness h)
    {
        var sent = h.Recorder.Sent.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var (id, arrived) in h.Venue.OrderArrivals)
        {
            Assert.True(sent.TryGetValue(id, out var s), $"the venue received {id}, which no engine sent");
            Assert.True(s!.GateState != TradingState.Halted, $"{id} left at {s.SentTicks} while the gate was HALTED (arrived {arrived})");
        }

        if (h.Host is not null)
        {
            Assert.Equal(0, h.Engine.Orders.Stats.AcceptedWhileHalted);
            Assert.Equal(0, h.Engine.Orders.Stats.SubmittedWhileHalted);
        }
    }

    /// <summary>
    /// (2) After every freeze, live orders (ours on the venue and the engine's) reach 0 within
    /// <see cref="RiskLimits.CancelAllDeadline"/> — or the CRITICAL <c>cancel_all_stuck</c> alert is active.
    /// </summary>
    public static void FreezesResolved(FaultHarness h)
    {
        if (h.Freezes.Count == 0) return;
        long last = h.Freezes.Max(f => f.DeadlineTicks);
        if (h.Now.UtcTicks <= last) h.RunUntil(new DateTimeOffset(last + 1, TimeSpan.Zero));
        foreach (var f in h.Freezes)
        {
            Assert.True(f.Verdict.HasValue, "freeze deadline never judged");
            Assert.True(f.Verdict!.Value, f.Detail);
        }
    }

    /// <summary>
    /// (3) After a final reconciliation: the engine's live orders, positions and cash equal the venue's, and the journal
    /// (read back from SQLite through crash recovery) has the venue's open orders as its live orders and exactly the
    /// venue's fills.
    /// </summary>
    public static async Task JournalEngineAndVenueAgreeAsync(FaultHarness h)
    {
        var venue = h.Venue.PeekAccount();
        var venueOpen = venue.OpenOrders.Select(o => o.OrderId).OrderBy(i => i.Value).ToArray();
        var engineLive = h.Engine.Orders.LiveOrders.Select(o => o.Id).OrderBy(i => i.Value).ToArray();
        Assert.Equal(venueOpen, engineLive);
        Assert.Equal(venue.Cash, h.Engine.Portfolio.Cash);
        foreach (var inst in h.Engine.Instruments.All)
        {
            var venueQty = venue.Positions.TryGetValue(inst.Id, out var q) ? q : Quantity.Zero;
            Assert.Equal(venueQty, h.Engine.Portfolio.QuantityOf(inst.Id));
        }

        await h.Journal.FlushAsync();
        using var reader = JournalReader.Open(h.JournalPath);
        var recovered = JournalRecovery.Recover(reader.ReadAll().Select(r => r.Entry), h.Engine.Instruments);
        Assert.Equal(venueOpen, recovered.LiveOrders.Select(o => o.Request.Id).OrderBy(i => i.Value).ToArray());
        Assert.Equal(
            h.Venue.OurFills.Select(f => f.TradeId).Order(StringComparer.Ordinal).ToArray(),
            recovered.Fills.Select(f => f.TradeId).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// (4) The daily loss never passed the limit by more than the single step (a fill or a mark move) that crossed
    /// it, and no order left after the breach.
    /// </summary>
    public static void LossBounded(FaultHarness h)
    {
        var p = h.Pnl;
        Assert.DoesNotContain(h.Recorder.Sent, s => s.Breached);
        Assert.DoesNotContain(h.Recorder.Sent, s => -s.DailyPnl.Raw >= p.Limit.Raw);
        if (!p.Crossed) return;
        Assert.True(p.LossAtCrossRaw <= p.Limit.Raw + p.StepAtCrossRaw,
            $"loss {new Money(p.LossAtCrossRaw)} at the breach is past the limit {p.Limit} by more than the step {new Money(p.StepAtCrossRaw)}");
    }

    /// <summary>No client order id reached the venue twice, and no id was issued twice (across restarts).</summary>
    public static void NothingSentTwice(FaultHarness h)
    {
        var dup = h.Venue.OrderArrivals.GroupBy(a => a.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(dup.Length == 0, "sent twice: " + string.Join(", ", dup));
        var sentDup = h.Recorder.Sent.GroupBy(s => s.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(sentDup.Length == 0, "id reused: " + string.Join(", ", sentDup));
    }
}
