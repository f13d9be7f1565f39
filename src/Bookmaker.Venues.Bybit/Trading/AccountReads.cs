using System.Globalization;
using System.Text.Json;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.UserStream;

namespace Bookmaker.Venues.Bybit.Trading;

/// <summary>
/// The account as REST states it, every list read to its last page: open (and recently closed) orders, executions
/// since a time, linear positions, the USDT wallet, fee rates, an order by orderLinkId. A read the venue refuses
/// throws <see cref="BybitRequestException"/>; the caller marks its snapshot incomplete.
/// </summary>
public sealed class AccountReads(BybitPrivateRest rest, BybitCategory category, IReadOnlyDictionary<string, InstrumentId> instruments)
{
    private const int MaxPages = 50;
    private readonly string _category = BybitOrderJson.Category(category);

    /// <summary>Open orders; with <paramref name="recentClosed"/>, recently closed ones too (oldest first).</summary>
    public async Task<List<BybitOrderState>> OrdersAsync(bool recentClosed, CancellationToken ct)
    {
        string scope = category == BybitCategory.Linear ? "&settleCoin=USDT" : "";
        var items = await ListAsync("/v5/order/realtime", $"category={_category}{scope}&openOnly={(recentClosed ? 1 : 0)}&limit=50", ct).ConfigureAwait(false);
        var orders = items.Select(BybitOrderState.Read).OfType<BybitOrderState>().Where(o => instruments.ContainsKey(o.Symbol)).ToList();
        orders.Reverse(); // the venue lists newest first
        return orders;
    }

    /// <summary>The order with this orderLinkId, whatever its state (null when the venue does not know it).</summary>
    public async Task<BybitOrderState?> OrderAsync(string symbol, ClientOrderId id, CancellationToken ct)
    {
        var items = await ListAsync("/v5/order/realtime", $"category={_category}&symbol={symbol}&orderLinkId={BybitOrderJson.LinkId(id)}", ct).ConfigureAwait(false);
        return items.Select(BybitOrderState.Read).OfType<BybitOrderState>().FirstOrDefault();
    }

    /// <summary>Executions since <paramref name="sinceMs"/> (unix ms), oldest first.</summary>
    public async Task<List<BybitExecution>> ExecutionsAsync(long sinceMs, CancellationToken ct)
    {
        var items = await ListAsync("/v5/execution/list", $"category={_category}&startTime={sinceMs.ToString(CultureInfo.InvariantCulture)}&limit=100", ct).ConfigureAwait(false);
        var execs = items.Select(BybitExecution.Read).OfType<BybitExecution>().Where(e => instruments.ContainsKey(e.Symbol)).ToList();
        execs.Reverse();
        return execs;
    }

    /// <summary>Signed positions of our instruments (linear; every instrument listed, zero when flat).</summary>
    public async Task<Dictionary<InstrumentId, Quantity>> PositionsAsync(CancellationToken ct)
    {
        var positions = instruments.Values.ToDictionary(i => i, _ => Quantity.Zero);
        if (category != BybitCategory.Linear) return positions;
        foreach (var p in await ListAsync("/v5/position/list", "category=linear&settleCoin=USDT&limit=200", ct).ConfigureAwait(false))
        {
            if (PrivateFields.Str(p, "symbol") is not { } s || !instruments.TryGetValue(s, out var id)) continue;
            var size = PrivateFields.Qty(p, "size");
            positions[id] = PrivateFields.Str(p, "side") == "Sell" ? -size : size;
        }

        return positions;
    }

    /// <summary>
    /// The unified account's wallet: the USDT balance (the engine's cash) and every coin with what open orders lock.
    /// </summary>
    public async Task<(Money Cash, List<CoinBalance> Coins)> WalletAsync(CancellationToken ct)
    {
        var answer = await rest.GetAsync("/v5/account/wallet-balance", "accountType=UNIFIED", ct).ConfigureAwait(false);
        Check(answer, "wallet-balance");
        var coins = new List<CoinBalance>();
        Money cash = Money.Zero;
        foreach (var account in answer.Result.GetProperty("list").EnumerateArray())
        {
            coins.AddRange(WalletTranslator.ReadCoins(account));
            foreach (var coin in account.GetProperty("coin").EnumerateArray())
                if (PrivateFields.Str(coin, "coin") == "USDT") cash = PrivateFields.Money(coin, "walletBalance");
        }

        return (cash, coins);
    }

    /// <summary>
    /// Spot positions are the base coins held: each of our symbols at its base coin's whole balance (open sells
    /// included: the coin is still ours until they fill), zero when the wallet does not name the coin. A symbol whose
    /// base coin cannot be told is left out.
    /// </summary>
    public Dictionary<InstrumentId, Quantity> SpotPositions(IReadOnlyList<CoinBalance> coins)
    {
        ArgumentNullException.ThrowIfNull(coins);
        var positions = new Dictionary<InstrumentId, Quantity>();
        foreach (var (symbol, id) in instruments)
            if (WalletTranslator.BaseCoin(symbol) is { } coin)
                positions[id] = coins.FirstOrDefault(c => c.Coin == coin).Total;
        return positions;
    }

    /// <summary>The USDT wallet balance of the unified account.</summary>
    public async Task<Money> CashAsync(CancellationToken ct)
    {
        var answer = await rest.GetAsync("/v5/account/wallet-balance", "accountType=UNIFIED&coin=USDT", ct).ConfigureAwait(false);
        Check(answer, "wallet-balance");
        foreach (var account in answer.Result.GetProperty("list").EnumerateArray())
            foreach (var coin in account.GetProperty("coin").EnumerateArray())
                if (PrivateFields.Str(coin, "coin") == "USDT") return PrivateFields.Money(coin, "walletBalance");
        return Money.Zero;
    }

    /// <summary>Maker and taker fee rates per symbol (fractions; a negative maker rate is a rebate).</summary>
    public async Task<Dictionary<string, (decimal Taker, decimal Maker)>> FeeRatesAsync(CancellationToken ct)
    {
        var rates = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal);
        foreach (string symbol in instruments.Keys)
        {
            var answer = await rest.GetAsync("/v5/account/fee-rate", $"category={_category}&symbol={symbol}", ct).ConfigureAwait(false);
            Check(answer, "fee-rate");
            foreach (var item in answer.Result.GetProperty("list").EnumerateArray())
            {
                if (decimal.TryParse(PrivateFields.Str(item, "takerFeeRate"), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal taker)
                    && decimal.TryParse(PrivateFields.Str(item, "makerFeeRate"), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal maker))
                    rates[symbol] = (taker, maker);
            }
        }

        return rates;
    }

    private async Task<List<JsonElement>> ListAsync(string path, string query, CancellationToken ct)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        for (int page = 0; page < MaxPages; page++)
        {
            var answer = await rest.GetAsync(path, cursor is null ? query : query + "&cursor=" + Uri.EscapeDataString(cursor), ct).ConfigureAwait(false);
            Check(answer, path);
            if (answer.Result.TryGetProperty("list", out var list)) all.AddRange(list.EnumerateArray());
            cursor = answer.ResultString("nextPageCursor");
            if (string.IsNullOrEmpty(cursor)) return all;
        }

        throw new BybitRequestException(path + ": more than " + MaxPages.ToString(CultureInfo.InvariantCulture) + " pages", 0);
    }

    private static void Check(BybitResponse answer, string what)
    {
        if (answer.RetCode != 0) throw new BybitRequestException($"{what}: retCode {answer.RetCode} ({answer.RetMsg})", answer.RetCode);
    }
}

/// <summary>The venue refused a read (its retCode and words; never the request's signature or key).</summary>
public sealed class BybitRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BybitRequestException(string message, int retCode) : base(message) => RetCode = retCode;

    /// <summary>Creates the exception.</summary>
    public BybitRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public BybitRequestException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BybitRequestException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>The venue's retCode (0 when it did not give one).</summary>
    public int RetCode { get; }
}
