using System.Globalization;
using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Engine.Alerts;

/// <summary>
/// Reports a strategy that is meant to quote all the time (<see cref="IStrategy.QuotesContinuously"/>) but has had no
/// order on any book for <see cref="OperationalWatchOptions.QuietStrategyAfter"/> while trading is ACTIVE: the
/// WARNING <c>strategy_quiet</c>, keyed by the strategy's name, cleared as soon as one of its orders is live again (or
/// trading leaves ACTIVE: a HALTED or REDUCING engine has its own alert and a quiet market maker is then expected).
/// </summary>
/// <remarks>
/// A strategy's orders are the live orders tagged with its name (the strategy context tags every order it sends).
/// The quiet clock starts when trading (re)enters ACTIVE, so a resume after a long halt gets a full period. Checked on
/// the housekeeping tick by walking the live orders per instrument (no allocation). Runs on the event loop.
/// </remarks>
public sealed class QuietStrategyWatch
{
    /// <summary>Alert code.</summary>
    public const string Code = "strategy_quiet";

    private readonly IReadOnlyList<IStrategy> _strategies;
    private readonly InstrumentRegistry _instruments;
    private readonly OrderManager _orders;
    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly OperationalWatchOptions _options;
    private long[] _lastQuoting = [];
    private bool[] _alerted = [];
    private long _activeSince = -1;

    /// <summary>Creates the watch over <paramref name="strategies"/> (a live view: strategies added later are watched too).</summary>
    public QuietStrategyWatch(IReadOnlyList<IStrategy> strategies, InstrumentRegistry instruments, OrderManager orders, AlertCenter alerts,
        TimeProvider time, OperationalWatchOptions options)
    {
        _strategies = strategies ?? throw new ArgumentNullException(nameof(strategies));
        _instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        _orders = orders ?? throw new ArgumentNullException(nameof(orders));
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Judges every continuously quoting strategy (housekeeping).</summary>
    public void Tick()
    {
        long now = _time.GetUtcNow().UtcTicks;
        if (_orders.Gate.State != TradingState.Active)
        {
            _activeSince = -1;
            for (int k = 0; k < _alerted.Length; k++) Clear(k);
            return;
        }

        if (_activeSince < 0) _activeSince = now;
        if (_lastQuoting.Length < _strategies.Count)
        {
            Array.Resize(ref _lastQuoting, _strategies.Count);
            Array.Resize(ref _alerted, _strategies.Count);
        }

        for (int k = 0; k < _strategies.Count; k++)
        {
            var strategy = _strategies[k];
            if (!strategy.QuotesContinuously) continue;
            if (HasLiveOrder(strategy.Name))
            {
                _lastQuoting[k] = now;
                Clear(k);
                continue;
            }

            long quietSince = Math.Max(_lastQuoting[k], _activeSince);
            if (_alerted[k] || now - quietSince < _options.QuietStrategyAfter.Ticks) continue;
            _alerted[k] = true;
            _alerts.Raise(Code, AlertSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"{strategy.Name} has had no order on any book for {TimeSpan.FromTicks(now - quietSince).TotalMinutes:0.#} min while trading is ACTIVE"), strategy.Name);
        }
    }

    private bool HasLiveOrder(string tag)
    {
        for (int i = 0; i < _instruments.Count; i++)
        {
            var live = _orders.LiveOrdersOn(_instruments[i]);
            for (int j = 0; j < live.Count; j++)
                if (string.Equals(live[j].Request.Tag, tag, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private void Clear(int k)
    {
        if (!_alerted[k]) return;
        _alerted[k] = false;
        _alerts.Clear(Code, _strategies[k].Name);
    }
}
