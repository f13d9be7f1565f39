using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.UserStream;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>Spot coins as the venue states them: what open orders lock, over the wallet stream and the account snapshot.</summary>
public sealed class SpotBalanceTests
{
    private static BybitEmulatorOptions Spot() => new()
    {
        Symbols = [new EmulatedSymbol("BTCUSDT", BybitCategory.Spot, Price.Parse("0.1"), Quantity.Parse("0.000001"), Quantity.Parse("0.000001"), Money.Parse("5"), Price.Parse("60000"))],
        StartingCash = Money.FromUnits(100_000),
        StartingBase = Quantity.FromUnits(2),
    };

    private static OrderRequest Ask(TradingHarness h, string price, string size) => TradingHarness.Bid(h.Btc, price, size) with { Side = Side.Sell };

    private static async Task<AccountSnapshot> SnapshotAsync(TradingHarness h, long id)
    {
        h.Client.RequestAccountSnapshot(id, DateTimeOffset.UtcNow.AddMinutes(-1));
        return await ReportSink.WaitForAsync(() => h.Sink.Snapshots.FirstOrDefault(s => s.RequestId == id), $"snapshot {id}");
    }

    private static CoinBalance Coin(AccountSnapshot s, string coin) => Assert.Single(s.Balances!, c => c.Coin == coin);

    [Fact]
    public async Task A_resting_spot_sell_locks_base_and_cancelling_it_frees_it()
    {
        await using var h = await TradingHarness.StartAsync(Spot(), category: BybitCategory.Spot);
        var ask = Ask(h, "61000.0", "0.5");
        h.Client.Submit(ask);
        await h.Sink.WaitAsync(ask.Id, ExecutionReportKind.Accepted);

        var placed = await SnapshotAsync(h, 1);
        Assert.Equal((Quantity.FromUnits(2), Quantity.Parse("0.5"), Quantity.Parse("1.5")), (Coin(placed, "BTC").Total, Coin(placed, "BTC").Locked, Coin(placed, "BTC").Free));
        Assert.Equal(Quantity.FromUnits(2), placed.Positions[h.Btc]); // the base coin held, open sell included

        h.Client.Cancel(ask.Id, h.Btc, null);
        await h.Sink.WaitAsync(ask.Id, ExecutionReportKind.Cancelled);
        var cancelled = await SnapshotAsync(h, 2);
        Assert.Equal((Quantity.FromUnits(2), Quantity.Zero), (Coin(cancelled, "BTC").Total, Coin(cancelled, "BTC").Locked));
    }

    [Fact]
    public async Task A_resting_spot_buy_locks_quote()
    {
        await using var h = await TradingHarness.StartAsync(Spot(), category: BybitCategory.Spot);
        var bid = TradingHarness.Bid(h.Btc, "59000.0", "0.1");
        h.Client.Submit(bid);
        await h.Sink.WaitAsync(bid.Id, ExecutionReportKind.Accepted);

        var usdt = Coin(await SnapshotAsync(h, 1), "USDT");
        Assert.Equal(Quantity.FromUnits(100_000), usdt.Total);
        Assert.True(usdt.Locked >= Quantity.FromUnits(5_900), $"a 5,900 USDT bid locks at least its notional, locked {usdt.Locked}");
    }

    [Fact]
    public async Task The_wallet_stream_pushes_the_lock_of_a_placed_sell_and_its_release_on_cancel()
    {
        await using var h = await TradingHarness.StartAsync(Spot(), category: BybitCategory.Spot);
        var ask = Ask(h, "61000.0", "0.25");
        h.Client.Submit(ask);
        string locked = await ReportSink.WaitForAsync(() => h.Sink.Balances.SelectMany(b => b.Coins).Where(c => c.Coin == "BTC" && c.Locked.Raw > 0)
            .Select(c => c.Locked.ToString()).FirstOrDefault(), "the lock pushed");
        Assert.Equal(Quantity.Parse("0.25").ToString(), locked);

        h.Client.Cancel(ask.Id, h.Btc, null);
        await h.Sink.WaitAsync(ask.Id, ExecutionReportKind.Cancelled);
        var freed = await ReportSink.WaitForAsync(() => h.Sink.Balances.LastOrDefault() is { } b && b.Coins.Any(c => c.Coin == "BTC" && c.Locked.Raw == 0) ? b : null, "the release pushed");
        Assert.Equal(VenueNames.Bybit, freed.Venue);
    }

    [Theory]
    [InlineData("BTCUSDT", "BTC")]
    [InlineData("ETHUSDC", "ETH")]
    [InlineData("ETHBTC", "ETH")]
    [InlineData("USDT", null)]
    public void The_base_coin_is_the_symbol_less_its_quote_coin(string symbol, string? expected) =>
        Assert.Equal(expected, WalletTranslator.BaseCoin(symbol));
}
