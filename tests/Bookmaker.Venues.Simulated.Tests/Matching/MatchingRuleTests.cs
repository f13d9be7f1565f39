using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Tests.Matching;

public class MatchingRuleTests
{
    private static Price P(string s) => Price.Parse(s);

    private static Quantity Q(string s) => Quantity.Parse(s);

    [Fact]
    public void Fills_better_price_before_earlier_order_and_earlier_order_before_later_at_same_price()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), b = k.Account("0", "100"), c = k.Account("0", "100"), t = k.Account("100");
        long first = k.Sell(a, k.Yes, "0.52", "10");
        long second = k.Sell(b, k.Yes, "0.52", "10");
        long better = k.Sell(c, k.Yes, "0.51", "10");
        k.Clear();

        k.Buy(t, k.Yes, "0.52", "25");

        var makerFills = k.Of(MatchEventKind.Fill).Where(e => e.Liquidity == Liquidity.Maker).ToList();
        Assert.Equal([better, first, second], makerFills.Select(e => e.OrderId));
        Assert.Equal([P("0.51"), P("0.52"), P("0.52")], makerFills.Select(e => e.Price));
        Assert.Equal([Q("10"), Q("10"), Q("5")], makerFills.Select(e => e.Size));
    }

    [Fact]
    public void Partial_fill_leaves_the_rest_of_the_resting_order_on_the_book()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), t = k.Account("100");
        long maker = k.Sell(a, k.Yes, "0.40", "30");
        k.Clear();

        k.Buy(t, k.Yes, "0.40", "12");

        var makerFill = k.Of(MatchEventKind.Fill).Single(e => e.OrderId == maker);
        Assert.Equal(Q("18"), makerFill.Leaves);
        Assert.True(k.Engine.TryGetOpenOrder(maker, out var rest, out _));
        Assert.Equal(Q("18"), rest);
        Assert.Equal(Q("18"), k.Book.SizeAt(Side.Sell, P("0.40")));
    }

    [Fact]
    public void Incoming_remainder_rests_at_its_limit_after_partial_fill()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), t = k.Account("100");
        k.Sell(a, k.Yes, "0.40", "10");
        long taker = k.Buy(t, k.Yes, "0.45", "25");

        Assert.True(k.Engine.TryGetOpenOrder(taker, out var rest, out var price));
        Assert.Equal(Q("15"), rest);
        Assert.Equal(P("0.45"), price);
        Assert.True(k.Book.TryGetBestBid(out var bid, out _));
        Assert.Equal(P("0.45"), bid);
    }

    [Fact]
    public void Rejects_post_only_order_that_would_cross_with_the_venue_text()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), t = k.Account("100");
        k.Sell(a, k.Yes, "0.50", "10");
        k.Clear();

        long id = k.Buy(t, k.Yes, "0.50", "10", postOnly: true);

        Assert.Equal(0, id);
        var reject = k.SingleOf(MatchEventKind.Rejected);
        Assert.Equal("invalid post-only order: order crosses book", reject.Text);
        Assert.Equal(RejectReason.PostOnlyWouldCross, reject.Reason);
        Assert.Empty(k.Of(MatchEventKind.Fill));
    }

    [Fact]
    public void Post_only_order_that_crosses_only_through_the_complement_book_is_rejected()
    {
        var k = new MatchingKit();
        int a = k.Account("100"), t = k.Account("100");
        k.Buy(a, k.No, "0.45", "10"); // appears as a YES ask at 0.55
        k.Clear();

        k.Buy(t, k.Yes, "0.55", "10", postOnly: true);

        Assert.Equal(RejectReason.PostOnlyWouldCross, k.SingleOf(MatchEventKind.Rejected).Reason);
    }

    [Fact]
    public void Post_only_order_that_does_not_cross_rests()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), t = k.Account("100");
        k.Sell(a, k.Yes, "0.50", "10");
        long id = k.Buy(t, k.Yes, "0.49", "10", postOnly: true);
        Assert.True(k.Engine.TryGetOpenOrder(id, out _, out _));
    }

    [Fact]
    public void Rejects_post_only_fak_with_the_type_text()
    {
        var k = new MatchingKit();
        int t = k.Account("100");
        k.Buy(t, k.Yes, "0.49", "10", TimeInForce.Fak, postOnly: true);
        Assert.Equal("invalid post-only order: only GTC and GTD order types are allowed", k.SingleOf(MatchEventKind.Rejected).Text);
    }

    [Fact]
    public void Fok_that_cannot_fill_completely_is_rejected_and_leaves_the_book_untouched()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), t = k.Account("100");
        k.Sell(a, k.Yes, "0.50", "10");
        k.Sell(a, k.Yes, "0.60", "10");
        k.Clear();

        k.Buy(t, k.Yes, "0.55", "15", TimeInForce.Fok);

        Assert.Equal("order couldn't be fully filled, FOK orders are fully filled/killed", k.SingleOf(MatchEventKind.Rejected).Text);
        Assert.Empty(k.Of(MatchEventKind.Fill));
        Assert.Equal(Q("10"), k.Book.SizeAt(Side.Sell, P("0.50")));
        Assert.Equal(Money.Parse("100"), k.Cash(t));
    }

    [Fact]
    public void Fok_that_can_fill_completely_fills_across_levels()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), t = k.Account("100");
        k.Sell(a, k.Yes, "0.50", "10");
        k.Sell(a, k.Yes, "0.60", "10");
        k.Clear();

        long id = k.Buy(t, k.Yes, "0.60", "15", TimeInForce.Fok);

        var takerFills = k.Of(MatchEventKind.Fill).Where(e => e.OrderId == id).ToList();
        Assert.Equal(Q("15"), new Quantity(takerFills.Sum(f => f.Size.Raw)));
        Assert.Equal(Money.Parse("100") - Money.Parse("8"), k.Cash(t)); // 10 × 0.50 + 5 × 0.60
        Assert.Empty(k.Of(MatchEventKind.Cancelled));
    }

    [Fact]
    public void Fak_fills_what_it_can_and_cancels_the_remainder()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), t = k.Account("100");
        k.Sell(a, k.Yes, "0.50", "10");
        k.Clear();

        long id = k.Buy(t, k.Yes, "0.55", "25", TimeInForce.Fak);

        Assert.Equal(Q("10"), k.Of(MatchEventKind.Fill).Single(e => e.OrderId == id).Size);
        var cancel = k.SingleOf(MatchEventKind.Cancelled);
        Assert.Equal(id, cancel.OrderId);
        Assert.Equal(Q("15"), cancel.Size);
        Assert.False(k.Engine.TryGetOpenOrder(id, out _, out _));
        Assert.False(k.Book.TryGetBestBid(out _, out _));
    }

    [Fact]
    public void Fak_with_nothing_to_match_is_rejected_with_the_venue_text()
    {
        var k = new MatchingKit();
        int t = k.Account("100");
        k.Buy(t, k.Yes, "0.55", "25", TimeInForce.Fak);
        Assert.Equal("no orders found to match with FAK order", k.SingleOf(MatchEventKind.Rejected).Text);
    }

    [Fact]
    public void Gtd_order_expires_on_the_simulated_clock_and_releases_its_cash()
    {
        var k = new MatchingKit();
        int t = k.Account("100");
        long id = k.Submit(t, k.Yes, Side.Buy, "0.40", "10", TimeInForce.Gtd, expireAt: MatchingKit.Start.AddMinutes(5));
        Assert.Equal(Money.Parse("4"), k.Engine.Account(t).LockedCash);
        k.Clear();

        k.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, k.Engine.ExpireDue(k.Events));
        k.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, k.Engine.ExpireDue(k.Events));

        var expired = k.SingleOf(MatchEventKind.Expired);
        Assert.Equal(id, expired.OrderId);
        Assert.Equal(MatchingKit.Start.AddMinutes(5).UtcTicks, expired.TimestampTicks);
        Assert.Equal(Money.Zero, k.Engine.Account(t).LockedCash);
        Assert.False(k.Book.TryGetBestBid(out _, out _));
    }

    [Fact]
    public void Gtd_order_with_expiry_in_the_past_is_rejected()
    {
        var k = new MatchingKit();
        int t = k.Account("100");
        k.Submit(t, k.Yes, Side.Buy, "0.40", "10", TimeInForce.Gtd, expireAt: MatchingKit.Start);
        Assert.Equal("invalid expiration", k.SingleOf(MatchEventKind.Rejected).Text);
    }

    [Fact]
    public void Cancelled_gtd_order_is_not_expired_later()
    {
        var k = new MatchingKit();
        int t = k.Account("100");
        long id = k.Submit(t, k.Yes, Side.Buy, "0.40", "10", TimeInForce.Gtd, expireAt: MatchingKit.Start.AddMinutes(5));
        Assert.True(k.Engine.Cancel(t, id, k.Events));
        k.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, k.Engine.ExpireDue(k.Events));
    }

    [Fact]
    public void Self_trade_by_default_cancels_the_resting_order_and_keeps_matching()
    {
        var k = new MatchingKit();
        int me = k.Account("100", "100"), other = k.Account("0", "100");
        long mine = k.Sell(me, k.Yes, "0.50", "10");
        long theirs = k.Sell(other, k.Yes, "0.51", "10");
        k.Clear();

        long taker = k.Buy(me, k.Yes, "0.51", "10");

        var cancel = k.SingleOf(MatchEventKind.Cancelled);
        Assert.Equal(mine, cancel.OrderId);
        Assert.Equal(RejectReason.SelfTrade, cancel.Reason);
        var fills = k.Of(MatchEventKind.Fill);
        Assert.Equal([theirs, taker], fills.Select(f => f.OrderId));
    }

    [Fact]
    public void Self_trade_with_cancel_taker_stops_matching_and_cancels_the_incoming_rest()
    {
        var k = new MatchingKit(stp: SelfTradePrevention.CancelTaker);
        int me = k.Account("100", "100"), other = k.Account("0", "100");
        k.Sell(other, k.Yes, "0.49", "5");
        long mine = k.Sell(me, k.Yes, "0.50", "10");
        k.Clear();

        long taker = k.Buy(me, k.Yes, "0.51", "20");

        Assert.Equal(Q("5"), k.Of(MatchEventKind.Fill).Single(f => f.OrderId == taker).Size);
        var cancel = k.SingleOf(MatchEventKind.Cancelled);
        Assert.Equal(taker, cancel.OrderId);
        Assert.Equal(RejectReason.SelfTrade, cancel.Reason);
        Assert.True(k.Engine.TryGetOpenOrder(mine, out _, out _));
        Assert.False(k.Engine.TryGetOpenOrder(taker, out _, out _));
    }

    [Fact]
    public void Self_trade_with_reject_refuses_the_order_before_any_fill()
    {
        var k = new MatchingKit(stp: SelfTradePrevention.Reject);
        int me = k.Account("100", "100"), other = k.Account("0", "100");
        k.Sell(other, k.Yes, "0.49", "5");
        k.Sell(me, k.Yes, "0.50", "10");
        k.Clear();

        k.Buy(me, k.Yes, "0.51", "20");

        Assert.Equal(RejectReason.SelfTrade, k.SingleOf(MatchEventKind.Rejected).Reason);
        Assert.Empty(k.Of(MatchEventKind.Fill));
    }

    [Fact]
    public void Batch_of_more_than_15_orders_is_rejected_whole_with_the_venue_text()
    {
        var k = new MatchingKit();
        int t = k.Account("1000");
        var orders = new SimOrder[16];
        for (int i = 0; i < orders.Length; i++)
            orders[i] = SimOrder.Limit(t, new ClientOrderId((ulong)i + 1), k.Yes, Side.Buy, P("0.10"), Q("5"));
        var ids = new long[16];

        Assert.False(k.Engine.SubmitBatch(orders, ids, k.Events));

        var reject = k.SingleOf(MatchEventKind.Rejected);
        Assert.Equal("Too many orders in payload: 16, max allowed: 15", reject.Text);
        Assert.Equal(RejectReason.BatchTooLarge, reject.Reason);
        Assert.Equal(0, k.Engine.OpenOrderCount);
    }

    [Fact]
    public void Batch_of_15_orders_gives_a_result_per_order()
    {
        var k = new MatchingKit();
        int t = k.Account("1000");
        var orders = new SimOrder[15];
        for (int i = 0; i < orders.Length; i++)
            orders[i] = SimOrder.Limit(t, new ClientOrderId((ulong)i + 1), k.Yes, Side.Buy, P(i == 7 ? "0.105" : "0.10"), Q("5"));
        var ids = new long[15];

        Assert.True(k.Engine.SubmitBatch(orders, ids, k.Events));

        Assert.Equal(0, ids[7]);
        Assert.Equal(14, ids.Count(id => id != 0));
        Assert.Equal(new ClientOrderId(8), k.SingleOf(MatchEventKind.Rejected).ClientOrderId);
    }

    [Theory]
    [InlineData("0.505", "10", "order is invalid. Price breaks minimum tick size rules", RejectReason.InvalidTick)]
    [InlineData("0.50", "4.99", "order is invalid. Size lower than the minimum", RejectReason.InvalidSize)]
    [InlineData("0.50", "0", "order is invalid. Size lower than the minimum", RejectReason.InvalidSize)]
    [InlineData("0.50", "5.001", "Invalid order payload", RejectReason.InvalidSize)]
    [InlineData("0.995", "10", "invalid price (0.995), min: 0.01 - max: 0.99", RejectReason.InvalidPrice)]
    [InlineData("1", "10", "invalid price (1), min: 0.01 - max: 0.99", RejectReason.InvalidPrice)]
    public void Rejects_orders_breaking_price_and_size_rules_with_the_venue_text(string price, string size, string text, RejectReason reason)
    {
        var k = new MatchingKit();
        int t = k.Account("100");
        k.Buy(t, k.Yes, price, size);
        var reject = k.SingleOf(MatchEventKind.Rejected);
        Assert.Equal(text, reject.Text);
        Assert.Equal(reason, reject.Reason);
    }

    [Fact]
    public void Tick_change_keeps_resting_orders_and_applies_the_new_tick_to_new_orders()
    {
        var k = new MatchingKit(tick: "0.001");
        int a = k.Account("100"), t = k.Account("0", "100");
        long resting = k.Buy(a, k.Yes, "0.515", "10");

        k.Engine.ChangeTick(k.Market, P("0.01"));
        k.Clear();
        k.Buy(a, k.Yes, "0.505", "10");
        Assert.Equal(RejectReason.InvalidTick, k.SingleOf(MatchEventKind.Rejected).Reason);
        Assert.True(k.Engine.TryGetOpenOrder(resting, out _, out _));

        k.Clear();
        k.Sell(t, k.Yes, "0.51", "10");
        var makerFill = k.Of(MatchEventKind.Fill).Single(f => f.OrderId == resting);
        Assert.Equal(P("0.515"), makerFill.Price);
        Assert.Equal(P("0.01"), k.NoInstrument.TickSize);
    }

    [Fact]
    public void Market_buy_spends_up_to_its_quote_amount_across_levels()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), t = k.Account("100");
        k.Sell(a, k.Yes, "0.50", "10"); // $5.00
        k.Sell(a, k.Yes, "0.60", "10"); // $6.00
        k.Clear();

        long id = k.Submit(t, k.Yes, Side.Buy, "0.60", "0", TimeInForce.Fak, type: OrderType.Market, quote: "8");

        // $5 buys 10 @ 0.50; the remaining $3 buys 5 @ 0.60.
        var fills = k.Of(MatchEventKind.Fill).Where(f => f.OrderId == id).ToList();
        Assert.Equal([Q("10"), Q("5")], fills.Select(f => f.Size));
        Assert.Equal(Money.Parse("92"), k.Cash(t));
        Assert.Equal(Q("15"), k.Tokens(t, k.Yes));
    }

    [Fact]
    public void Market_buy_floors_each_level_to_the_size_step_and_returns_the_dust()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), t = k.Account("100");
        k.Sell(a, k.Yes, "0.30", "50");
        k.Clear();

        k.Submit(t, k.Yes, Side.Buy, "0", "0", TimeInForce.Fak, type: OrderType.Market, quote: "10");

        // 10 / 0.30 = 33.333… → 33.33 shares for $9.999; the $0.001 dust stays with the buyer.
        Assert.Equal(Q("33.33"), k.Tokens(t, k.Yes));
        Assert.Equal(Money.Parse("90.001"), k.Cash(t));
        Assert.Single(k.Of(MatchEventKind.Cancelled));
    }

    [Theory]
    [InlineData("11", true)]  // exactly the book: 10 × 0.50 + 10 × 0.60
    [InlineData("11.005", true)] // half a cent of dust cannot buy 0.01 share at 0.60
    [InlineData("11.01", false)]
    public void Fok_market_buy_by_quote_fills_only_when_the_book_absorbs_the_budget(string quote, bool fills)
    {
        var k = new MatchingKit();
        int a = k.Account("0", "100"), t = k.Account("100");
        k.Sell(a, k.Yes, "0.50", "10");
        k.Sell(a, k.Yes, "0.60", "10");
        k.Clear();

        k.Submit(t, k.Yes, Side.Buy, "0", "0", TimeInForce.Fok, type: OrderType.Market, quote: quote);

        Assert.Equal(fills, k.Of(MatchEventKind.Rejected).Count == 0);
        Assert.Equal(fills ? Q("20") : Quantity.Zero, k.Tokens(t, k.Yes));
    }

    [Fact]
    public void Market_buy_below_one_dollar_is_rejected()
    {
        var k = new MatchingKit();
        int t = k.Account("100");
        k.Submit(t, k.Yes, Side.Buy, "0", "0", TimeInForce.Fak, type: OrderType.Market, quote: "0.5");
        Assert.Equal("invalid amount for a marketable buy order", k.SingleOf(MatchEventKind.Rejected).Text);
    }

    [Fact]
    public void Yes_buy_against_resting_no_buy_mints_a_full_set_from_both_buyers()
    {
        var k = new MatchingKit();
        int a = k.Account("100"), b = k.Account("100");
        long noBid = k.Buy(a, k.No, "0.45", "10");
        k.Clear();

        long yesBid = k.Buy(b, k.Yes, "0.60", "10");

        // The NO maker pays its own 0.45; the YES taker pays the complement 0.55 (not its 0.60 limit).
        var fills = k.Of(MatchEventKind.Fill);
        Assert.All(fills, f => Assert.Equal(MatchKind.Mint, f.MatchKind));
        Assert.Equal(P("0.45"), fills.Single(f => f.OrderId == noBid).Price);
        Assert.Equal(P("0.55"), fills.Single(f => f.OrderId == yesBid).Price);
        Assert.Equal(Money.Parse("95.5"), k.Cash(a));
        Assert.Equal(Money.Parse("94.5"), k.Cash(b));
        Assert.Equal(Q("10"), k.Tokens(a, k.No));
        Assert.Equal(Q("10"), k.Tokens(b, k.Yes));
        Assert.Equal(Q("10"), k.Book.SetsOutstanding);
    }

    [Fact]
    public void Yes_buy_does_not_mint_when_prices_sum_below_one()
    {
        var k = new MatchingKit();
        int a = k.Account("100"), b = k.Account("100");
        k.Buy(a, k.No, "0.45", "10");
        k.Clear();
        k.Buy(b, k.Yes, "0.54", "10");
        Assert.Empty(k.Of(MatchEventKind.Fill));
        Assert.False(k.Book.IsCrossed);
    }

    [Fact]
    public void No_sell_against_resting_yes_sell_merges_a_full_set_and_pays_out_one_dollar()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "10"), b = k.Account("0", "10");
        long yesAsk = k.Sell(a, k.Yes, "0.52", "10");
        k.Clear();

        long noAsk = k.Sell(b, k.No, "0.45", "10");

        // Maker sells YES at its own 0.52; the taker gets the complement 0.48 (better than its 0.45 limit).
        var fills = k.Of(MatchEventKind.Fill);
        Assert.All(fills, f => Assert.Equal(MatchKind.Merge, f.MatchKind));
        Assert.Equal(P("0.52"), fills.Single(f => f.OrderId == yesAsk).Price);
        Assert.Equal(P("0.48"), fills.Single(f => f.OrderId == noAsk).Price);
        Assert.Equal(Money.Parse("5.2"), k.Cash(a));
        Assert.Equal(Money.Parse("4.8"), k.Cash(b));
        Assert.Equal(Quantity.Zero, k.Tokens(a, k.Yes));
        Assert.Equal(Quantity.Zero, k.Tokens(b, k.No));
        Assert.Equal(Q("10"), k.Book.SetsOutstanding); // 20 split, 10 merged
    }

    [Fact]
    public void No_buy_against_resting_no_sell_is_a_normal_trade_in_the_complement_book()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "10"), b = k.Account("100");
        k.Sell(a, k.No, "0.30", "10");
        k.Clear();

        k.Buy(b, k.No, "0.30", "10");

        Assert.All(k.Of(MatchEventKind.Fill), f => Assert.Equal(MatchKind.Normal, f.MatchKind));
        Assert.Equal(Money.Parse("3"), k.Cash(a));
        Assert.Equal(Q("10"), k.Tokens(b, k.No));
    }

    [Fact]
    public void Incoming_yes_buy_takes_the_better_of_the_direct_and_complement_books()
    {
        var k = new MatchingKit();
        int a = k.Account("100", "100"), b = k.Account("100"), t = k.Account("100");
        long direct = k.Sell(a, k.Yes, "0.56", "10");
        long complement = k.Buy(b, k.No, "0.46", "10"); // YES ask at 0.54
        k.Clear();

        k.Buy(t, k.Yes, "0.56", "15");

        var makers = k.Of(MatchEventKind.Fill).Where(f => f.Liquidity == Liquidity.Maker).ToList();
        Assert.Equal([complement, direct], makers.Select(f => f.OrderId));
        Assert.Equal([MatchKind.Mint, MatchKind.Normal], makers.Select(f => f.MatchKind));
    }

    [Fact]
    public void No_token_view_shows_the_yes_book_complemented()
    {
        var k = new MatchingKit();
        int a = k.Account("100");
        k.Buy(a, k.Yes, "0.40", "10");
        Assert.True(k.Book.TryGetBestAsk(k.No, out var noAsk, out var size));
        Assert.Equal(P("0.60"), noAsk);
        Assert.Equal(Q("10"), size);
        Assert.False(k.Book.TryGetBestBid(k.No, out _, out _));
    }

    [Fact]
    public void Buy_beyond_free_cash_is_rejected_counting_what_open_orders_lock()
    {
        var k = new MatchingKit();
        int t = k.Account("10");
        Assert.NotEqual(0, k.Buy(t, k.Yes, "0.50", "12")); // locks $6
        k.Clear();

        k.Buy(t, k.Yes, "0.50", "10"); // needs $5, $4 free

        var reject = k.SingleOf(MatchEventKind.Rejected);
        Assert.Equal("not enough balance / allowance", reject.Text);
        Assert.Equal(RejectReason.InsufficientBalance, reject.Reason);
    }

    [Fact]
    public void Sell_beyond_free_tokens_is_rejected_counting_what_open_orders_lock()
    {
        var k = new MatchingKit();
        int a = k.Account("0", "10");
        Assert.NotEqual(0, k.Sell(a, k.Yes, "0.60", "8"));
        k.Clear();
        k.Sell(a, k.Yes, "0.60", "5");
        Assert.Equal(RejectReason.InsufficientBalance, k.SingleOf(MatchEventKind.Rejected).Reason);
    }

    [Fact]
    public void Cancel_removes_the_order_and_unlocks_its_cash()
    {
        var k = new MatchingKit();
        int t = k.Account("10");
        long id = k.Buy(t, k.Yes, "0.50", "12");
        k.Clear();

        Assert.True(k.Engine.Cancel(t, id, k.Events));

        Assert.Equal(id, k.SingleOf(MatchEventKind.Cancelled).OrderId);
        Assert.Equal(Money.Zero, k.Engine.Account(t).LockedCash);
        Assert.Equal(0, k.Engine.OpenOrderCount);
    }

    [Fact]
    public void Cancel_of_an_unknown_or_foreign_order_is_refused()
    {
        var k = new MatchingKit();
        int t = k.Account("10"), other = k.Account("10");
        long id = k.Buy(t, k.Yes, "0.50", "12");
        k.Clear();

        Assert.False(k.Engine.Cancel(other, id, k.Events));
        Assert.False(k.Engine.Cancel(t, 999, k.Events));

        Assert.Equal(2, k.Of(MatchEventKind.CancelRejected).Count);
        Assert.Equal("Order not found or already canceled", k.Of(MatchEventKind.CancelRejected)[0].Text);
    }

    [Fact]
    public void Cancel_all_cancels_only_the_accounts_orders()
    {
        var k = new MatchingKit();
        int t = k.Account("100", "50"), other = k.Account("100");
        k.Buy(t, k.Yes, "0.40", "10");
        k.Sell(t, k.No, "0.70", "10");
        k.Buy(t, k.Yes, "0.41", "10");
        long theirs = k.Buy(other, k.Yes, "0.39", "10");
        k.Clear();

        Assert.Equal(3, k.Engine.CancelAll(t, k.Events));

        Assert.Equal(3, k.Of(MatchEventKind.Cancelled).Count);
        Assert.Equal(1, k.Engine.OpenOrderCount);
        Assert.True(k.Engine.TryGetOpenOrder(theirs, out _, out _));
        Assert.Equal(Quantity.Zero, k.Engine.Account(t).LockedTokens(k.No));
    }

    [Fact]
    public void Cancel_market_cancels_the_accounts_orders_in_that_market_only()
    {
        var k = new MatchingKit();
        var noId2 = new Bookmaker.Core.Instruments.InstrumentId("polymarket", "NO2");
        var yesId2 = new Bookmaker.Core.Instruments.InstrumentId("polymarket", "YES2");
        int m2 = k.Engine.AddBinaryMarket(
            Bookmaker.Core.Instruments.Instrument.PolymarketToken("YES2", P("0.01"), new("m2", "Yes", true, noId2)),
            Bookmaker.Core.Instruments.Instrument.PolymarketToken("NO2", P("0.01"), new("m2", "No", false, yesId2)),
            Bookmaker.Core.Fees.ZeroFeeModel.Instance);
        int t = k.Account("100");
        k.Buy(t, k.Yes, "0.40", "10");
        k.Buy(t, k.No, "0.40", "10");
        long other = k.Buy(t, k.Engine.SlotOf(yesId2), "0.40", "10");
        k.Clear();

        Assert.Equal(2, k.Engine.CancelMarket(t, k.Market, k.Events));
        Assert.True(k.Engine.TryGetOpenOrder(other, out _, out _));
        Assert.Equal(m2, k.Engine.MarketOf(k.Engine.SlotOf(yesId2)).Index);
    }
}
