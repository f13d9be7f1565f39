using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Books;
using Bookmaker.Core.Values;

namespace Bookmaker.Benchmarks;

/// <summary>
/// Steady-state L2 book costs: a level update (size change of an existing level near the top, and insert + remove of
/// a level inside the spread, which moves the best) on each book kind, and the best bid/ask read.
/// Books are pre-populated (ladder: 200 levels a side on 0..1 at tick 0.001; sorted: 1000 levels a side at 0.1 like
/// BTCUSDT) so the numbers reflect a realistic depth, not an empty array.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class BookBenchmarks
{
    private const int Ops = 1024;
    private TickLadderBook _ladder = null!;
    private SortedBook _sorted = null!;
    private Price[] _ladderPrices = null!;
    private Price[] _sortedPrices = null!;
    private Quantity[] _sizes = null!;
    private Price _ladderInside;
    private Price _sortedInside;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _ladder = TickLadderBook.ForProbability(Price.Parse("0.001"));
        _sorted = new SortedBook(4096);
        var ladderBids = new List<BookLevel>();
        var ladderAsks = new List<BookLevel>();
        for (int i = 0; i < 200; i++)
        {
            ladderBids.Add(new BookLevel(new Price((499 - i) * 1_000_000L), Quantity.FromUnits(100 + i)));
            ladderAsks.Add(new BookLevel(new Price((502 + i) * 1_000_000L), Quantity.FromUnits(100 + i)));
        }

        _ladder.ApplySnapshot(ladderBids.ToArray(), ladderAsks.ToArray(), 0, 0);
        var sortedBids = new List<BookLevel>();
        var sortedAsks = new List<BookLevel>();
        long tick = 100_000_000L; // 0.1
        long mid = 60_000L * FixedPoint.Scale;
        for (int i = 0; i < 1000; i++)
        {
            sortedBids.Add(new BookLevel(new Price(mid - (i + 2) * tick), Quantity.FromUnits(1 + i % 7)));
            sortedAsks.Add(new BookLevel(new Price(mid + (i + 2) * tick), Quantity.FromUnits(1 + i % 7)));
        }

        _sorted.ApplySnapshot(sortedBids.ToArray(), sortedAsks.ToArray(), 0, 0);

        // Updates land on existing levels within the top 20, as most real diffs do.
        _ladderPrices = new Price[Ops];
        _sortedPrices = new Price[Ops];
        _sizes = new Quantity[Ops];
        for (int i = 0; i < Ops; i++)
        {
            int depth = rng.Next(20);
            _ladderPrices[i] = new Price((499 - depth) * 1_000_000L);
            _sortedPrices[i] = new Price(mid - (depth + 2) * tick);
            _sizes[i] = Quantity.FromUnits(rng.Next(1, 1000));
        }

        _ladderInside = new Price(500 * 1_000_000L);
        _sortedInside = new Price(mid);
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public void LadderUpdateExistingLevel()
    {
        TickLadderBook book = _ladder;
        Price[] prices = _ladderPrices;
        Quantity[] sizes = _sizes;
        for (int i = 0; i < prices.Length; i++) book.SetLevel(Side.Buy, prices[i], sizes[i], i);
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public void SortedUpdateExistingLevel()
    {
        SortedBook book = _sorted;
        Price[] prices = _sortedPrices;
        Quantity[] sizes = _sizes;
        for (int i = 0; i < prices.Length; i++) book.SetLevel(Side.Buy, prices[i], sizes[i], i);
    }

    [Benchmark(OperationsPerInvoke = 2 * Ops)]
    public void LadderInsertAndRemoveBest()
    {
        TickLadderBook book = _ladder;
        Price p = _ladderInside;
        Quantity q = Quantity.FromUnits(5);
        for (int i = 0; i < Ops; i++)
        {
            book.SetLevel(Side.Buy, p, q, i);
            book.SetLevel(Side.Buy, p, Quantity.Zero, i);
        }
    }

    [Benchmark(OperationsPerInvoke = 2 * Ops)]
    public void SortedInsertAndRemoveBest()
    {
        SortedBook book = _sorted;
        Price p = _sortedInside;
        Quantity q = Quantity.FromUnits(5);
        for (int i = 0; i < Ops; i++)
        {
            book.SetLevel(Side.Buy, p, q, i);
            book.SetLevel(Side.Buy, p, Quantity.Zero, i);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public long LadderBestBidAsk()
    {
        OrderBook book = _ladder;
        long sum = 0;
        for (int i = 0; i < Ops; i++) sum += book.BestBid.Price.Raw + book.BestAsk.Size.Raw;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public long SortedBestBidAsk()
    {
        OrderBook book = _sorted;
        long sum = 0;
        for (int i = 0; i < Ops; i++) sum += book.BestBid.Price.Raw + book.BestAsk.Size.Raw;
        return sum;
    }
}
