using System.Globalization;

namespace Bookmaker.Cli.Tests.Calibration;

/// <summary>
/// A Polymarket JSON-array recording built so every estimate is known exactly: one binary market (tick 0.01), its
/// YES book 0.49 × 100 / 0.51 × 200 for two minutes (spread 2 ticks, touch depth $49 and $102, mid 0.50 throughout),
/// sixteen prints five seconds apart in sign runs of four (+ + + + − − − −, twice), each 10 shares at the touch.
/// </summary>
internal static class CalibrationFixture
{
    public const long T0 = 1_700_000_000_000;
    public const string Market = "0x1111111111111111111111111111111111111111111111111111111111111111";
    public const string Yes = "1001";
    public const string No = "1002";

    public static readonly int[] Signs = [1, 1, 1, 1, -1, -1, -1, -1, 1, 1, 1, 1, -1, -1, -1, -1];

    public static string Write(string directory)
    {
        var messages = new List<string>
        {
            Book(Yes, T0, "0.49", "100", "0.51", "200"),
            Book(No, T0, "0.49", "200", "0.51", "100"),
        };
        for (int k = 0; k < Signs.Length; k++)
        {
            bool buy = Signs[k] > 0;
            messages.Add(Trade(T0 + (k + 1) * 5_000, buy ? "0.51" : "0.49", buy ? "BUY" : "SELL"));
        }

        // A far-away level at the end stretches the recording to 120 s without touching the top of book.
        messages.Add($$"""{"market":"{{Market}}","price_changes":[{"asset_id":"{{Yes}}","price":"0.30","size":"5","side":"BUY"}],"timestamp":"{{(T0 + 120_000).ToString(CultureInfo.InvariantCulture)}}","event_type":"price_change"}""");
        string path = Path.Combine(directory, "fixture.json");
        File.WriteAllText(path, "[" + string.Join(",\n", messages) + "]");
        return path;
    }

    private static string Book(string asset, long t, string bid, string bidSize, string ask, string askSize) =>
        $$"""{"market":"{{Market}}","asset_id":"{{asset}}","timestamp":"{{t.ToString(CultureInfo.InvariantCulture)}}","bids":[{"price":"{{bid}}","size":"{{bidSize}}"}],"asks":[{"price":"{{ask}}","size":"{{askSize}}"}],"tick_size":"0.01","event_type":"book"}""";

    private static string Trade(long t, string price, string side) =>
        $$"""{"asset_id":"{{Yes}}","event_type":"last_trade_price","fee_rate_bps":"0","market":"{{Market}}","price":"{{price}}","side":"{{side}}","size":"10","timestamp":"{{t.ToString(CultureInfo.InvariantCulture)}}"}""";
}
