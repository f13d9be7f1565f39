using System.Text;
using Bookmaker.Testing;
using Bookmaker.Venues.Bybit.Wire;

namespace Bookmaker.Venues.Bybit.Tests.Wire;

/// <summary>The single-scan order-book path decodes exactly what the general reader decodes, and leaves the rest to it.</summary>
public class BookScannerTests
{
    private static readonly string[] Feed = File.ReadAllLines(SharedData.Path("bybit", "xrpusdt_ob500_20241201.jsonl"));

    private static string Fingerprint(BybitPublicKind kind, BybitPublicMessage m)
    {
        var sb = new StringBuilder().Append(kind).Append('|').Append(m.Error).Append('|');
        if (kind != BybitPublicKind.OrderBook) return sb.ToString();
        sb.Append(m.Symbol).Append('|').Append(m.Depth).Append('|').Append(m.IsSnapshot).Append('|').Append(m.TimeMs).Append('|').Append(m.MatchTimeMs)
            .Append('|').Append(m.UpdateId).Append('|').Append(m.CrossSequence).Append('|');
        for (int i = 0; i < m.Bids.Count; i++) sb.Append(m.Bids.Prices[i].Raw).Append(':').Append(m.Bids.Sizes[i].Raw).Append(',');
        sb.Append('|');
        for (int i = 0; i < m.Asks.Count; i++) sb.Append(m.Asks.Prices[i].Raw).Append(':').Append(m.Asks.Sizes[i].Raw).Append(',');
        return sb.ToString();
    }

    private static (string Fast, string General, bool Scanned) Both(byte[] json)
    {
        var fast = new BybitPublicMessage();
        var general = new BybitPublicMessage();
        bool scanned = BybitBookScanner.TryScan(json, fast);
        var kind = BybitPublicParser.Parse(json, fast);
        var generalKind = BybitPublicParser.ParseGeneral(json, general);
        return (Fingerprint(kind, fast), Fingerprint(generalKind, general), scanned);
    }

    [Fact]
    public void Every_recorded_message_takes_the_scan_and_decodes_as_the_reader_does()
    {
        foreach (string line in Feed)
        {
            var (fast, general, scanned) = Both(Encoding.UTF8.GetBytes(line));
            Assert.True(scanned, "the venue's own shape must take the fast path");
            Assert.Equal(general, fast);
        }
    }

    [Theory]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT", "type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[],"u":2,"seq":3},"cts":1}""")]
    [InlineData("""{"type":"delta","topic":"orderbook.50.BTCUSDT","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[],"u":2,"seq":3},"cts":1}""")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["1.5","2","0"]],"a":[],"u":2,"seq":3},"cts":1}""")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[["1.\u0035","2"]],"a":[],"u":2,"seq":3},"cts":1}""")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[],"u":2,"seq":3,"x":1},"cts":1}""")]
    [InlineData("""{"topic":"orderbook.50.BTCUSDT","type":"delta","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[],"u":2,"seq":3}}""")]
    public void Other_shapes_fall_back_to_the_reader_with_the_same_result(string json)
    {
        var (fast, general, _) = Both(Encoding.UTF8.GetBytes(json));
        Assert.Equal(general, fast);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("007.5")]
    [InlineData("1234567")]
    [InlineData("12345678")]
    [InlineData("123456789")]
    [InlineData("1234567.1234567")]
    [InlineData("1234567.12345678")]
    [InlineData("12345678.1234567")]
    [InlineData("0.000000001")]
    [InlineData("0.10")]
    [InlineData("9:1")]
    [InlineData("1.2.3")]
    [InlineData("1234567890")]
    [InlineData("9223372036")]
    [InlineData("9223372037")]
    [InlineData("123456789.123456789")]
    [InlineData("9223372036.854775807")]
    [InlineData("9223372036.854775808")]
    [InlineData("0.1234567891")]
    [InlineData("1.5000000000")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-1")]
    [InlineData("1e5")]
    [InlineData("")]
    public void Number_forms_at_the_edges_of_the_scans_own_decimal_read_decode_as_the_reader_does(string number)
    {
        // The scan reads up to 9 whole digits and 9 decimals itself and hands anything else to FixedPoint.TryParse.
        string json = "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\""
            + number + "\",\"2\"],[\"3\",\"" + number + "\"]],\"a\":[],\"u\":2,\"seq\":3},\"cts\":1}";
        var (fast, general, _) = Both(Encoding.UTF8.GetBytes(json));
        Assert.Equal(general, fast);
    }

    [Fact]
    public void Mutated_recorded_messages_decode_alike_on_both_paths()
    {
        // A seeded, bounded mutation run: drop, duplicate or change one byte of a recorded delta; whatever the scan accepts
        // must be exactly what the reader decodes, and what it refuses the reader judges.
        var random = new Random(20261206);
        byte[][] samples = [.. Feed.Skip(1).Take(10).Select(Encoding.UTF8.GetBytes)];
        const string alphabet = "0123456789.,:[]{}\"-abc\\ ";
        for (int n = 0; n < 4000; n++)
        {
            var bytes = samples[random.Next(samples.Length)].ToList();
            int at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0: bytes.RemoveAt(at); break;
                case 1: bytes.Insert(at, bytes[at]); break;
                default: bytes[at] = (byte)alphabet[random.Next(alphabet.Length)]; break;
            }

            var (fast, general, _) = Both([.. bytes]);
            Assert.Equal(general, fast);
        }
    }
}
