using System.Globalization;
using System.Numerics;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Cli.Live;

/// <summary>
/// The wallet checks a live session passes before its first order (issue 18, field lessons 1 and 15), one printed line
/// each: the signature type and funder agree with the key; the collateral balance can be read and is not zero; pUSD is
/// approved to every exchange contract the markets trade on for at least the balance, and the conditional tokens are
/// approved to them (a SELL needs it). A refusal prints one line naming what is missing: exit 2 for a configuration that
/// contradicts the key, exit 1 for what the venue says about the wallet.
/// </summary>
internal sealed class WalletSelfTest(PolymarketRestClient rest, EthereumAddress signer, string? funder, SignatureType type,
    PolymarketContracts contracts, IReadOnlyList<PolymarketMarket> markets, CliContext context)
{
    /// <summary>The V1 neg-risk adapter: the V2 CLOB still checks allowances to it for neg-risk markets (reference, "Allowances").</summary>
    private const string NegRiskAdapter = "0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296";

    /// <summary>The collateral balance the checks read (valid when <see cref="RunAsync"/> returned null).</summary>
    public Money Collateral { get; private set; }

    /// <summary>Runs every check; null when all passed, else the exit code (the reason is printed).</summary>
    public async Task<int?> RunAsync()
    {
        if (CheckSignature() is { } refused) return refused;
        var cash = await rest.GetBalanceAllowanceAsync("COLLATERAL", null, (int)type).ConfigureAwait(false);
        if (!cash.IsSuccess || !TryMicros(cash.Value!.Balance, out long micros))
            return Refuse($"live: the collateral balance could not be read (HTTP {cash.HttpStatus}: {cash.Error?.Text}); refusing to trade blind");
        Collateral = Money.FromMicros(micros);
        if (micros <= 0)
            return Refuse($"live: the collateral balance of {Holder} is 0 pUSD; deposit pUSD (or check Venue:Polymarket:Funder and SignatureType) before trading");
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wallet: collateral {Collateral.ToDecimal():0.00} pUSD held by {Holder} — ok"));

        var spenders = Spenders();
        foreach (var (name, address) in spenders)
        {
            BigInteger allowance = Allowance(cash.Value!, address);
            if (allowance < micros)
                return Refuse(string.Create(CultureInfo.InvariantCulture,
                    $"live: pUSD allowance to {name} ({address}) is {(decimal)allowance / 1_000_000m:0.######}, below the balance {Collateral.ToDecimal():0.00}; approve pUSD for it before trading"));
        }

        var tokens = await rest.GetBalanceAllowanceAsync("CONDITIONAL", markets[0].YesTokenId, (int)type).ConfigureAwait(false);
        if (!tokens.IsSuccess)
            return Refuse($"live: the conditional-token allowance could not be read (HTTP {tokens.HttpStatus}: {tokens.Error?.Text}); refusing to trade blind");
        foreach (var (name, address) in spenders)
        {
            if (Allowance(tokens.Value!, address).IsZero)
                return Refuse($"live: conditional tokens are not approved for {name} ({address}) (setApprovalForAll); its sells would be refused");
        }

        context.Stdout.WriteLine($"wallet: allowances — pUSD and conditional tokens approved for {string.Join(", ", spenders.Select(s => s.Name))} — ok");
        return null;
    }

    private string Holder => type == SignatureType.Eoa ? signer.ToChecksumString() : funder!;

    private int? CheckSignature()
    {
        // What the chain would say cannot be read from here (whether the proxy belongs to the key); what the
        // configuration says about the key can, and a contradiction is a configuration error.
        string? rule = null;
        if (type == SignatureType.Eoa && funder is not null && !SameAddress(funder, signer.ToChecksumString()))
            rule = $"must be unset or the signer's own address {signer} when Venue:Polymarket:SignatureType is 0 (EOA: the key holds the funds)";
        else if (type != SignatureType.Eoa && funder is not null && SameAddress(funder, signer.ToChecksumString()))
            rule = $"must be the proxy/Safe/deposit wallet, not the signer's own address, when Venue:Polymarket:SignatureType is {(int)type} ({type})";
        if (rule is not null)
        {
            context.Stderr.WriteLine($"config error: Venue:Polymarket:Funder = '{funder}' (wallet self-test): {rule}");
            return ExitCodes.Usage;
        }

        context.Stdout.WriteLine($"wallet: signature type {(int)type} ({type}), signer {signer}, funds held by {Holder} — ok");
        return null;
    }

    /// <summary>The exchange contracts the markets' orders are signed for (and the neg-risk adapter for neg-risk ones).</summary>
    private List<(string Name, string Address)> Spenders()
    {
        var list = new List<(string, string)>();
        if (markets.Any(m => !m.NegRisk)) list.Add(("CTF Exchange", contracts.ExchangeV2.VerifyingContract.ToChecksumString()));
        if (markets.Any(m => m.NegRisk))
        {
            list.Add(("Neg Risk CTF Exchange", contracts.NegRiskExchangeV2.VerifyingContract.ToChecksumString()));
            list.Add(("Neg Risk Adapter", NegRiskAdapter));
        }

        return list;
    }

    private static BigInteger Allowance(BalanceAllowanceDto dto, string spender)
    {
        foreach (var (key, value) in dto.Allowances ?? [])
        {
            if (SameAddress(key, spender) && BigInteger.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return v;
        }

        return BigInteger.Zero; // a spender the venue does not list has no allowance
    }

    private static bool TryMicros(string? text, out long micros) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out micros);

    private static bool SameAddress(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private int Refuse(string line)
    {
        context.Stderr.WriteLine(line);
        return ExitCodes.Failure;
    }
}
