using Bookmaker.Core.Orders;
using Bookmaker.Engine.Faults;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;
using Bookmaker.Engine.Time;

namespace Bookmaker.Engine.Tests.Faults;

/// <summary>
/// The engine's fault boundary on a simulated clock: a throwing strategy is stopped alone; a fault of the engine, its
/// journal or a strategy's call into the engine fails the whole engine closed — HALTED, everything cancelled.
/// </summary>
public sealed class FailClosedTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 2, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly LoopVenue _venue = new();
    private EngineHost _host = null!;

    private TradingEngine Engine => _host.Engine;

    private async Task StartAsync(IJournal? journal = null, EngineHostOptions? options = null, params IStrategy[] strategies)
    {
        _host = EngineHost.Create(_clock, [_venue], journal ?? new NullJournal(), options ?? new EngineHostOptions());
        foreach (var s in strategies) _host.AddStrategy(s);
        await _host.StartAsync(CancellationToken.None);
        _host.Loop.DrainPending();
        _venue.Book(_clock.GetUtcNow().UtcTicks);
        _host.Loop.DrainPending();
    }

    private void Run(TimeSpan span) => new SimulationDriver(_host.Loop, _clock).RunFor(span);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    [Fact]
    public async Task Strategy_that_throws_is_stopped_and_its_orders_cancelled()
    {
        bool sent = false;
        var bad = new ScriptStrategy("bad", (ctx, inst) =>
        {
            if (!sent && inst == _venue.Yes)
            {
                sent = ctx.Submit(ScriptStrategy.Bid(_venue.Yes)).Decision.IsAllowed;
                return;
            }

            if (sent) throw new InvalidOperationException("boom");
        });
        await StartAsync(strategies: bad);

        _venue.Book(_clock.GetUtcNow().UtcTicks, "0.47", "0.53");
        Run(TimeSpan.FromSeconds(1));

        Assert.True(sent);
        Assert.Equal(0, Engine.Orders.LiveCount);
        Assert.Equal(0, _venue.OpenCount);
        var alert = Assert.Single(Engine.Alerts.Active, a => a.Code == "strategy_fault");
        Assert.Equal(Bookmaker.Engine.Alerts.AlertSeverity.Critical, alert.Severity);
        Assert.Equal("bad", alert.Key);
        Assert.Contains("boom", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_strategies_carry_on_after_one_throws()
    {
        var bad = new ScriptStrategy("bad", (_, _) => throw new InvalidOperationException("boom"));
        var good = new ScriptStrategy("good");
        await StartAsync(strategies: [bad, good]);
        int before = good.Books;

        _venue.Book(_clock.GetUtcNow().UtcTicks, "0.47", "0.53");
        Run(TimeSpan.FromSeconds(1));

        Assert.True(good.Books > before);
        Assert.Equal(1, bad.Books);
        Assert.Null(Engine.Fault);
        Assert.Equal(TradingState.Active, Engine.Gate.State);
    }

    [Fact]
    public async Task A_fault_in_the_engine_core_halts_and_cancels_everything()
    {
        var quoting = new ScriptStrategy("quoting", (ctx, inst) =>
        {
            if (inst == _venue.Yes && ctx.LiveOrders.FirstOrDefault() is null) ctx.Submit(ScriptStrategy.Bid(_venue.Yes));
        });
        await StartAsync(strategies: quoting);
        _venue.Book(_clock.GetUtcNow().UtcTicks, "0.47", "0.53");
        _host.Loop.DrainPending();
        Assert.Equal(1, _venue.OpenCount);

        Engine.CoreFaultDrillAt = 1; // the next housekeeping throws inside the engine
        Run(TimeSpan.FromSeconds(2));

        Assert.NotNull(Engine.Fault);
        Assert.Equal(EngineFaultKind.Code, Engine.Fault!.Kind);
        Assert.Equal(TradingState.Halted, Engine.Gate.State);
        Assert.Equal(0, _venue.OpenCount);
        Assert.True(Engine.Alerts.IsActive("engine_fault"));
        Assert.True(_host.Loop.IsAlive, "the loop survives its handler's fault and keeps processing confirmations");
    }

    [Fact]
    public async Task A_strategy_call_that_fails_inside_the_engine_is_the_engines_fault_not_the_strategys()
    {
        // The execution client throws inside the order manager's submit: a fault below the strategy, not in it.
        var caller = new ScriptStrategy("caller", (ctx, inst) =>
        {
            if (inst == _venue.Yes) ctx.Submit(ScriptStrategy.Bid(_venue.Yes));
        });
        await StartAsync(strategies: caller);
        _venue.ThrowOnSubmit = true;

        _venue.Book(_clock.GetUtcNow().UtcTicks, "0.47", "0.53");
        Run(TimeSpan.FromSeconds(1));

        Assert.NotNull(Engine.Fault);
        Assert.DoesNotContain(Engine.Alerts.History, a => a.Code == "strategy_fault");
    }

    [Fact]
    public async Task A_journal_that_cannot_write_fails_closed_and_stops_submits_at_once()
    {
        int allowedAfterFault = 0;
        var quoting = new ScriptStrategy("quoting", (ctx, inst) =>
        {
            if (inst != _venue.Yes) return;
            var outcome = ctx.Submit(ScriptStrategy.Bid(_venue.Yes, "0.40"));
            if (outcome.Decision.IsAllowed && _host.Journal.Fault is not null) allowedAfterFault++;
        });
        await StartAsync(new DrillJournal(new NullJournal(), 12), strategies: quoting);

        for (int i = 0; i < 5; i++)
        {
            _venue.Book(_clock.GetUtcNow().UtcTicks, "0.47", "0.53");
            _host.Loop.DrainPending();
        }

        Run(TimeSpan.FromSeconds(2));

        Assert.Equal(EngineFaultKind.Journal, Engine.Fault?.Kind);
        Assert.Equal(0, allowedAfterFault);
        Assert.Equal(TradingState.Halted, Engine.Gate.State);
        Assert.Equal(0, _venue.OpenCount);
    }

    [Fact]
    public async Task Kill_switch_present_at_start_sends_no_order_and_cancels_leftovers_once_the_venue_is_up()
    {
        string dir = Directory.CreateTempSubdirectory("bm-ks-").FullName;
        string kill = Path.Combine(dir, "KILL");
        new KillSwitchFile(kill).Engage("ops", Start, null);
        var quoting = new ScriptStrategy("quoting", (ctx, inst) => ctx.Submit(ScriptStrategy.Bid(_venue.Yes)));
        try
        {
            await StartAsync(options: new EngineHostOptions { KillSwitchFile = kill }, strategies: quoting);
            Run(TimeSpan.FromSeconds(1));

            Assert.Empty(_venue.Submitted);
            Assert.Equal(TradingState.Halted, Engine.Gate.State);
            Assert.True(_venue.CancelAlls >= 1, "a start in HALTED cancels whatever an earlier run left at the venue");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_halt_inherited_from_the_journal_holds_before_the_first_order()
    {
        var quoting = new ScriptStrategy("quoting", (ctx, inst) => ctx.Submit(ScriptStrategy.Bid(_venue.Yes)));

        await StartAsync(options: new EngineHostOptions { Halts = new PersistedHalts(false, "operator:alice") }, strategies: quoting);
        Run(TimeSpan.FromSeconds(1));

        Assert.Empty(_venue.Submitted);
        Assert.Equal(TradingState.Halted, Engine.Gate.State);
    }

    [Fact]
    public async Task An_operator_halt_is_answered_with_the_state_it_left()
    {
        await StartAsync();
        OperatorCommandResult? answer = null;

        _host.Loop.Post(new OperatorCommand(OperatorCommandKind.Halt, "alice") { Completed = r => answer = r });
        _host.Loop.DrainPending();

        Assert.True(answer!.Applied);
        Assert.Equal("HALTED", answer.State);
    }
}
