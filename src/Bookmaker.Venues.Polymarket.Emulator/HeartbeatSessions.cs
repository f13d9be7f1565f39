using System.Text.Json.Nodes;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The venue's dead-man switch: POST /v1/heartbeats with <c>""</c> opens a session and returns its id, which must be
/// sent back; a key whose session sees no heartbeat within <see cref="EmulatorOptions.HeartbeatTimeout"/> has all its
/// orders cancelled.
/// </summary>
internal sealed class HeartbeatSessions(EmulatorAccounts accounts, OrderExecution execution, EmulatorOptions options)
{
    private long _next;

    /// <summary>Heartbeat requests received (any key, answered or not).</summary>
    public long Received { get; private set; }

    /// <summary>Until when every heartbeat is answered 500 without refreshing the session (a fault; null = none).</summary>
    public DateTimeOffset? FailingUntil { get; set; }

    /// <summary>One heartbeat request of <paramref name="key"/>.</summary>
    public EmuResponse Beat(ApiKeyRecord key, string? heartbeatId)
    {
        Received++;
        DateTimeOffset now = options.Time.GetUtcNow();
        if (FailingUntil is { } until && now < until)
            return EmuResponse.Error(500, "heartbeat service unavailable"); // the session's deadline keeps running
        if (key.HeartbeatId is not null && now - key.LastHeartbeat > options.HeartbeatTimeout)
        {
            key.HeartbeatId = null; // lapsed: the timer will cancel (or has cancelled) its orders
            execution.CancelAllOf(key);
        }

        if (string.IsNullOrEmpty(heartbeatId) && key.HeartbeatId is null)
        {
            key.HeartbeatId = $"{++_next:x8}-0000-4000-8000-{key.Account:x12}";
        }
        else if (!string.Equals(heartbeatId, key.HeartbeatId, StringComparison.Ordinal))
        {
            var error = new JsonObject { ["error"] = VenueTexts.InvalidHeartbeat, ["heartbeat_id"] = key.HeartbeatId ?? "" };
            return EmuResponse.Json(error, 400);
        }

        key.LastHeartbeat = options.Time.GetUtcNow();
        return EmuResponse.Json(new JsonObject { ["heartbeat_id"] = key.HeartbeatId });
    }

    /// <summary>Ends every session whose deadline passed and cancels its key's orders.</summary>
    public void ExpireLapsed(DateTimeOffset now)
    {
        foreach (ApiKeyRecord key in accounts.Keys)
        {
            if (key.HeartbeatId is null || now - key.LastHeartbeat <= options.HeartbeatTimeout) continue;
            key.HeartbeatId = null;
            execution.CancelAllOf(key);
        }
    }
}
