using System.Globalization;
using System.Text.Json.Nodes;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The venue's trading state as requests meet it: a matching-engine restart window (425 on every L2 endpoint), an
/// order-entry outage (500 on new orders, a fault for the client's circuit breaker) and the trading mode — disabled,
/// cancel-only or post-only — for a while or until changed (503 with the venue's words).
/// </summary>
internal sealed class TradingModes(TimeProvider time)
{
    private TradingMode _mode = TradingMode.Normal;
    private DateTimeOffset _modeUntil = DateTimeOffset.MaxValue;
    private DateTimeOffset _restartUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _ordersFailUntil = DateTimeOffset.MinValue;

    /// <summary>
    /// 425 during a restart window (every L2 endpoint); 500 for new orders during an order-entry outage; for trading
    /// endpoints 503 in disabled mode, and for new orders in cancel-only / post-only mode. Null when the request may go on.
    /// </summary>
    public EmuResponse? Gate(bool trading, bool placesOrders, bool allPostOnly)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (now < _restartUntil)
        {
            int wait = (int)Math.Ceiling((_restartUntil - now).TotalSeconds);
            return EmuResponse.Error(425, VenueTexts.Restarting).With("Retry-After", wait.ToString(CultureInfo.InvariantCulture));
        }

        if (placesOrders && now < _ordersFailUntil) return EmuResponse.Error(500, "Internal Server Error");
        TradingMode mode = CurrentMode(now);
        if (!trading) return null;
        if (mode == TradingMode.Disabled) return EmuResponse.Error(503, VenueTexts.Disabled);
        if (!placesOrders) return null;
        if (mode == TradingMode.CancelOnly) return EmuResponse.Error(503, VenueTexts.CancelOnly);
        if (mode == TradingMode.PostOnly && !allPostOnly)
        {
            int wait = _modeUntil == DateTimeOffset.MaxValue ? 60 : (int)Math.Ceiling((_modeUntil - now).TotalSeconds);
            var body = new JsonObject { ["error"] = VenueTexts.PostOnlyMode, ["code"] = "post_only_mode", ["retry_after_seconds"] = wait };
            return EmuResponse.Json(body, 503).With("Retry-After", wait.ToString(CultureInfo.InvariantCulture));
        }

        return null;
    }

    /// <summary>Puts the venue in <paramref name="mode"/> for <paramref name="duration"/> (null = until changed).</summary>
    public void SetMode(TradingMode mode, TimeSpan? duration)
    {
        _mode = mode;
        _modeUntil = mode == TradingMode.Normal || duration is null ? DateTimeOffset.MaxValue : time.GetUtcNow() + duration.Value;
    }

    /// <summary>Opens a restart window of <paramref name="duration"/>.</summary>
    public void BeginRestart(TimeSpan duration) => _restartUntil = time.GetUtcNow() + duration;

    /// <summary>Answers new orders with HTTP 500 for <paramref name="duration"/> (zero ends the outage).</summary>
    public void FailOrderPosts(TimeSpan duration) => _ordersFailUntil = time.GetUtcNow() + duration;

    private TradingMode CurrentMode(DateTimeOffset now)
    {
        if (_mode != TradingMode.Normal && now >= _modeUntil)
        {
            _mode = TradingMode.Normal;
            _modeUntil = DateTimeOffset.MaxValue;
        }

        return _mode;
    }
}
