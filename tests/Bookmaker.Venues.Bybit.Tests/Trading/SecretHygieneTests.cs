using Bookmaker.Core.Orders;
using Bookmaker.Venues.Bybit.Auth;
using Bookmaker.Venues.Bybit.Emulator;
using Bookmaker.Venues.Bybit.Trading;

namespace Bookmaker.Venues.Bybit.Tests.Trading;

/// <summary>The API secret never shows in what the trading side writes: logs, reports, failures, exceptions, descriptions.</summary>
public sealed class SecretHygieneTests
{
    [Fact]
    public async Task A_wrong_secret_fails_the_start_with_the_venue_code_and_without_the_secret()
    {
        string wrong = "wrong-" + Guid.NewGuid().ToString("N");
        var o = new BybitEmulatorOptions();
        var ex = await Assert.ThrowsAsync<BybitRequestException>(() => TradingHarness.StartAsync(o, credentials: new BybitCredentials(o.ApiKey, wrong)));
        Assert.Equal(10004, ex.RetCode);
        Assert.DoesNotContain(wrong, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_the_session_logs_or_reports_through_its_failure_paths_holds_the_secret()
    {
        var o = new BybitEmulatorOptions { ApiSecret = "sec-" + Guid.NewGuid().ToString("N"), DcpAvailable = false, OrderRateLimit = 1 };
        await using var h = await TradingHarness.StartAsync(o, tradeSocket: false);
        h.Emulator.Trading.SetClockSkew(TimeSpan.FromSeconds(8));                   // 10002, resync
        var bids = Enumerable.Range(0, 3).Select(i => TradingHarness.Bid(h.Btc, (59000 - i).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0")).ToList();
        foreach (var b in bids) h.Client.Submit(b);                                   // 10006
        h.Client.Submit(TradingHarness.Bid(h.Btc, "59000.05"));                       // a typed reject
        h.Client.Cancel(new ClientOrderId(424242), h.Btc, null);                      // a cancel reject
        await h.Client.DrainAsync();
        h.Emulator.Trading.DropStreams();                                             // a reconnect
        await ReportSink.WaitForAsync(() => h.Session.PrivateFeed.Connections >= 2 ? "back" : null, "reconnect");
        var written = string.Join('\n', h.Log.Lines.Concat(h.Sink.Reports.Select(r => r.ToString())).Concat(h.Sink.Failures.Select(f => f.ToString()))
            .Concat(h.Sink.Statuses.Select(s => s.ToString())).Append(h.Session.DcpStatus).Append(h.Session.Rest.Signer.ToString())
            .Append(new BybitCredentials(o.ApiKey, o.ApiSecret).ToString()));
        Assert.Contains("Rejected", written, StringComparison.Ordinal);
        Assert.DoesNotContain(o.ApiSecret, written, StringComparison.Ordinal);
    }
}
