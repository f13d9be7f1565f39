using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;
using static Bookmaker.Strategies.Tests.Arbitrage.ArbTestData;

namespace Bookmaker.Strategies.Tests.Arbitrage;

public class CompleteSetValuationTests
{
    [Fact]
    public void A_held_binary_complete_set_is_worth_one_dollar_not_the_two_bids()
    {
        // bids 0.45 + 0.50 would mark 100 sets at 95; merged they pay 100
        Assert.Equal(M("100"), CompleteSetValuation.Binary(Q("100"), Q("100"), P("0.45"), P("0.50")));
    }

    [Fact]
    public void Tokens_beyond_the_complete_sets_are_marked_at_their_own_marks()
    {
        // 7 sets at $1 + 3 YES × 0.60
        Assert.Equal(M("8.8"), CompleteSetValuation.Binary(Q("10"), Q("7"), P("0.60"), P("0.38")));
    }

    [Fact]
    public void A_full_set_of_neg_risk_yes_tokens_is_worth_one_dollar()
    {
        // 3 full sets + 2 × 0.5 + 0 × 0.3 + 1 × 0.2
        Quantity[] held = [Q("5"), Q("3"), Q("4")];
        Price[] marks = [P("0.5"), P("0.3"), P("0.2")];
        Assert.Equal(M("4.2"), CompleteSetValuation.NegRisk(held, marks));
        Assert.Equal(Q("3"), CompleteSetValuation.CompleteSets(held));
    }

    [Fact]
    public void Residual_marks_round_down()
    {
        Assert.Equal(M("0.000000001"), CompleteSetValuation.Binary(new Quantity(3), Quantity.Zero, new Price(500_000_000), P("0.5")));
    }
}
