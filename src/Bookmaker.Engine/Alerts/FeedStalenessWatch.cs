using System.Globalization;
using Bookmaker.Core.Instruments;

namespace Bookmaker.Engine.Alerts;

/// <summary>
/// Reports a venue whose market data has gone stale: the WARNING <c>feed_stale</c> (key = venue) while the newest data
/// held from it is older than <see cref="OperationalWatchOptions.FeedStaleAfter"/>, cleared by fresh data.
/// </summary>
/// <remarks>
/// <para>"Newest data" is judged two ways, and the older answer wins. By our clock: the last time any market-data event
/// of the venue arrived (a silent feed). By the venue's clock, when it stamps its messages: the newest venue timestamp
/// plus the smallest receive − venue offset seen so far (the normal latency and clock skew), so data that keeps
/// arriving but late — a stalled stream delivering its backlog, or every message an hour behind — is stale too, while
/// a constant clock offset between us and the venue is not.</para>
/// <para>WARNING, not CRITICAL: silence is ambiguous (a quiet Polymarket market sends nothing while nothing changes, and
/// its resting quotes are not wrong for that), so the engine does not act on it; the message counts our orders resting
/// on the venue so an operator can judge. <see cref="OnData"/> is on the market-data hot path: a few array writes,
/// no allocation. Runs on the event loop.</para>
/// </remarks>
public sealed class FeedStalenessWatch
{
    /// <summary>Alert code.</summary>
    public const string Code = "feed_stale";

    private readonly AlertCenter _alerts;
    private readonly TimeProvider _time;
    private readonly OperationalWatchOptions _options;
    private readonly Func<string, int> _restingOrders;
    private readonly string[] _venues;
    private readonly int[] _venueOf;
    private readonly long[] _lastReceive;
    private readonly long[] _newestVenue;
    private readonly long[] _offset;
    private readonly bool[] _stale;

    /// <summary>Creates the watch for the venues of the registered instruments.</summary>
    /// <param name="instruments">The registry (instruments must be registered before).</param>
    /// <param name="alerts">Where alerts go.</param>
    /// <param name="time">The engine clock; a venue that never sends anything is stale <see cref="OperationalWatchOptions.FeedStaleAfter"/> after this moment.</param>
    /// <param name="options">Thresholds.</param>
    /// <param name="restingOrders">Our live orders on a venue (for the message).</param>
    public FeedStalenessWatch(InstrumentRegistry instruments, AlertCenter alerts, TimeProvider time, OperationalWatchOptions options, Func<string, int> restingOrders)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _restingOrders = restingOrders ?? throw new ArgumentNullException(nameof(restingOrders));
        var venues = new List<string>();
        _venueOf = new int[instruments.Count];
        for (int i = 0; i < instruments.Count; i++)
        {
            string venue = instruments[i].Id.Venue;
            int v = venues.IndexOf(venue);
            if (v < 0)
            {
                v = venues.Count;
                venues.Add(venue);
            }

            _venueOf[i] = v;
        }

        _venues = [.. venues];
        long start = time.GetUtcNow().UtcTicks;
        _lastReceive = new long[_venues.Length];
        _newestVenue = new long[_venues.Length];
        _offset = new long[_venues.Length];
        _stale = new bool[_venues.Length];
        Array.Fill(_lastReceive, start);
        Array.Fill(_offset, long.MaxValue);
    }

    /// <summary>True while <paramref name="venue"/>'s feed is reported stale.</summary>
    public bool IsStale(string venue)
    {
        int v = Array.IndexOf(_venues, venue);
        return v >= 0 && _stale[v];
    }

    /// <summary>One market-data event of instrument <paramref name="instrument"/> (hot path: allocation free).</summary>
    /// <param name="instrument">Dense instrument index.</param>
    /// <param name="venueTicks">The venue's timestamp, 0 when it gives none.</param>
    /// <param name="receiveTicks">When it arrived, engine clock.</param>
    public void OnData(int instrument, long venueTicks, long receiveTicks)
    {
        if ((uint)instrument >= (uint)_venueOf.Length) return;
        int v = _venueOf[instrument];
        if (receiveTicks > _lastReceive[v]) _lastReceive[v] = receiveTicks;
        if (venueTicks <= 0 || receiveTicks <= 0) return;
        if (venueTicks > _newestVenue[v]) _newestVenue[v] = venueTicks;
        long offset = receiveTicks - venueTicks;
        if (offset < _offset[v]) _offset[v] = offset;
    }

    /// <summary>Raises or clears <c>feed_stale</c> per venue (housekeeping).</summary>
    public void Tick()
    {
        long now = _time.GetUtcNow().UtcTicks;
        for (int v = 0; v < _venues.Length; v++)
        {
            long silence = now - _lastReceive[v];
            // The newest venue-stamped data, moved onto our clock by the smallest offset seen.
            long lag = _offset[v] == long.MaxValue ? 0 : now - (_newestVenue[v] + _offset[v]);
            long age = Math.Max(silence, lag);
            bool stale = age > _options.FeedStaleAfter.Ticks;
            if (stale == _stale[v]) continue;
            _stale[v] = stale;
            if (!stale)
            {
                _alerts.Clear(Code, _venues[v]);
                continue;
            }

            string venue = _venues[v];
            string what = silence >= lag
                ? $"no market data from {venue} for {Format(silence)}"
                : $"market data from {venue} arrives {Format(lag)} behind the venue's clock";
            _alerts.Raise(Code, AlertSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"{what}; {_restingOrders(venue)} of our orders rest there"), venue);
        }
    }

    // Whole seconds: the age is judged on a 250 ms housekeeping tick, so sub-second digits would be noise.
    private static string Format(long ticks) => Configuration.DurationParser.Format(TimeSpan.FromSeconds(ticks / TimeSpan.TicksPerSecond));
}
