using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Values;

namespace Bookmaker.Benchmarks;

/// <summary>Exact parse of venue decimal strings (UTF-8 bytes as they sit in a message) into <see cref="Price"/>.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class ParseBenchmarks
{
    private readonly byte[] _polymarket = "0.515"u8.ToArray();
    private readonly byte[] _binance = "60123.45"u8.ToArray();
    private readonly byte[] _binanceSpot = "61837.63000000"u8.ToArray();

    [Benchmark]
    public long ParsePolymarketPrice() => Price.TryParse(_polymarket, out Price p) ? p.Raw : -1;

    [Benchmark]
    public long ParseBinancePrice() => Price.TryParse(_binance, out Price p) ? p.Raw : -1;

    [Benchmark]
    public long ParseBinanceSpotPrice() => Price.TryParse(_binanceSpot, out Price p) ? p.Raw : -1;
}
