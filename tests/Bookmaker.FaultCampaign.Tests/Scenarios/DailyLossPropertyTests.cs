using Bookmaker.Core.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.FaultCampaign.Tests.Harness;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Bookmaker.FaultCampaign.Tests.Scenarios;

/// <summary>
/// Property: random sequences of our orders (taking and resting, buys and sells), fills and price moves never let an
/// order through while the daily loss limit is breached, and the loss never runs past the limit by more than the step
/// that crossed it.
/// </summary>
public sealed class DailyLossPropertyTests
{
    private const decimal Limit = 15m;

    [Fact]
    public void No_order_passes_the_gate_while_the_daily_loss_limit_is_breached()
    {
        int breachedRuns = 0;
        var op = from kind in Gen.Choose(0, 4) from arg in Gen.Choose(0, 99) select (kind, arg);
        var script = Gen.ArrayOf(op).Select(ops => ops.Take(30).ToArray());
        var config = Config.QuickThrowOnFailure.WithMaxTest(30)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20_260_302UL, 1UL), FSharpOption<int>.None)));
        Check.One(config, Prop.ForAll(Arb.From(script), ops =>
        {
            bool breached = RunScript(ops).GetAwaiter().GetResult();
            if (breached) breachedRuns++;
        }));
        Assert.True(breachedRuns >= 3, $"only {breachedRuns} of 30 scripts reached the limit: the property was hardly exercised");
    }

    private static async Task<bool> RunScript((int Kind, int Arg)[] ops)
    {
        await using var h = await FaultHarness.StartAsync(new HarnessOptions
        {
            Risk = new RiskLimits { DailyLossLimit = Money.FromDecimal(Limit), MinBankroll = Money.FromUnits(10), ConsecutiveLossLimit = 0 },
        });
        decimal mid = 0.50m;
        foreach (var (kind, arg) in ops)
        {
            switch (kind)
            {
                case 0:
                    h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, (mid + 0.02m).ToString("0.00"), 5 + arg % 40));
                    break;
                case 1:
                    h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Sell, (mid - 0.02m).ToString("0.00"), 5 + arg % 40));
                    break;
                case 2:
                    mid = Math.Clamp(mid + ((arg % 21) - 10) * 0.01m, 0.15m, 0.85m);
                    h.QuoteAround(mid);
                    break;
                case 3:
                    h.Strategy.Submit(h.Strategy.Limit(h.Yes, Side.Buy, (mid - 0.03m).ToString("0.00"), 5 + arg % 20));
                    break;
                default:
                    h.Run(TimeSpan.FromMilliseconds(arg * 20));
                    break;
            }

            h.Run(TimeSpan.FromMilliseconds(150));
        }

        Invariants.NothingAcceptedWhileHalted(h);
        Invariants.LossBounded(h);
        Assert.DoesNotContain(h.Recorder.Sent, s => s.GateState == TradingState.Halted);
        // Once breached, every later intent was denied (the breach is never lifted without an operator).
        if (h.Engine.Gate.IsBreached)
            Assert.All(h.Strategy.Outcomes.Where(o => o.Sent), o => Assert.True(h.Recorder.Sent.Single(s => s.Id == o.Id).SentTicks <= h.Pnl.CrossTicks));
        return h.Pnl.Crossed;
    }
}
