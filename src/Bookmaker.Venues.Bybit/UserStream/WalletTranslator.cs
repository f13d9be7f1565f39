using System.Text.Json;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Portfolio;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Bybit.UserStream;

/// <summary>
/// Reads the unified account's per-coin balances — the private <c>wallet</c> topic and <c>/v5/account/wallet-balance</c>
/// share the shape: <c>coin[]</c> with <c>walletBalance</c> and <c>locked</c> (what spot open orders hold) — and pushes
/// the stream's to the engine as <see cref="VenueBalances"/>. Display and reconciliation input only: the ledger books
/// cash and positions from fills.
/// </summary>
public sealed class WalletTranslator(TimeProvider time)
{
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>The engine's sink (null until start).</summary>
    public IVenueEventSink? Sink { get; set; }

    /// <summary>Wallet items pushed to the engine.</summary>
    public long Pushed { get; private set; }

    /// <summary>One item of the <c>wallet</c> topic (an account); returns true when it named coins and was pushed.</summary>
    public bool OnWallet(JsonElement account)
    {
        var coins = ReadCoins(account);
        if (coins.Count == 0 || Sink is not { } sink) return false;
        Pushed++;
        sink.OnBalances(new VenueBalances(VenueNames.Bybit, coins, _time.GetUtcNow()));
        return true;
    }

    /// <summary>The coins of one account item (<c>list[]</c> of wallet-balance, <c>data[]</c> of the topic), exact from their text.</summary>
    public static List<CoinBalance> ReadCoins(JsonElement account)
    {
        var coins = new List<CoinBalance>();
        if (account.ValueKind != JsonValueKind.Object || !account.TryGetProperty("coin", out var list) || list.ValueKind != JsonValueKind.Array) return coins;
        foreach (var c in list.EnumerateArray())
            if (PrivateFields.Str(c, "coin") is { Length: > 0 } name)
                coins.Add(new CoinBalance(name, PrivateFields.Qty(c, "walletBalance"), PrivateFields.Qty(c, "locked")));
        return coins;
    }

    /// <summary>
    /// The base coin of a spot symbol (<c>BTCUSDT</c> → <c>BTC</c>): the symbol less its quote coin, for the quote coins
    /// this engine trades against; null when the symbol ends in none of them.
    /// </summary>
    public static string? BaseCoin(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        foreach (string quote in QuoteCoins)
            if (symbol.Length > quote.Length && symbol.EndsWith(quote, StringComparison.Ordinal)) return symbol[..^quote.Length];
        return null;
    }

    // Longest and stablecoins first: BTCUSDT is BTC against USDT, ETHBTC is ETH against BTC.
    private static readonly string[] QuoteCoins = ["USDT", "USDC", "USDE", "EUR", "BTC", "ETH"];
}
