using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.QueueModels;

namespace Bookmaker.Venues.Simulated.Tests.QueueModels;

/// <summary>
/// Hand-computed cases. The common setup: a bid level at 0.50 shows 100; we join it with a buy of 50 (step 1), so 100
/// is ahead of us. Sellers then trade 30 and 80 at 0.50.
/// </summary>
public class QueueModelTests
{
    private static ReplayHarness JoinBehind100(string model)
    {
        var h = new ReplayHarness(model);
        h.Level(Side.Buy, "0.50", "100");
        h.Level(Side.Sell, "0.52", "100");
        Assert.Equal(ReplaySubmitResult.Resting, h.Buy(1, "0.50", "50"));
        Assert.Equal(100m, h.Ahead(1));
        return h;
    }

    [Theory]
    [InlineData("risk_averse")]
    [InlineData("power:2")]
    [InlineData("power2:2")]
    [InlineData("power3:3")]
    [InlineData("log")]
    [InlineData("log2")]
    public void Trades_of_30_then_80_behind_100_fill_the_excess_10(string model)
    {
        var h = JoinBehind100(model);
        h.Trade(Side.Sell, "0.50", "30");
        Assert.Equal(70m, h.Ahead(1));
        Assert.Empty(h.Fills);
        h.Level(Side.Buy, "0.50", "70"); // the venue's depth update after the trade: no double count
        Assert.Equal(70m, h.Ahead(1));
        h.Trade(Side.Sell, "0.50", "80");
        var fill = Assert.Single(h.Fills);
        Assert.Equal(10m, fill.Quantity.ToDecimal());
        Assert.Equal(40m, fill.Leaves.ToDecimal());
        Assert.Equal(ReplayFillReason.Queue, fill.Reason);
        Assert.Equal(Price.Parse("0.50"), fill.Price);
    }

    [Fact]
    public void Risk_averse_ignores_a_depth_decrease_that_leaves_the_level_above_our_front()
    {
        var h = JoinBehind100("risk_averse");
        h.Level(Side.Buy, "0.50", "150"); // 50 join behind us
        h.Level(Side.Buy, "0.50", "110"); // 40 cancelled: assumed behind us
        Assert.Equal(100m, h.Ahead(1));
    }

    [Fact]
    public void Risk_averse_caps_the_front_at_a_smaller_level()
    {
        var h = JoinBehind100("risk_averse");
        h.Level(Side.Buy, "0.50", "60");
        Assert.Equal(60m, h.Ahead(1));
        Assert.Empty(h.Fills);
    }

    // Level 100 -> 150 (joins behind) -> 110 (40 cancelled, no trades): front 100, back 50, chg 40.
    // est_front = front - (1 - p) * chg + min(back - p * chg, 0)
    [Theory]
    [InlineData("power:2", 68.0)]      // p = 50^2 / (50^2 + 100^2) = 0.2 -> 100 - 0.8*40
    [InlineData("power2:2", 64.4444)]  // p = 50^2 / 150^2 = 1/9 -> 100 - (8/9)*40; min(50 - 40/9, 0) = 0
    [InlineData("power3:3", 88.1481)]  // p = 1 - (100/150)^3 = 19/27 -> 100 - (8/27)*40
    [InlineData("log", 78.4011)]       // p = ln51 / (ln51 + ln101) = 0.45997 -> 100 - 0.54003*40
    [InlineData("log2", 91.3463)]      // p = ln51 / ln151 = 0.78366 -> 100 - 0.21634*40
    public void Probabilistic_models_split_a_cancel_by_queue_position(string model, double expected)
    {
        var h = JoinBehind100(model);
        h.Level(Side.Buy, "0.50", "150");
        h.Level(Side.Buy, "0.50", "110");
        Assert.Equal(expected, (double)h.Ahead(1), 4);
    }

    [Fact]
    public void Power_2_hand_case_then_trades_fill_what_passed_the_estimated_front()
    {
        var h = JoinBehind100("power:2");
        h.Level(Side.Buy, "0.50", "150");
        h.Level(Side.Buy, "0.50", "110"); // front 68 (see above)
        h.Trade(Side.Sell, "0.50", "30"); // 38
        h.Trade(Side.Sell, "0.50", "80"); // -42 -> fill 42 of 50
        Assert.Equal(42m, h.Filled(1));
    }

    [Fact]
    public void Probabilistic_model_does_not_count_a_trade_again_in_the_following_depth_update()
    {
        var h = JoinBehind100("power:2");
        h.Level(Side.Buy, "0.50", "150");
        h.Trade(Side.Sell, "0.50", "30");
        h.Level(Side.Buy, "0.50", "120"); // exactly the trade: chg = 150 - 120 - 30 = 0
        Assert.Equal(70m, h.Ahead(1));
    }

    [Fact]
    public void A_cancel_alone_never_fills_even_when_the_level_empties()
    {
        var h = JoinBehind100("power:2");
        h.Level(Side.Buy, "0.50", "0");
        Assert.Equal(0m, h.Ahead(1));
        Assert.Empty(h.Fills);
    }

    [Theory]
    [InlineData("risk_averse")]
    [InlineData("power:2")]
    [InlineData("log")]
    public void Trade_through_fills_up_to_the_trade_size_regardless_of_queue(string model)
    {
        var h = JoinBehind100(model);
        h.Trade(Side.Sell, "0.49", "20");
        var fill = Assert.Single(h.Fills);
        Assert.Equal(ReplayFillReason.TradeThrough, fill.Reason);
        Assert.Equal(20m, fill.Quantity.ToDecimal());
        Assert.Equal(Price.Parse("0.50"), fill.Price); // at our limit, not the trade price
        h.Trade(Side.Sell, "0.48", "500");
        Assert.Equal(50m, h.Filled(1));
        Assert.Equal(0, h.Sim.RestingCount);
    }

    [Fact]
    public void Trades_on_our_own_side_do_not_move_the_queue()
    {
        var h = JoinBehind100("risk_averse");
        h.Trade(Side.Buy, "0.50", "500"); // buyer aggressor at 0.50 trades against asks, not our bid
        Assert.Equal(100m, h.Ahead(1));
        Assert.Empty(h.Fills);
    }

    [Fact]
    public void Trades_at_a_worse_price_do_not_move_the_queue()
    {
        var h = JoinBehind100("risk_averse");
        h.Trade(Side.Sell, "0.51", "500");
        Assert.Equal(100m, h.Ahead(1));
    }

    [Fact]
    public void Fills_round_down_to_the_size_step()
    {
        var h = new ReplayHarness("risk_averse", stepRaw: 5_000_000_000); // step 5
        h.Level(Side.Buy, "0.50", "100");
        h.Buy(1, "0.50", "50");
        h.Trade(Side.Sell, "0.50", "108"); // 8 passed us -> 5
        Assert.Equal(5m, h.Filled(1));
        h.Trade(Side.Sell, "0.50", "4");   // 12 in all -> 10
        Assert.Equal(10m, h.Filled(1));
    }

    [Fact]
    public void Our_second_order_at_a_price_queues_behind_our_first()
    {
        var h = JoinBehind100("risk_averse");
        h.Buy(2, "0.50", "20");
        Assert.Equal(150m, h.Ahead(2));
        h.Trade(Side.Sell, "0.50", "160"); // 100 others, 50 ours (order 1), 10 to order 2
        Assert.Equal(50m, h.Filled(1));
        Assert.Equal(10m, h.Filled(2));
    }

    [Fact]
    public void Cancelling_our_first_order_moves_the_second_up()
    {
        var h = JoinBehind100("risk_averse");
        h.Buy(2, "0.50", "20");
        Assert.True(h.Sim.Cancel(1));
        Assert.Equal(100m, h.Ahead(2));
        Assert.False(h.Sim.Cancel(1));
    }

    [Fact]
    public void One_print_never_fills_more_than_its_size_across_our_orders()
    {
        var h = JoinBehind100("risk_averse");
        h.Buy(2, "0.51", "30");
        h.Buy(3, "0.52", "30"); // crosses the ask at 0.52 (100 shown): taker fill first
        int takerFills = h.Fills.Count;
        h.Trade(Side.Sell, "0.49", "40");
        decimal makerTotal = h.Fills.Skip(takerFills).Sum(f => f.Quantity.ToDecimal());
        Assert.Equal(40m, makerTotal);
        Assert.Equal(30m, h.Filled(2));   // best-priced resting order first
        Assert.Equal(10m, h.Filled(1));
    }

    [Fact]
    public void Queue_model_specs_round_trip_and_reject_unknown_names()
    {
        foreach (string s in new[] { "risk_averse", "power:2", "power2:1.5", "power3:3", "log", "log2" })
            Assert.Equal(s, QueueModelSpec.Parse(s).ToString());
        Assert.Equal("power:2", QueueModelSpec.Parse("power").ToString());
        var e = Assert.Throws<FormatException>(() => QueueModelSpec.Parse("fifo"));
        Assert.Contains("'fifo'", e.Message);
        Assert.Throws<FormatException>(() => QueueModelSpec.Parse("power:-1"));
        Assert.Throws<FormatException>(() => QueueModelSpec.Parse("log:2"));
    }

    [Theory]
    [InlineData(QueueProbabilityKind.Power)]
    [InlineData(QueueProbabilityKind.Power2)]
    [InlineData(QueueProbabilityKind.Power3)]
    [InlineData(QueueProbabilityKind.Log)]
    [InlineData(QueueProbabilityKind.Log2)]
    public void Probability_is_one_at_the_head_and_zero_at_the_tail(QueueProbabilityKind kind)
    {
        var p = new QueueProbability(kind, 2);
        Assert.Equal(1.0, p.Evaluate(0, 50));
        Assert.Equal(0.0, p.Evaluate(50, 0));
        Assert.InRange(p.Evaluate(30, 70), 0.0, 1.0);
    }
}
