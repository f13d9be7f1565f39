using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>Spot differs from linear where the venue does: batches of 10, a crossing post-only refused at once (170218), DCP product SPOT.</summary>
public sealed class SpotTests
{
    private static BybitEmulatorOptions Spot() => new()
    {
        Symbols = [new EmulatedSymbol("BTCUSDT", BybitCategory.Spot, Price.Parse("0.1"), Quantity.Parse("0.000001"), Quantity.Parse("0.000001"), Money.Parse("5"), Price.Parse("60000"))],
        OrderRateLimit = 100,
    };

    [Fact]
    public async Task On_spot_a_crossing_post_only_is_refused_at_once_with_170218()
    {
        await using var h = await TradingHarness.StartAsync(Spot(), category: BybitCategory.Spot);
        h.Emulator.Trading.HouseRest("BTCUSDT", Side.Sell, Price.Parse("60000.0"), Quantity.Parse("0.01"));
        var crossing = TradingHarness.Bid(h.Btc, "60000.0", "0.001");
        h.Client.Submit(crossing);
        var rejected = await h.Sink.WaitAsync(crossing.Id, ExecutionReportKind.Rejected);
        Assert.Equal(RejectReason.PostOnlyWouldCross, rejected.Reason);
        Assert.Contains("170218", rejected.Text, StringComparison.Ordinal);
        Assert.Equal("DCP on for SPOT, window 3 s", h.Session.DcpStatus);
    }

    [Fact]
    public async Task On_spot_batches_are_split_at_ten()
    {
        await using var h = await TradingHarness.StartAsync(Spot(), category: BybitCategory.Spot);
        var bids = Enumerable.Range(0, 12).Select(i => TradingHarness.Bid(h.Btc, (59000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0", "0.001")).ToList();
        h.Client.SubmitBatch(bids);
        foreach (var b in bids) await h.Sink.WaitAsync(b.Id, ExecutionReportKind.Accepted);
        Assert.Equal(10, h.Client.MaxBatchSize);
        Assert.Equal(2L, h.Client.Transport.SentOverSocket + h.Client.Transport.SentOverRest);
        Assert.Equal(12, h.Emulator.Trading.OpenOrderCount);
    }
}
