using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Kernel;
using Bookmaker.Operations.Snapshots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Bookmaker.Operations.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Microsoft.Extensions.Logging;

namespace Bookmaker.Operations.ControlPlane;

/// <summary>
/// The control plane of a running engine: a Kestrel server with health, readiness, metrics, read-only views, operator
/// actions and an event stream. An edge adapter: it reads the loop's published <see cref="EngineSnapshot"/> and the
/// loop's thread-safe flags, and acts only by posting operator commands to the loop (journaled there, exactly like
/// <c>bookmaker risk …</c>). Logging is off: request lines could carry a bearer token.
/// </summary>
public sealed class ControlPlaneServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    private ControlPlaneServer(WebApplication app, CancellationTokenSource stopping, Uri address)
    {
        _app = app;
        _stopping = stopping;
        Address = address;
    }

    /// <summary>The address actually bound (the real port when 0 was asked).</summary>
    public Uri Address { get; }

    /// <summary>Starts listening and returns once the port is bound.</summary>
    /// <param name="options">Where and how.</param>
    /// <param name="engine">The engine (its loop takes the commands; its flags say whether it is alive).</param>
    /// <param name="snapshots">The loop's published snapshots.</param>
    /// <param name="config">The effective configuration, shown with secrets as <c>***</c>.</param>
    /// <param name="exportMetrics">True to serve <c>/metrics</c>: the <c>Bookmaker</c> meter through OpenTelemetry's Prometheus exporter.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<ControlPlaneServer> StartAsync(ControlPlaneOptions options, TradingEngine engine, SnapshotPublisher snapshots,
        EffectiveConfig config, bool exportMetrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(config);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(options.Listen);
        });
        if (exportMetrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter(BookmakerMetrics.MeterName)
                .AddView(BookmakerMetrics.RoundTripName, new ExplicitBucketHistogramConfiguration { Boundaries = BookmakerMetrics.RoundTripBuckets })
                // Every scrape reads the loop's latest snapshot, not a copy cached by the exporter.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var context = new ControlPlaneContext(options, engine, snapshots, config, TimeProvider.System);
        HealthEndpoints.Map(app, context);
        ReadEndpoints.Map(app, context);
        OperatorEndpoints.Map(app, context);
        EventStream.Map(app, context, stopping.Token);
        Dashboard.DashboardPage.Map(app);
        if (exportMetrics) app.MapPrometheusScrapingEndpoint("/metrics");

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ControlPlaneServer(app, stopping, new Uri(app.Urls.First()));
    }

    private readonly List<IDisposable> _owned = [];

    /// <summary>Disposes <paramref name="parts"/> (the metrics export, the meter) with the server.</summary>
    public void Owns(params IDisposable[] parts) => _owned.AddRange(parts);

    /// <summary>Stops the server (open event streams end first).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A client that does not go away must not hold the engine's exit.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        foreach (var part in _owned) part.Dispose();
    }
}

/// <summary>What every endpoint reads.</summary>
internal sealed record ControlPlaneContext(ControlPlaneOptions Options, TradingEngine Engine, SnapshotPublisher Snapshots, EffectiveConfig Config, TimeProvider Wall)
{
    /// <summary>Event-stream clients connected now (capped by <see cref="ControlPlaneOptions.MaxStreamClients"/>).</summary>
#pragma warning disable CA1051 // A field, so the endpoints can count with Interlocked.
    public int StreamClients;
#pragma warning restore CA1051

    public DateTimeOffset StartedAt { get; } = Wall.GetUtcNow();
}
