using Bookmaker.Testing;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Replay;
using Xunit;

namespace Bookmaker.Venues.Simulated.Tests.Replay;

public class BinanceReplayTests
{
    [Fact]
    public void Rebuilt_usdm_book_agrees_with_every_book_ticker_at_the_same_update_id()
    {
        var sync = new BinanceDepthSync(new SortedBook(4096));
        int comparisons = 0;
        var disagreements = new List<string>();
        int snapshots = 0, tickers = 0, trades = 0, malformed = 0;

        foreach (BinanceRecord record in BinanceRecordingReader.ReadFile(SharedData.Path("binance", "usdm_btcusdt_20240808.gz")))
        {
            switch (record)
            {
                case BinanceDepthSnapshotRecord snapshot:
                    snapshots++;
                    sync.OnSnapshot(snapshot);
                    break;
                case BinanceDepthUpdateRecord diff:
                    sync.OnDiff(diff);
                    break;
                case BinanceTradeRecord:
                    trades++;
                    break;
                case BinanceBookTickerRecord ticker:
                    tickers++;
                    if (sync.Book.IsStale || sync.AppliedDiffs == 0 || ticker.UpdateId != sync.LastAppliedUpdateId) break;
                    comparisons++;
                    if (sync.Book.BestBid != ticker.Bid || sync.Book.BestAsk != ticker.Ask)
                        disagreements.Add($"u={ticker.UpdateId}: book {sync.Book.BestBid}/{sync.Book.BestAsk} ticker {ticker.Bid}/{ticker.Ask}");
                    break;
                case BinanceMalformedRecord:
                    malformed++;
                    break;
            }
        }

        Assert.Equal(1, snapshots);
        Assert.Equal(66_089, tickers);
        Assert.Equal(21_313, trades);
        Assert.Equal(0, malformed);
        Assert.Equal(0, sync.Gaps);
        Assert.False(sync.Book.IsStale);
        Assert.Empty(disagreements);
        Assert.True(comparisons > 100, $"only {comparisons} comparison points");
    }

    [Fact]
    public void Spot_diffs_link_by_contiguous_ids_without_a_gap_and_never_cross()
    {
        var sync = new BinanceDepthSync(new SortedBook(4096));
        int crossedAfterDiff = 0;
        foreach (BinanceRecord record in BinanceRecordingReader.ReadFile(SharedData.Path("binance", "spot_btcusdt_20240808.gz")))
        {
            if (record is BinanceDepthSnapshotRecord snapshot) sync.OnSnapshot(snapshot);
            else if (record is BinanceDepthUpdateRecord diff && sync.OnDiff(diff) == SequenceCheck.Accepted && sync.Book.Cross != CrossState.Normal)
                crossedAfterDiff++;
        }

        Assert.Equal(0, sync.Gaps);
        Assert.False(sync.Book.IsStale);
        Assert.True(sync.AppliedDiffs > 3_000, $"applied {sync.AppliedDiffs}");
        Assert.Equal(0, crossedAfterDiff);
    }

    [Fact]
    public void Diffs_received_before_the_snapshot_are_buffered_and_the_straddling_one_applied()
    {
        var sync = new BinanceDepthSync(new SortedBook(16));
        Assert.Equal(SequenceCheck.Stale, sync.OnDiff(Diff(u0: 90, u1: 95, pu: 89, bid: "100")));
        Assert.Equal(SequenceCheck.Stale, sync.OnDiff(Diff(u0: 96, u1: 105, pu: 95, bid: "101")));

        sync.OnSnapshot(new BinanceDepthSnapshotRecord(0, 100, 0, [new BookLevel(Price.Parse("99"), Quantity.Parse("1"))], []));

        Assert.Equal(1, sync.AppliedDiffs);
        Assert.Equal(105, sync.LastAppliedUpdateId);
        Assert.Equal(Price.Parse("101"), sync.Book.BestBid.Price);
        Assert.Equal(Quantity.Zero, sync.Book.SizeAt(Side.Buy, Price.Parse("100")));
    }

    [Fact]
    public void Broken_pu_chain_makes_the_book_stale_until_the_next_snapshot()
    {
        var sync = new BinanceDepthSync(new SortedBook(16));
        sync.OnSnapshot(new BinanceDepthSnapshotRecord(0, 100, 0, [], []));
        Assert.Equal(SequenceCheck.Accepted, sync.OnDiff(Diff(u0: 99, u1: 110, pu: 98, bid: "1")));
        Assert.Equal(SequenceCheck.Gap, sync.OnDiff(Diff(u0: 115, u1: 120, pu: 114, bid: "2")));
        Assert.Equal(SequenceCheck.Stale, sync.OnDiff(Diff(u0: 121, u1: 125, pu: 120, bid: "3")));
        Assert.True(sync.Book.IsStale);

        sync.OnSnapshot(new BinanceDepthSnapshotRecord(0, 130, 0, [], []));
        Assert.False(sync.Book.IsStale);
        Assert.Equal(1, sync.Gaps);
    }

    [Fact]
    public void Malformed_line_is_returned_as_a_record_not_thrown()
    {
        var record = BinanceRecordingReader.ParseLine("""17 {"stream":"x","data":{"e":"bookTicker","u":1,"b":"1e3","B":"1","a":"2","A":"1"}}"""u8.ToArray());
        Assert.IsType<BinanceMalformedRecord>(record);
        Assert.IsType<BinanceMalformedRecord>(BinanceRecordingReader.ParseLine("no-time {}"u8.ToArray()));
    }

    private static BinanceDepthUpdateRecord Diff(long u0, long u1, long pu, string bid) =>
        new(0, "BTCUSDT", 0, u0, u1, pu, [new BookLevel(Price.Parse(bid), Quantity.Parse("1"))], []);
}
