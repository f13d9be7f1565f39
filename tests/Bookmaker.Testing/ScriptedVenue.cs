using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Testing;

/// <summary>
/// A venue adapter whose events the test writes: it offers the instruments it is given, hands orders to an
/// execution client the test scripts (by default a <see cref="ScriptedExecution"/>), and delivers nothing on its own. The test pushes market data and reports into the
/// engine (<see cref="Sink"/> or the engine's own entry points) and drains the loop.
/// </summary>
public sealed class ScriptedVenue : IVenueAdapter, IMarketDataClient
{
    /// <summary>Creates a venue named <paramref name="venue"/> offering <paramref name="instruments"/>.</summary>
    public ScriptedVenue(string venue, IEnumerable<Instrument> instruments, TimeProvider clock)
        : this(venue, instruments, new ScriptedExecution(clock))
    {
    }

    /// <summary>
    /// Creates a venue whose orders go to <paramref name="execution"/> — one client can serve several venues, so a test
    /// reads every order it sent in one list.
    /// </summary>
    public ScriptedVenue(string venue, IEnumerable<Instrument> instruments, IExecutionClient execution)
    {
        ArgumentException.ThrowIfNullOrEmpty(venue);
        ArgumentNullException.ThrowIfNull(instruments);
        Venue = venue;
        Instruments = [.. instruments];
        Script = execution ?? throw new ArgumentNullException(nameof(execution));
    }

    /// <inheritdoc />
    public string Venue { get; }

    /// <inheritdoc />
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <inheritdoc />
    public IMarketDataClient MarketData => this;

    /// <inheritdoc />
    public IExecutionClient Execution => Script;

    /// <summary>The execution client the test scripts (given the engine's sink at start when it is an <see cref="IVenueScript"/>).</summary>
    public IExecutionClient Script { get; }

    /// <summary>The default scripted client with its records and switches (null when another script was given).</summary>
    public ScriptedExecution? Scripted => Script as ScriptedExecution;

    /// <summary>The engine's sink (after start).</summary>
    public IVenueEventSink? Sink { get; private set; }

    /// <summary>Instruments the engine subscribed to.</summary>
    public List<Instrument> Subscribed { get; } = [];

    /// <inheritdoc />
    public void Subscribe(IReadOnlyList<Instrument> instruments) => Subscribed.AddRange(instruments);

    /// <inheritdoc />
    public Task StartAsync(IVenueEventSink sink, CancellationToken cancellationToken)
    {
        Sink = sink ?? throw new ArgumentNullException(nameof(sink));
        if (Script is IVenueScript script) script.Attach(sink);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
