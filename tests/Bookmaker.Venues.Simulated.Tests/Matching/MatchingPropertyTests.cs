using Bookmaker.Core.Fees;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Venues.Simulated.Tests.Matching;

/// <summary>
/// Random order flows over one linked YES/NO market with four accounts; after every operation the book must not be
/// crossed and cash and tokens must be conserved exactly.
/// </summary>
public class MatchingPropertyTests
{
    private const int Accounts = 4;

    private static readonly IFeeModel[] FeeModels =
    [
        ZeroFeeModel.Instance,
        new PolymarketFeeModel(0.25m, 2, 0.20m),
        new PolymarketFeeModel(0.0175m, 1, 0.25m),
        new PolymarketFeeModel(0.1m, 1.5, 0.20m),
    ];

    private static Arbitrary<int[]> Flows => Arb.From(Gen.ArrayOf(Gen.Choose(0, int.MaxValue)));

    [Fact]
    public void Book_is_never_left_crossed_including_the_complement_view()
    {
        Prop.ForAll(Flows, ops => Run(ops, (k, step) =>
        {
            if (k.Book.IsCrossed) return "YES-space book crossed";
            // Token views: each token's best bid must stay below its best ask.
            foreach (int slot in new[] { k.Yes, k.No })
            {
                if (k.Book.TryGetBestBid(slot, out var bid, out _) && k.Book.TryGetBestAsk(slot, out var ask, out _) && bid >= ask)
                    return $"token {slot} crossed: {bid} >= {ask}";
            }

            return null;
        })).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Cash_and_tokens_are_conserved_across_all_accounts_with_fees_and_rebates()
    {
        Prop.ForAll(Flows, ops => Run(ops, (k, step) =>
        {
            long cash = 0, yes = 0, no = 0;
            int open = 0;
            for (int a = 0; a < Accounts; a++)
            {
                var acct = k.Engine.Account(a);
                cash += acct.Cash.Raw;
                yes += acct.Tokens(k.Yes).Raw;
                no += acct.Tokens(k.No).Raw;
                open += acct.OpenOrders;
                if (acct.Cash.IsNegative) return $"account {a} cash negative: {acct.Cash}";
                if (acct.LockedCash.IsNegative || acct.LockedCash > acct.Cash) return $"account {a} lock {acct.LockedCash} vs cash {acct.Cash}";
                foreach (int slot in new[] { k.Yes, k.No })
                {
                    if (acct.Tokens(slot).Raw < 0) return $"account {a} tokens negative";
                    if (acct.LockedTokens(slot).Raw < 0 || acct.LockedTokens(slot) > acct.Tokens(slot)) return $"account {a} token lock broken";
                }
            }

            long sets = k.Book.SetsOutstanding.Raw;
            long total = cash + k.Engine.FeesCollected.Raw - k.Engine.RebatesPaid.Raw + sets; // each set holds $1
            if (total != k.Engine.TotalDeposits.Raw) return $"cash not conserved: {new Money(total)} vs {k.Engine.TotalDeposits}";
            // BUY taker fees are kept in shares: the venue's token sink holds the rest of each set's tokens.
            yes += k.Engine.FeeSharesCollected(k.Yes).Raw;
            no += k.Engine.FeeSharesCollected(k.No).Raw;
            if (yes != sets || no != sets) return $"supply: YES {yes}, NO {no}, sets {sets}";
            if (open != k.Engine.OpenOrderCount) return "open order count mismatch";
            return null;
        })).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_flows_exercise_normal_mint_and_merge_fills_and_self_trade_cancels()
    {
        // Guards the properties above against passing vacuously: the decoder must reach every match type.
        var rng = new Random(7);
        var ops = new int[3000];
        for (int i = 0; i < ops.Length; i++) ops[i] = rng.Next();
        ops[0] = 3; // fees on, cancel-maker STP
        var seen = new HashSet<MatchKind>();
        int selfTrade = 0;
        Run(ops, (k, step) =>
        {
            foreach (var e in k.Events.AsSpan())
            {
                if (e.Kind == MatchEventKind.Fill) seen.Add(e.MatchKind);
                if (e.Kind == MatchEventKind.Cancelled && e.Reason == RejectReason.SelfTrade) selfTrade++;
            }

            return null;
        });
        Assert.Contains(MatchKind.Normal, seen);
        Assert.Contains(MatchKind.Mint, seen);
        Assert.Contains(MatchKind.Merge, seen);
        Assert.True(selfTrade > 0);
    }

    /// <summary>Decodes the flow into operations and checks <paramref name="invariant"/> after each one.</summary>
    private static bool Run(int[] ops, Func<MatchingKit, int, string?> invariant)
    {
        int header = ops.Length > 0 ? ops[0] : 0;
        var stp = (SelfTradePrevention)(header % 3);
        var k = new MatchingKit(FeeModels[(header / 3) % FeeModels.Length], stp);
        for (int a = 0; a < Accounts; a++) k.Account("60", "40");
        var live = new List<(int Account, long Id)>();

        for (int i = 1; i < ops.Length; i++)
        {
            int x = ops[i];
            int account = x % Accounts;
            int kind = (x / 4) % 12;
            int slot = (x / 48) % 2 == 0 ? k.Yes : k.No;
            Side side = (x / 96) % 2 == 0 ? Side.Buy : Side.Sell;
            int cents = 1 + (x / 192) % 99;
            int size = 5 + (x / 19_008) % 30;
            string price = "0." + cents.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            long id = 0;
            switch (kind)
            {
                case <= 5:
                    id = k.Submit(account, slot, side, price, size.ToString(System.Globalization.CultureInfo.InvariantCulture), postOnly: kind == 5);
                    break;
                case 6:
                    id = k.Submit(account, slot, side, price, size.ToString(System.Globalization.CultureInfo.InvariantCulture), TimeInForce.Fak);
                    break;
                case 7:
                    id = k.Submit(account, slot, side, price, size.ToString(System.Globalization.CultureInfo.InvariantCulture), TimeInForce.Fok);
                    break;
                case 8:
                    if (live.Count > 0)
                    {
                        var (owner, target) = live[x % live.Count];
                        k.Engine.Cancel(owner, target, k.Events);
                    }

                    break;
                case 9:
                    id = side == Side.Buy
                        ? k.Submit(account, slot, Side.Buy, "0", "0", TimeInForce.Fak, type: OrderType.Market, quote: (1 + size / 3).ToString(System.Globalization.CultureInfo.InvariantCulture))
                        : k.Submit(account, slot, Side.Sell, "0", size.ToString(System.Globalization.CultureInfo.InvariantCulture), TimeInForce.Fok, type: OrderType.Market);
                    break;
                case 10:
                    id = k.Submit(account, slot, side, price, size.ToString(System.Globalization.CultureInfo.InvariantCulture), TimeInForce.Gtd,
                        expireAt: k.Time.GetUtcNow().AddMinutes(1 + x % 3));
                    break;
                default:
                    if (x % 5 == 0) k.Engine.CancelAll(account, k.Events);
                    k.Time.Advance(TimeSpan.FromMinutes(1));
                    k.Engine.ExpireDue(k.Events);
                    break;
            }

            if (id != 0) live.Add((account, id));
            string? broken = invariant(k, i);
            if (broken is not null) throw new InvalidOperationException($"after op {i}: {broken}");
            k.Clear();
        }

        return true;
    }
}
