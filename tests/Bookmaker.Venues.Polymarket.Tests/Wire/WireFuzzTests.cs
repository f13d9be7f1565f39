using System.Text;
using System.Text.RegularExpressions;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Tests.Wire;

/// <summary>
/// A seeded, bounded fuzz of both WebSocket parsers over real recorded frames (shared data) and the hand-written
/// samples: numbers swapped for values the venue cannot send, and bytes flipped, dropped or repeated. Whatever the
/// mutation, no out-of-range price or size comes out, and nothing throws.
/// </summary>
public sealed partial class WireFuzzTests
{
    private const int Seed = 20_261_206;
    private const int Mutations = 40_000;

    private static readonly string[] Swaps =
    [
        "2", "1.5", "-0.5", "-1", "0", "1", "1.0", "0.0", "-0", "-0.000000001", "0.000000001", "0.999999999", "1.000000001",
        "9223372036.854775807", "-9223372036.854775808", "99999999999", "1e3", "NaN", "", ".5", "-.5", "00.5", "0.5.5",
    ];

    [GeneratedRegex("\"(price|size|best_bid|best_ask|new_tick_size|matched_amount|original_size|size_matched)\"\\s*:\\s*\"([^\"]*)\"")]
    private static partial Regex NumberField();

    [GeneratedRegex("\"asset_id\"\\s*:\\s*\"([0-9]+)\"")]
    private static partial Regex AssetField();

    private static List<byte[]> Frames()
    {
        var frames = new List<byte[]>(TestData.RecordedFrames());
        string messages = TestData.SharedData("polymarket/messages");
        foreach (string path in Directory.GetFiles(messages, "*.json").Where(p => !Path.GetFileName(p).StartsWith("http_", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            frames.Add(File.ReadAllBytes(path));
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Wire", "Samples"), "*.json").Order(StringComparer.Ordinal))
            frames.Add(File.ReadAllBytes(path));
        return frames;
    }

    private static AssetIndexMap AssetsOf(IEnumerable<byte[]> frames)
    {
        var map = new AssetIndexMap();
        int next = 0;
        foreach (var frame in frames)
        {
            foreach (Match m in AssetField().Matches(Encoding.UTF8.GetString(frame)))
            {
                if (!map.TryGetIndex(m.Groups[1].Value.AsSpan(), out _)) map.Add(m.Groups[1].Value, next++);
            }
        }

        return map;
    }

    private static byte[] Mutate(byte[] frame, Random random)
    {
        string text = Encoding.UTF8.GetString(frame);
        var numbers = NumberField().Matches(text);
        if (numbers.Count > 0 && random.Next(10) < 7)
        {
            // Swap one to three numeric fields for values a venue cannot (or can only just) send.
            int swaps = 1 + random.Next(3);
            var sb = new StringBuilder(text);
            foreach (var m in numbers.OrderByDescending(m => m.Index).Where(_ => random.Next(numbers.Count) < swaps))
            {
                var value = m.Groups[2];
                sb.Remove(value.Index, value.Length).Insert(value.Index, Swaps[random.Next(Swaps.Length)]);
            }

            text = sb.ToString();
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(10) < 5 && bytes.Length > 2)
        {
            var list = new List<byte>(bytes);
            for (int k = 1 + random.Next(3); k > 0; k--)
            {
                int at = random.Next(list.Count);
                switch (random.Next(5))
                {
                    case 0: list[at] = (byte)"0123456789-.e"[random.Next(13)]; break;
                    case 1: list.Insert(at, (byte)'-'); break;
                    case 2: list.RemoveAt(at); break;
                    case 3: list.InsertRange(at, list.Skip(at).Take(1 + random.Next(8)).ToArray()); break;
                    default: list[at] ^= (byte)(1 << random.Next(7)); break;
                }
            }

            bytes = [.. list];
        }

        return bytes;
    }

    [Fact]
    public void Mutated_recorded_frames_never_yield_an_out_of_range_price_or_size()
    {
        var frames = Frames();
        var assets = AssetsOf(frames);
        var market = new MarketChannelParser(assets);
        var marketSink = new CheckingMarketSink();
        var user = new UserChannelParser();
        var userSink = new CheckingUserSink();
        var random = new Random(Seed);

        for (int i = 0; i < Mutations; i++)
        {
            byte[] frame = Mutate(frames[random.Next(frames.Count)], random);
            market.Parse(frame, 1, marketSink);
            user.Parse(frame, userSink);
        }

        Assert.True(marketSink.Violations.Count == 0, "market channel: " + string.Join("; ", marketSink.Violations.Take(10)));
        Assert.True(userSink.Violations.Count == 0, "user channel: " + string.Join("; ", userSink.Violations.Take(10)));
        // Not vacuous: values of every kind came through, and refusals for range happened on both channels.
        Assert.True(marketSink.Delivered > 1_000 && userSink.Delivered > 100, $"delivered {marketSink.Delivered} market / {userSink.Delivered} user events");
        Assert.True(market.Counters.Malformed(MalformedReason.OutOfRange) > 100);
        Assert.True(user.Counters.Malformed(MalformedReason.OutOfRange) > 100);
    }

    private static bool IsOutcomePrice(Price p) => p.Raw > 0 && p < Price.One;

    private sealed class CheckingMarketSink : IMarketChannelSink
    {
        public List<string> Violations { get; } = [];

        public int Delivered { get; private set; }

        public void OnMarketData(in MarketDataEvent e)
        {
            Delivered++;
            switch (e.Kind)
            {
                case MarketDataKind.Snapshot:
                    foreach (BookLevel l in e.Snapshot!.Bids.Concat(e.Snapshot.Asks))
                        if (!IsOutcomePrice(l.Price) || l.Size.Raw < 0) Violations.Add($"book level {l.Size}@{l.Price}");
                    break;
                case MarketDataKind.LevelUpdate:
                    if (!IsOutcomePrice(e.Price) || e.Size.Raw < 0) Violations.Add($"level {e.Size}@{e.Price}");
                    break;
                case MarketDataKind.Trade:
                    if (!IsOutcomePrice(e.Price) || e.Size.Raw <= 0) Violations.Add($"trade {e.Size}@{e.Price}");
                    break;
                case MarketDataKind.TickSizeChange:
                    if (!IsOutcomePrice(e.Price)) Violations.Add($"tick {e.Price}");
                    break;
            }
        }

        public void OnBestBidAsk(int instrumentIndex, Price bestBid, Price bestAsk, long venueTimeTicks)
        {
            Delivered++;
            if (bestBid.Raw < 0 || bestBid > Price.One || bestAsk.Raw < 0 || bestAsk > Price.One) Violations.Add($"best {bestBid}/{bestAsk}");
        }

        public void OnMalformed(MalformedReason reason, int instrumentIndex, ReadOnlySpan<byte> frame)
        {
        }
    }

    private sealed class CheckingUserSink : IUserChannelSink
    {
        public List<string> Violations { get; } = [];

        public int Delivered { get; private set; }

        public void OnOrder(UserOrderEvent o)
        {
            Delivered++;
            if (!IsOutcomePrice(o.Price) || o.OriginalSize.Raw <= 0 || o.SizeMatched.Raw < 0) Violations.Add($"order {o.SizeMatched}/{o.OriginalSize}@{o.Price}");
        }

        public void OnTrade(UserTradeEvent t)
        {
            Delivered++;
            if (!IsOutcomePrice(t.Price) || t.Size.Raw <= 0) Violations.Add($"trade {t.Size}@{t.Price}");
            foreach (var m in t.MakerOrders)
                if (!IsOutcomePrice(m.Price) || m.MatchedAmount.Raw <= 0) Violations.Add($"maker {m.MatchedAmount}@{m.Price}");
        }

        public void OnMalformed(MalformedReason reason, ReadOnlySpan<byte> frame)
        {
        }
    }
}
