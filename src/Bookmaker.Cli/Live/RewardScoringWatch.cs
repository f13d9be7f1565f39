using System.Globalization;
using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Cli.Live;

/// <summary>
/// Checks on a timer whether our resting quotes on liquidity-reward markets actually score (the venue's
/// <c>/orders-scoring</c>), and reports per market the share of checks at which they did.
/// </summary>
/// <remarks>
/// <para>Every <c>Venue:Polymarket:ScoringCheckInterval</c> the watch lists, on the loop, our acknowledged resting
/// orders of each reward market and asks the venue about them off the loop (one request). A 250 ms timer picks the
/// answer up on the loop, so every state change stays there. A market with an order resting at a check counts one
/// sample; it scored when at least one of its orders scored. The share is scored samples / samples — the venue
/// samples every minute at random, so equal-interval samples estimate the same share of time.</para>
/// <para>A change of a market's scoring is a journal note; a market whose quotes rest for
/// <c>Venue:Polymarket:ScoringAlertAfter</c> without scoring once raises the WARNING <see cref="NotScoringAlert"/>,
/// cleared when it scores. A check that fails is counted and skipped: it says nothing about scoring.</para>
/// </remarks>
internal sealed class RewardScoringWatch : IStrategy
{
    /// <summary>Alert code of a reward market whose resting quotes have not scored for the configured period (key: condition id).</summary>
    public const string NotScoringAlert = "reward_not_scoring";

    private const int TimerCheck = 1;
    private const int TimerCollect = 2;
    private static readonly TimeSpan CollectEvery = TimeSpan.FromMilliseconds(250);

    private readonly Func<IReadOnlyList<ClientOrderId>, Task<IReadOnlyDictionary<ClientOrderId, bool>?>> _ask;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _alertAfter;
    private readonly Dictionary<string, MarketTally> _markets = new(StringComparer.OrdinalIgnoreCase);
    private IStrategyContext? _ctx;
    private Task<IReadOnlyDictionary<ClientOrderId, bool>?>? _pending;
    private Dictionary<ClientOrderId, MarketTally> _asked = [];
    private long _askedAtTicks;

    /// <summary>Creates the watch over the markets (condition ids) that run a reward programme.</summary>
    /// <param name="rewardMarkets">Condition ids of the reward markets.</param>
    /// <param name="ask">Asks the venue about our orders (off the loop); null when the request failed.</param>
    /// <param name="interval">Time between checks.</param>
    /// <param name="alertAfter">Resting without scoring this long raises the alert.</param>
    public RewardScoringWatch(IEnumerable<string> rewardMarkets, Func<IReadOnlyList<ClientOrderId>, Task<IReadOnlyDictionary<ClientOrderId, bool>?>> ask,
        TimeSpan interval, TimeSpan alertAfter)
    {
        ArgumentNullException.ThrowIfNull(rewardMarkets);
        _ask = ask ?? throw new ArgumentNullException(nameof(ask));
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "must be positive");
        _interval = interval;
        _alertAfter = alertAfter;
        foreach (string m in rewardMarkets) _markets[m] = new MarketTally(m);
    }

    /// <inheritdoc />
    public string Name => "reward-scoring";

    /// <summary>Checks that failed (transport error, HTTP error): they count as no sample.</summary>
    public int FailedChecks { get; private set; }

    /// <summary>Per reward market (condition id): the share of samples at which our resting quotes scored, 0 when none rested at a check.</summary>
    public IReadOnlyDictionary<string, double> Shares() =>
        _markets.Values.ToDictionary(m => m.Market, m => m.Samples == 0 ? 0 : Math.Round((double)m.Scored / m.Samples, 4), StringComparer.OrdinalIgnoreCase);

    /// <summary>One line per reward market for the run summary.</summary>
    public string SummaryLine() =>
        "reward scoring: " + string.Join("; ", _markets.Values.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{Short(m.Market)} {(m.Samples == 0 ? "no quote resting at a check" : $"{100.0 * m.Scored / m.Samples:0.#}% of {m.Samples} checks")}")))
        + (FailedChecks > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({FailedChecks} checks failed)") : "");

    private IStrategyContext Ctx => _ctx ?? throw new InvalidOperationException("not started");

    /// <inheritdoc />
    public void Start(IStrategyContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
        context.ScheduleTimer(_interval, _interval, TimerCheck);
        context.ScheduleTimer(CollectEvery, CollectEvery, TimerCollect);
    }

    /// <inheritdoc />
    public void OnTimer(in TimerEvent timer)
    {
        if (timer.Purpose == TimerCheck) Check();
        else if (timer.Purpose == TimerCollect) Collect();
    }

    /// <summary>Lists our resting orders on reward markets and sends the question off the loop (one at a time).</summary>
    private void Check()
    {
        if (_pending is not null) return;
        var ctx = Ctx;
        var asked = new Dictionary<ClientOrderId, MarketTally>();
        foreach (var order in ctx.LiveOrders)
        {
            if (order.Status is not (OrderStatus.Open or OrderStatus.PartiallyFilled) || order.VenueOrderId is null) continue;
            if (!ctx.Instruments.TryGet(order.Instrument, out var instrument) || instrument.Outcome is not { } outcome) continue;
            if (_markets.TryGetValue(outcome.MarketId, out var tally) && ctx.IsVenueLive(instrument)) asked[order.Id] = tally;
        }

        foreach (var tally in _markets.Values)
        {
            // Nothing resting: the clock of "resting without scoring" starts again with the next quote.
            if (!asked.ContainsValue(tally)) tally.UnscoredSinceTicks = 0;
        }

        if (asked.Count == 0) return;
        _asked = asked;
        _askedAtTicks = ctx.Time.GetUtcNow().UtcTicks;
        var ids = asked.Keys.ToArray();
        _pending = Task.Run(() => _ask(ids));
    }

    /// <summary>Applies a completed answer on the loop.</summary>
    private void Collect()
    {
        if (_pending is not { IsCompleted: true } done) return;
        _pending = null;
        var answer = done.IsCompletedSuccessfully ? done.Result : null;
        if (answer is null)
        {
            FailedChecks++;
            return;
        }

        foreach (var tally in _asked.Values.Distinct())
        {
            int scoring = 0, total = 0;
            foreach (var (id, t) in _asked)
            {
                if (!ReferenceEquals(t, tally) || !answer.TryGetValue(id, out bool s)) continue;
                total++;
                if (s) scoring++;
            }

            if (total > 0) Apply(tally, scoring, total);
        }
    }

    private void Apply(MarketTally m, int scoring, int total)
    {
        var ctx = Ctx;
        m.Samples++;
        bool scored = scoring > 0;
        if (scored) m.Scored++;
        if (m.LastScored != scored)
        {
            m.LastScored = scored;
            ctx.Note(string.Create(CultureInfo.InvariantCulture, $"reward scoring {m.Market}: {scoring}/{total} resting orders scoring (share {100.0 * m.Scored / m.Samples:0.#}% of {m.Samples} checks)"));
        }

        if (scored)
        {
            m.UnscoredSinceTicks = 0;
            if (m.Alerted)
            {
                m.Alerted = false;
                ctx.ClearAlert(NotScoringAlert, m.Market);
            }

            return;
        }

        if (m.UnscoredSinceTicks == 0) m.UnscoredSinceTicks = _askedAtTicks;
        if (m.Alerted || _askedAtTicks - m.UnscoredSinceTicks < _alertAfter.Ticks) return;
        m.Alerted = true;
        ctx.Alert(NotScoringAlert, AlertSeverity.Warning,
            string.Create(CultureInfo.InvariantCulture,
                $"{m.Market}: our quotes have rested {TimeSpan.FromTicks(_askedAtTicks - m.UnscoredSinceTicks).TotalSeconds:0} s without earning liquidity rewards (outside the max spread, below the min size or younger than the min order age)"),
            m.Market);
    }

    private static string Short(string id) => id.Length > 10 ? id[..10] : id;

    /// <inheritdoc />
    public void Shutdown()
    {
        foreach (var m in _markets.Values)
        {
            if (m.Samples > 0)
                Ctx.Note(string.Create(CultureInfo.InvariantCulture, $"reward scoring share {m.Market}: {100.0 * m.Scored / m.Samples:0.#}% of {m.Samples} checks"));
        }
    }

    /// <inheritdoc />
    public void OnBook(Instrument instrument, IOrderBookView book)
    {
    }

    /// <inheritdoc />
    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
    }

    /// <inheritdoc />
    public void OnOrderChanged(IOrderView order)
    {
    }

    /// <inheritdoc />
    public void OnFill(IOrderView? order, Fill fill)
    {
    }

    /// <inheritdoc />
    public void OnTradingState(TradingState state)
    {
    }

    /// <summary>What the watch knows about one reward market.</summary>
    private sealed class MarketTally(string market)
    {
        public string Market { get; } = market;

        public int Samples { get; set; }

        public int Scored { get; set; }

        public bool? LastScored { get; set; }

        public long UnscoredSinceTicks { get; set; }

        public bool Alerted { get; set; }
    }
}
