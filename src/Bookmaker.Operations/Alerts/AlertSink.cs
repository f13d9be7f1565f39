using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Operations.Alerts;

/// <summary>How a sink retries and paces itself.</summary>
/// <param name="MaxPerMinute">Deliveries per minute (a token bucket; a burst beyond waits in the queue).</param>
/// <param name="Attempts">Tries per notice.</param>
/// <param name="FirstBackoff">Wait before the second try; doubled for each later one.</param>
/// <param name="QueueCapacity">Notices waiting at most; beyond, the oldest is dropped (and counted).</param>
/// <param name="Timeout">Per request.</param>
public sealed record AlertSinkPolicy(int MaxPerMinute, int Attempts, TimeSpan FirstBackoff, int QueueCapacity, TimeSpan Timeout)
{
    /// <summary>The production policy: 3 tries 2 s and 4 s apart, 100 waiting, 10 s per request.</summary>
    public static AlertSinkPolicy Default(int maxPerMinute) => new(maxPerMinute, 3, TimeSpan.FromSeconds(2), 100, TimeSpan.FromSeconds(10));
}

/// <summary>
/// One destination: a bounded queue and one worker task, off the event loop. A notice is posted in the service's
/// shape; a failure is retried with doubling back-off; deliveries are paced by a token bucket. When every try
/// failed, <see cref="Failing"/> is raised with a description that never contains the URL or a token; the next success
/// raises <see cref="Recovered"/>.
/// </summary>
public sealed class AlertSink : IAsyncDisposable
{
    private readonly AlertSinkOptions _options;
    private readonly AlertSinkPolicy _policy;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Channel<AlertNotice> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private double _tokens;
    private long _refilledAt;
    private bool _failing;
    private long _dropped;
    private long _sent;

    /// <summary>Starts the worker.</summary>
    public AlertSink(AlertSinkOptions options, AlertSinkPolicy policy, HttpClient http, TimeProvider time)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _tokens = policy.MaxPerMinute;
        _refilledAt = time.GetTimestamp();
        _queue = Channel.CreateBounded<AlertNotice>(new BoundedChannelOptions(policy.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        _worker = Task.Run(RunAsync);
    }

    /// <summary>The sink's configuration.</summary>
    public AlertSinkOptions Options => _options;

    /// <summary>Notices delivered.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Notices dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Raised (on the worker) when a notice could not be delivered after every try, with a secret-free reason.</summary>
    public event Action<AlertSink, string>? Failing;

    /// <summary>Raised (on the worker) on the first success after a failure.</summary>
    public event Action<AlertSink>? Recovered;

    /// <summary>Queues a notice (never blocks: the loop may call it).</summary>
    public void Enqueue(AlertNotice notice) => _queue.Writer.TryWrite(notice);

    private async Task RunAsync()
    {
        try
        {
            await foreach (var notice in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await PaceAsync().ConfigureAwait(false);
                string? failure = null;
                for (int attempt = 0; attempt < _policy.Attempts; attempt++)
                {
                    if (attempt > 0) await Task.Delay(_policy.FirstBackoff * (1 << (attempt - 1)), _time, _stop.Token).ConfigureAwait(false);
                    failure = await TryPostAsync(notice).ConfigureAwait(false);
                    if (failure is null) break;
                }

                if (failure is null)
                {
                    Interlocked.Increment(ref _sent);
                    if (_failing)
                    {
                        _failing = false;
                        Recovered?.Invoke(this);
                    }
                }
                else
                {
                    _failing = true;
                    Failing?.Invoke(this, failure);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    // Returns null on success, else a reason without the URL or any token.
    private async Task<string?> TryPostAsync(AlertNotice notice)
    {
        var (url, json) = AlertPayloads.Build(_options, notice);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_policy.Timeout);
        try
        {
            using var content = new StringContent(json, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(url, content, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            return $"no answer within {_policy.Timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            // The exception's own text may carry the host; the reason we report carries only its kind.
            return "request failed (" + (e.HttpRequestError.ToString()) + ")";
        }
    }

    private async Task PaceAsync()
    {
        while (true)
        {
            long now = _time.GetTimestamp();
            double minutes = _time.GetElapsedTime(_refilledAt, now).TotalMinutes;
            _tokens = Math.Min(_policy.MaxPerMinute, _tokens + minutes * _policy.MaxPerMinute);
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return;
            }

            await Task.Delay(TimeSpan.FromMinutes((1 - _tokens) / _policy.MaxPerMinute), _time, _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Stops after trying to deliver what is queued for at most <paramref name="drain"/>.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _worker.WaitAsync(drain).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops at once.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
