using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Cli.Paper;

/// <summary>
/// Measures our fills' markouts for issue 15's targets T2 and T3 in a profile-driven paper run: for every fill, the
/// local mid of the filled instrument 10 s and 60 s later against the fill price, in ticks, signed so positive is good
/// for us (a buy below the later mid). Read once a second on an engine timer; a fill whose horizon passes after the run
/// ends is not counted. Only the market maker's fills count (orders tagged with its name): T2 and T3 are about its
/// quotes, and the arbitrage's taker legs would otherwise dilute them with fills that pay the spread by design.
/// </summary>
internal sealed class FillMarkoutSampler(string marketMakerTag) : IStrategy
{
    private static readonly long Ten = TimeSpan.FromSeconds(10).Ticks;
    private static readonly long Sixty = TimeSpan.FromSeconds(60).Ticks;
    private readonly Queue<Pending> _at10 = new();
    private readonly Queue<Pending> _at60 = new();
    private IStrategyContext? _context;

    private readonly record struct Pending(long Due, Instrument Instrument, int Sign, double Price);

    public string Name => "fill-markout-sampler";

    /// <summary>Markouts 10 s after each fill, ticks.</summary>
    public List<double> Markouts10s { get; } = [];

    /// <summary>Markouts 60 s after each fill, ticks.</summary>
    public List<double> Markouts60s { get; } = [];

    public void Start(IStrategyContext context)
    {
        _context = context;
        context.ScheduleTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), purpose: 0);
    }

    public void OnFill(IOrderView? order, Fill fill)
    {
        if (_context is null || !_context.Instruments.TryGet(fill.Instrument, out var instrument)) return;
        if (order is null || !string.Equals(order.Request.Tag, marketMakerTag, StringComparison.Ordinal)) return;
        long now = _context.Time.GetUtcNow().UtcTicks;
        var p = new Pending(0, instrument, fill.Side == Side.Buy ? 1 : -1, fill.Price.ToDouble());
        _at10.Enqueue(p with { Due = now + Ten });
        _at60.Enqueue(p with { Due = now + Sixty });
    }

    public void OnTimer(in TimerEvent timer)
    {
        if (_context is null) return;
        long now = _context.Time.GetUtcNow().UtcTicks;
        Drain(_at10, Markouts10s, now);
        Drain(_at60, Markouts60s, now);
    }

    private void Drain(Queue<Pending> queue, List<double> into, long now)
    {
        while (queue.TryPeek(out var p) && p.Due <= now)
        {
            queue.Dequeue();
            var book = _context!.Book(p.Instrument);
            if (!book.HasBids || !book.HasAsks) continue;
            double mid = (book.BestBid.Price.ToDouble() + book.BestAsk.Price.ToDouble()) / 2;
            into.Add(p.Sign * (mid - p.Price) / p.Instrument.TickSize.ToDouble());
        }
    }

    public void OnBook(Instrument instrument, IOrderBookView book)
    {
    }

    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
    }

    public void OnOrderChanged(IOrderView order)
    {
    }

    public void OnTradingState(TradingState state)
    {
    }

    public void Shutdown()
    {
    }
}
