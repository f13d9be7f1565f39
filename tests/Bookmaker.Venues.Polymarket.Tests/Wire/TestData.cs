using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Tests.Wire;

/// <summary>Locates shared recorded data and the hand-written samples; fails (never skips) when missing.</summary>
internal static class TestData
{
    public const string AssetYes = "76670567130917723816490572615540605537878462672464291990940067659127658071111";
    public const string AssetNo = "54179564009642723353355316176091991063553046330768303687769988635499280029688";
    public const string SampleA = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    public const string SampleB = "52114319501245915516055106046884209969926127482827954674443846427813813222426";

    public static string SharedData(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return Path.Combine(candidate, relative);
        }

        throw new InvalidOperationException($"shared/data not found above {AppContext.BaseDirectory}; the recorded data must be present");
    }

    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Wire", "Samples", name));

    /// <summary>Each element of the recorded market-channel file, as the raw bytes of one frame.</summary>
    public static List<byte[]> RecordedFrames()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(SharedData("polymarket/ws_market_price_change_crossing_burst.json")));
        return doc.RootElement.EnumerateArray().Select(e => System.Text.Encoding.UTF8.GetBytes(e.GetRawText())).ToList();
    }

    public static AssetIndexMap RecordedAssets()
    {
        var map = new AssetIndexMap();
        map.Add(AssetYes, 0);
        map.Add(AssetNo, 1);
        return map;
    }

    public static AssetIndexMap SampleAssets()
    {
        var map = new AssetIndexMap();
        map.Add(SampleA, 3);
        map.Add(SampleB, 4);
        return map;
    }
}
