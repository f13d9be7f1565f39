using System.Globalization;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Emulator;
using Bookmaker.Venues.Polymarket.Http;

namespace Bookmaker.Cli.Paper;

/// <summary>
/// <c>bookmaker paper --venue polymarket-emulator</c>: the real Polymarket adapter (signing, L2 auth, REST, both
/// WebSockets, heartbeat) against the loopback emulator on 127.0.0.1, with a few markets, resting house liquidity and
/// a background flow that keeps placing and taking liquidity so strategies see books move and get filled.
/// Everything random comes from <c>seed</c> (the key, the flow); socket timing is real, so runs are not byte-identical.
/// </summary>
public static class PolymarketEmulatorVenue
{
    /// <summary>Markets served.</summary>
    public const int MarketCount = 3;

    /// <summary>
    /// Starts the emulator, seeds its books, creates an API key for a fresh seeded key and returns the adapter pointed at
    /// it. Dispose the second item after the adapter (it stops the flow and the server).
    /// </summary>
    /// <param name="clock">Clock of the adapter and the emulator. The adapter does real socket I/O, so use the system clock.</param>
    /// <param name="seed">Seed of the key and the flow.</param>
    /// <param name="ct">Cancels start-up.</param>
    public static async Task<(IVenueAdapter Venue, IAsyncDisposable Emulator)> CreateAsync(TimeProvider clock, long seed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var rng = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var (emulator, handle) = await StartAsync(clock, rng, 0, ct).ConfigureAwait(false);
        try
        {
            var signer = NewKey(rng);
            var credentials = emulator.CreateApiKey(signer.Address);
            var adapter = new PolymarketVenueAdapter(SettingsFor(emulator), MarketsOf(emulator), signer, credentials.ToApiCredentials(), clock, new Random(rng.Next()));
            return (adapter, handle);
        }
        catch
        {
            await handle.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts the emulator on 127.0.0.1:<paramref name="port"/> (0 = any free port) with <see cref="MarketCount"/> markets,
    /// seeded books and the house flow running. Dispose the handle to stop the flow and the server.
    /// </summary>
    public static async Task<(PolymarketEmulatorHost Emulator, IAsyncDisposable Handle)> StartAsync(TimeProvider clock, Random rng, int port, CancellationToken ct,
        SettlementFaults? faults = null, int faultSeed = 1)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(rng);
        var markets = Enumerable.Range(1, MarketCount).Select(n => EmulatedMarket.Sample(n)).ToList();
        faults ??= SettlementFaults.None;
        var options = new EmulatorOptions
        {
            Time = clock, Markets = markets, Port = port,
            TradeFailProbability = faults.FailProbability, TradeRetryProbability = faults.RetryProbability, FaultSeed = faultSeed,
        };
        var emulator = await PolymarketEmulatorHost.StartAsync(options, ct).ConfigureAwait(false);
        var flow = new LiquidityFlow(emulator, new Random(rng.Next()), clock);
        flow.SeedBooks();
        flow.Start();
        return (emulator, new EmulatorHandle(emulator, flow));
    }

    /// <summary>The adapter settings that point every endpoint at <paramref name="emulator"/>.</summary>
    public static PolymarketAdapterSettings SettingsFor(PolymarketEmulatorHost emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        string ws = emulator.WsUrl.ToString().TrimEnd('/') + "/";
        return new PolymarketAdapterSettings
        {
            Http = new PolymarketHttpSettings { ClobUrl = emulator.BaseUrl, GammaUrl = emulator.GammaUrl },
            MarketWsUrl = new Uri(ws + "market"),
            UserWsUrl = new Uri(ws + "user"),
        };
    }

    private static List<PolymarketMarket> MarketsOf(PolymarketEmulatorHost emulator) =>
        emulator.Markets.Select(m => new PolymarketMarket(m.ConditionId, m.YesTokenId, m.NoTokenId, m.TickSize, m.NegRisk, m.MinOrderSize)).ToList();

    private static OwnedSigner NewKey(Random rng) => OwnedSigner.FromHex(NewKeyHex(rng));

    /// <summary>A valid secp256k1 private key (64 hex digits) drawn from <paramref name="rng"/>.</summary>
    public static string NewKeyHex(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            rng.NextBytes(bytes);
            string hex = Convert.ToHexStringLower(bytes);
            try
            {
                using var probe = OwnedSigner.FromHex(hex);
                return hex;
            }
            catch (ArgumentException)
            {
                // Zero or ≥ the curve order (probability ~2⁻¹²⁸): draw again.
            }
            catch (FormatException)
            {
            }
        }
    }

    private sealed class EmulatorHandle(PolymarketEmulatorHost emulator, LiquidityFlow flow) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await flow.StopAsync().ConfigureAwait(false);
            flow.Dispose();
            await emulator.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// House liquidity around a random-walking fair value per market: a ladder at start, then every period either a
    /// new resting level near the fair value or a take of a few shares at the touch.
    /// </summary>
    private sealed class LiquidityFlow(PolymarketEmulatorHost emulator, Random rng, TimeProvider clock) : IDisposable
    {
        private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
        private readonly CancellationTokenSource _stop = new();
        private readonly int[] _fairTicks = Enumerable.Repeat(50, MarketCount).ToArray(); // in cents
        private Task? _task;

        public void SeedBooks()
        {
            for (int m = 0; m < emulator.Markets.Count; m++)
            {
                for (int k = 1; k <= 5; k++)
                {
                    Place(m, Side.Buy, _fairTicks[m] - k, 50 + rng.Next(150));
                    Place(m, Side.Sell, _fairTicks[m] + k, 50 + rng.Next(150));
                }
            }
        }

        public void Start() => _task = Task.Run(() => RunAsync(_stop.Token));

        public async Task StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            if (_task is not null)
            {
                try
                {
                    await _task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        public void Dispose() => _stop.Dispose();

        private async Task RunAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(Period, clock, ct).ConfigureAwait(false);
                int m = rng.Next(emulator.Markets.Count);
                _fairTicks[m] = Math.Clamp(_fairTicks[m] + rng.Next(-1, 2), 10, 90);
                var side = rng.Next(2) == 0 ? Side.Buy : Side.Sell;
                if (rng.Next(3) == 0)
                {
                    // Take a few shares up to two cents through the fair value: fills resting quotes, ours included.
                    int limit = side == Side.Buy ? _fairTicks[m] + 2 : _fairTicks[m] - 2;
                    Take(m, side, limit, 5 + rng.Next(20));
                }
                else
                {
                    int offset = 1 + rng.Next(4);
                    Place(m, side, side == Side.Buy ? _fairTicks[m] - offset : _fairTicks[m] + offset, 20 + rng.Next(80));
                }
            }
        }

        private void Place(int market, Side side, int cents, int size) => Flow(market, side, cents, size, take: false);

        private void Take(int market, Side side, int cents, int size) => Flow(market, side, cents, size, take: true);

        private void Flow(int market, Side side, int cents, int size, bool take)
        {
            if (cents is < 1 or > 99) return;
            var token = emulator.Markets[market].YesTokenId;
            var price = Price.Parse((cents / 100m).ToString("0.00", CultureInfo.InvariantCulture));
            try
            {
                if (take) emulator.TakeLiquidity(token, side, price, Quantity.FromUnits(size));
                else emulator.PlaceLiquidity(token, side, price, Quantity.FromUnits(size));
            }
            catch (InvalidOperationException)
            {
                // The venue refused this flow order (e.g. nothing to take, or a post-only cross): skip it.
            }
        }
    }
}
