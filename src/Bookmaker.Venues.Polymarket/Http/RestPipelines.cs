using Bookmaker.Core.Orders;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary>
/// The three resilience pipelines (Polly, on the injected clock). <b>Query</b> (GETs, POST /books) and <b>cancel</b>
/// (cancels, heartbeats) retry transient failures with exponential backoff and jitter, honouring a short Retry-After,
/// then time out each attempt. <b>Submit</b> (POST /order, /orders) is never retried — Polymarket does not deduplicate
/// by client id, so a retried order that had in fact arrived would trade twice — and has a circuit breaker that opens
/// on a storm of 429/5xx/timeouts for at least the last Retry-After. That breaker is the engine's only one: each change
/// of its state goes to <c>circuitChanged</c> (the state, and the break's length when it opens), which the adapter
/// reports to the engine as a venue status; the risk gate mirrors it.
/// </summary>
internal sealed class RestPipelines
{
    private readonly PolymarketHttpSettings _settings;
    private readonly TimeProvider _time;
    private readonly SubmitThrottle _throttle;
    private readonly Action<CircuitState, TimeSpan?> _circuitChanged;

    /// <summary>Builds the pipelines; <paramref name="circuitChanged"/> hears the submit breaker's transitions (any thread).</summary>
    public RestPipelines(PolymarketHttpSettings settings, TimeProvider time, SubmitThrottle throttle, Action<CircuitState, TimeSpan?> circuitChanged)
    {
        _settings = settings;
        _time = time;
        _throttle = throttle;
        _circuitChanged = circuitChanged;
        Query = BuildSafe();
        Cancel = BuildSafe();
        Heartbeat = new ResiliencePipelineBuilder<RawResponse> { TimeProvider = time }.AddTimeout(settings.RequestTimeout).Build();
        Submit = BuildSubmit();
    }

    /// <summary>Reads: retried, timed out.</summary>
    public ResiliencePipeline<RawResponse> Query { get; }

    /// <summary>Cancels and heartbeats: retried, timed out.</summary>
    public ResiliencePipeline<RawResponse> Cancel { get; }

    /// <summary>
    /// Heartbeats: timed out, never retried. A failed beat must be reported at once (the venue's cancel window is about
    /// 10 s; retries with backoff used to delay the report by ~20 s); the next beat is the retry.
    /// </summary>
    public ResiliencePipeline<RawResponse> Heartbeat { get; }

    /// <summary>New orders: circuit breaker, timed out, never retried.</summary>
    public ResiliencePipeline<RawResponse> Submit { get; }

    private ResiliencePipeline<RawResponse> BuildSafe()
    {
        var b = new ResiliencePipelineBuilder<RawResponse> { TimeProvider = _time };
        if (_settings.MaxRetries > 0)
        {
            b.AddRetry(new RetryStrategyOptions<RawResponse>
            {
                MaxRetryAttempts = _settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _settings.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: TimeoutRejectedException or HttpRequestException } => true,
                    { Result: { } r } => r.IsTransient && (r.RetryAfter is null || r.RetryAfter <= _settings.MaxRetryAfterWait) && r.LocalError?.Reason != RejectReason.BatchTooLarge,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is TimeSpan ra ? ra : (TimeSpan?)null),
            });
        }

        b.AddTimeout(_settings.RequestTimeout);
        return b.Build();
    }

    private ResiliencePipeline<RawResponse> BuildSubmit()
    {
        var b = new ResiliencePipelineBuilder<RawResponse> { TimeProvider = _time };
        b.AddCircuitBreaker(new CircuitBreakerStrategyOptions<RawResponse>
        {
            FailureRatio = _settings.BreakerFailureRatio,
            MinimumThroughput = _settings.BreakerMinimumThroughput,
            SamplingDuration = _settings.BreakerSamplingDuration,
            BreakDuration = _settings.BreakerBreakDuration,
            BreakDurationGenerator = _ => ValueTask.FromResult(_throttle.LastRetryAfter is TimeSpan ra && ra > _settings.BreakerBreakDuration ? ra : _settings.BreakerBreakDuration),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: TimeoutRejectedException } => true,
                { Result: { } r } => r.Status is 0 or 429 or >= 500,
                _ => false,
            }),
            OnOpened = args =>
            {
                _circuitChanged(CircuitState.Open, args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                _circuitChanged(CircuitState.HalfOpen, null);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                _circuitChanged(CircuitState.Closed, null);
                return ValueTask.CompletedTask;
            },
        });
        b.AddTimeout(_settings.RequestTimeout);
        return b.Build();
    }
}
