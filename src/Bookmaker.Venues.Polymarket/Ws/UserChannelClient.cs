using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Ws;

/// <summary>
/// The authenticated user channel: subscribes with the raw API credentials (the subscribe message holds the secret
/// and passphrase and is never logged), parses <c>order</c>/<c>trade</c> events with <see cref="UserChannelParser"/>
/// into an <see cref="IUserChannelSink"/>, and reports disconnects/reconnects as <see cref="VenueStatusEvent"/>s
/// (after a reconnect the engine reconciles: events sent while we were away are lost).
/// </summary>
public sealed class UserChannelClient : PolymarketSocket
{
    private readonly ApiCredentials _credentials;
    private readonly IReadOnlyList<string>? _markets;
    private readonly IUserChannelSink _target;
    private readonly IVenueEventSink _status;
    private readonly UserChannelParser _parser = new();

    /// <summary>Creates the connection (call <see cref="PolymarketSocket.Start"/>).</summary>
    public UserChannelClient(Uri userUrl, ApiCredentials credentials, IReadOnlyList<string>? conditionIds, IUserChannelSink target, IVenueEventSink status,
        PolymarketSocketSettings settings, TimeProvider time, int jitterSeed = 2)
        : base(userUrl, settings, time, jitterSeed)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(status);
        _credentials = credentials;
        _markets = conditionIds;
        _target = target;
        _status = status;
    }

    /// <summary>Parser counters.</summary>
    public UserChannelCounters Counters => _parser.Counters;

    /// <inheritdoc />
    protected override Task OnConnectedAsync(CancellationToken ct) =>
        SendTextAsync(PolymarketSubscriptions.UserSubscribe(_credentials.ApiKey, _credentials.Secret, _credentials.Passphrase, _markets), ct);

    /// <inheritdoc />
    protected override void OnFrame(ReadOnlySpan<byte> frame, long receiveTicks) => _parser.Parse(frame, _target);

    /// <inheritdoc />
    protected override void OnDisconnected(string reason, bool wasConnected)
    {
        if (wasConnected)
            _status.OnVenueStatus(new VenueStatusEvent(VenueNames.Polymarket, VenueState.Disconnected, Time.GetUtcNow(), null, "user channel: " + reason));
    }

    /// <inheritdoc />
    protected override void OnReconnected() =>
        _status.OnVenueStatus(new VenueStatusEvent(VenueNames.Polymarket, VenueState.Reconnected, Time.GetUtcNow(), null, "user channel reconnected; reconcile orders"));
}
