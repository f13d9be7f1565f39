using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests.Integration;

/// <summary>
/// The settlement ladder end to end: the emulator settles each trade MATCHED → MINED → CONFIRMED (or RETRYING, or
/// FAILED) on its clock, and the engine's ledger follows it through the adapter's user channel and reconciliation.
/// </summary>
[Collection(IntegrationGroup.Name)]
public sealed class SettlementLadderTests
{
    [Fact]
    public async Task A_failed_trade_reverses_its_fill_after_the_finished_order_cache_window()
    {
        // The trade stays MATCHED for an hour, so it can still fail long after the order left the cache.
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, MinedAfter = TimeSpan.FromHours(1), InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);
        string tradeId = s.Tap.Reports.Single(r => r.Kind == ExecutionReportKind.Filled).Fill!.TradeId.Split(':')[0];

        s.Advance(s.Orders.Options.FinishedOrderTtl + TimeSpan.FromSeconds(10));
        Assert.Null(s.Orders.Find(id));
        s.Emulator.FailTrade(tradeId);
        await s.UntilAsync(() => s.Orders.Stats.ReversedFills == 1, $"the failed trade reversed (fault: {s.Engine.Fault?.Message})");

        Assert.Equal(Quantity.Zero, s.Engine.Portfolio.QuantityOf(s.Yes.Id));
        Assert.True(s.Engine.Alerts.IsActive("fill_reversed", s.Yes.Id.ToString()));
    }

    [Fact]
    public async Task Bought_shares_are_not_sellable_until_their_trade_confirms()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);

        Assert.Equal(Quantity.FromUnits(10), s.Engine.Portfolio.QuantityOf(s.Yes.Id));
        Assert.Equal(Quantity.Zero, s.Engine.Portfolio.SellableQuantity(s.Yes));
        var early = s.Orders.Submit(s.Limit(Side.Sell, "0.55"));
        Assert.Equal(DenyReasonCodes.Of(DenyReason.InsufficientTokens), early.Decision.Code);

        s.Advance(TimeSpan.FromSeconds(7)); // MINED at 2 s, CONFIRMED at 6 s on the venue's clock
        await s.UntilAsync(() => s.Engine.Portfolio.SellableQuantity(s.Yes) == Quantity.FromUnits(10), "the shares sellable");
        var sell = s.Submit(s.Limit(Side.Sell, "0.55"));
        await s.WaitStatusAsync(sell, OrderStatus.Open);
    }

    [Fact]
    public async Task A_retrying_trade_raises_a_warning_until_it_confirms()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, TradeRetryProbability = 1, InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);

        s.Advance(TimeSpan.FromSeconds(7)); // MINED at 2 s, RETRYING at 6 s
        await s.UntilAsync(() => s.Engine.Alerts.Active.Any(a => a.Code == "trade_retrying"), "trade_retrying raised");
        Assert.Equal(Quantity.Zero, s.Engine.Portfolio.SellableQuantity(s.Yes));

        s.Advance(TimeSpan.FromSeconds(5)); // CONFIRMED at 10 s
        await s.UntilAsync(() => !s.Engine.Alerts.Active.Any(a => a.Code == "trade_retrying"), "trade_retrying cleared");
        Assert.Equal(Quantity.FromUnits(10), s.Engine.Portfolio.SellableQuantity(s.Yes));
    }

    [Fact]
    public async Task A_complement_match_is_attributed_to_our_order_through_maker_orders()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        // Our NO bid at 0.55 is a YES ask at 0.45: a YES buyer at 0.45 mints a set with it.
        var id = s.Submit(s.Limit(Side.Buy, "0.55", instrument: s.No));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Buy, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);

        var fill = s.Tap.Reports.Single(r => r.Kind == ExecutionReportKind.Filled).Fill!;
        Assert.Equal((s.No.Id, Side.Buy, Price.Parse("0.55"), Liquidity.Maker), (fill.Instrument, fill.Side, fill.Price, fill.Liquidity));
        Assert.Equal(Quantity.FromUnits(10), s.Engine.Portfolio.QuantityOf(s.No.Id));
        Assert.Equal(Quantity.Zero, s.Engine.Portfolio.QuantityOf(s.Yes.Id));
    }

    [Fact]
    public async Task A_failed_trade_found_by_reconciliation_reverses_its_fill()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, MinedAfter = TimeSpan.FromHours(1), InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);
        string tradeId = s.Tap.Reports.Single(r => r.Kind == ExecutionReportKind.Filled).Fill!.TradeId.Split(':')[0];

        // The user channel is down when the trade fails: FAILED can reach the engine only through REST. The adapter
        // reconnects at once, so the trade is failed only at a moment no user socket is authenticated (the emulator
        // sends trade updates live, never replays them to a socket that joins later).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, "no moment without an authenticated user socket");
            s.Emulator.DropAllWebSockets();
            if (s.Emulator.AuthenticatedUserSockets == 0)
            {
                s.Emulator.FailTrade(tradeId);
                break;
            }

            await Task.Delay(5);
        }

        s.Orders.RequestReconciliation();
        await s.UntilAsync(() => s.Orders.Stats.ReversedFills == 1, $"the failed trade reversed (fault: {s.Engine.Fault?.Message})");
        // The user channel's FAILED would arrive as a FillReversed report; the reconciliation's is made inside the engine.
        Assert.DoesNotContain(s.Tap.Reports, r => r.Kind == ExecutionReportKind.FillReversed);
        await s.UntilAsync(() => s.Tap.Snapshots.Any(x => x.Settlements?.Any(t => t.State == SettlementState.Failed) == true), "a snapshot listing the FAILED trade");

        // A later reconciliation lists the same FAILED trade again; it is not reversed twice.
        int snapshots = s.Tap.Snapshots.Count;
        s.Orders.RequestReconciliation();
        await s.UntilAsync(() => s.Tap.Snapshots.Count > snapshots, "a second reconciliation");
        Assert.Equal(1, s.Orders.Stats.ReversedFills);
        Assert.Equal(Quantity.Zero, s.Engine.Portfolio.QuantityOf(s.Yes.Id));
        Assert.True(s.Engine.Alerts.IsActive("fill_reversed", s.Yes.Id.ToString()));
    }

    [Fact]
    public async Task A_phantom_position_is_corrected_with_a_warning_and_a_journal_entry()
    {
        var journal = new ListJournal();
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, InitialSetsPerMarket = Quantity.FromUnits(100) }, journal: journal);
        Assert.Equal(Quantity.FromUnits(100), s.Engine.Portfolio.QuantityOf(s.Yes.Id)); // adopted at the first reconciliation

        // The wallet's owner merges 40 sets on chain: the venue now holds 60 YES while the engine believes 100.
        Assert.True(s.Emulator.MergeSets(s.Credentials.ApiKey, s.Market.ConditionId, Quantity.FromUnits(40)));
        int findings = s.Orders.Stats.ReconciliationFindings;
        s.Orders.RequestReconciliation();
        await s.UntilAsync(() => s.Engine.Portfolio.QuantityOf(s.Yes.Id) == Quantity.FromUnits(60), "the phantom YES shares removed");

        Assert.Equal(Quantity.FromUnits(60), s.Engine.Portfolio.QuantityOf(s.No.Id));
        Assert.True(s.Engine.Alerts.IsActive("position_mismatch", s.Yes.Id.ToString()));
        Assert.True(s.Orders.Stats.ReconciliationFindings > findings);
        Assert.Contains(journal.Entries, e => e.Kind == JournalKind.Reconciliation && e.Payload.Contains("PositionMismatch", StringComparison.Ordinal)
            && e.Payload.Contains(s.Yes.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bought_shares_are_sellable_once_mined_when_sellable_at_is_mined()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, InitialSetsPerMarket = Quantity.Zero });
        s.Engine.Portfolio.SellableAt = SettlementState.Mined; // what Venue:Polymarket:SellableAt=Mined sets in live
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);
        Assert.Equal(Quantity.Zero, s.Engine.Portfolio.SellableQuantity(s.Yes)); // MATCHED is not enough

        s.Advance(TimeSpan.FromSeconds(3)); // MINED at 2 s; CONFIRMED only at 6 s
        await s.UntilAsync(() => s.Tap.Reports.Any(r => r.Kind == ExecutionReportKind.SettlementChanged && r.Settlement == SettlementState.Mined), "the trade MINED");
        await s.UntilAsync(() => s.Engine.Portfolio.SellableQuantity(s.Yes) == Quantity.FromUnits(10), "the shares sellable at MINED");
        Assert.DoesNotContain(s.Tap.Reports, r => r.Kind == ExecutionReportKind.SettlementChanged && r.Settlement == SettlementState.Confirmed);
        var sell = s.Orders.Submit(s.Limit(Side.Sell, "0.55"));
        Assert.True(sell.Sent, $"the gate let the sell through: {sell.Decision}");
    }

    [Fact]
    public async Task An_unsettled_fill_restored_after_a_restart_stays_unsellable()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bm-settle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "journal.db");
        var venueClock = new SimulatedTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await PolymarketEmulatorHost.StartAsync(new EmulatorOptions { Time = venueClock, MinedAfter = TimeSpan.FromHours(1), InitialSetsPerMarket = Quantity.Zero });
        try
        {
            // First run: a buy fills and the run ends while its trade is still MATCHED.
            await using (var first = await EngineSession.StartAsync(journal: SqliteJournal.Open(path), sharedEmulator: emulator))
            {
                await first.SeedBookAsync();
                var id = first.Submit(first.Limit(Side.Buy, "0.45"));
                await first.WaitStatusAsync(id, OrderStatus.Open);
                emulator.TakeLiquidity(first.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
                await first.WaitStatusAsync(id, OrderStatus.Filled);
                await first.Journal.FlushAsync();
            }

            // Second run: the journal is replayed before the venues start, then the venue reconciles (the trade is still MATCHED).
            List<JournalEntry> entries;
            using (var reader = JournalReader.Open(path)) entries = [.. reader.ReadAll().Select(r => r.Entry)];
            await using var second = await EngineSession.StartAsync(sharedEmulator: emulator,
                beforeVenues: host => host.Engine.Orders.Restore(JournalRecovery.Recover(entries, host.Engine.Instruments)));
            await second.SeedBookAsync("0.41", "0.59");

            Assert.Equal(Quantity.FromUnits(10), second.Engine.Portfolio.QuantityOf(second.Yes.Id));
            Assert.Equal(Quantity.Zero, second.Engine.Portfolio.SellableQuantity(second.Yes));
            Assert.Equal(DenyReasonCodes.Of(DenyReason.InsufficientTokens), second.Orders.Submit(second.Limit(Side.Sell, "0.55")).Decision.Code);
            Assert.Equal(0, second.Orders.Stats.ReversedFills);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}

/// <summary>A journal that keeps every entry in memory, in append order.</summary>
internal sealed class ListJournal : IJournal
{
    private readonly List<JournalEntry> _entries = [];

    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_entries) return [.. _entries];
        }
    }

    public int Backlog => 0;

    public long Append(in JournalEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
            return _entries.Count;
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
