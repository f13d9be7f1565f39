using Bookmaker.Core.Orders;
using Xunit;

namespace Bookmaker.Core.Tests.Orders;

public class ClientOrderIdGeneratorTests
{
    [Fact]
    public void Ids_carry_the_epoch_and_a_growing_sequence_from_one()
    {
        var gen = new ClientOrderIdGenerator(42);
        var a = gen.Next();
        var b = gen.Next();
        Assert.Equal((42u, 1ul), (a.Epoch, a.Sequence));
        Assert.Equal((42u, 2ul), (b.Epoch, b.Sequence));
        Assert.True(b > a);
        Assert.Equal(2ul, gen.Issued);
    }

    [Fact]
    public void Ids_never_repeat_within_a_session()
    {
        var gen = new ClientOrderIdGenerator(1);
        var seen = new HashSet<ClientOrderId>();
        for (int i = 0; i < 10_000; i++) Assert.True(seen.Add(gen.Next()));
    }

    [Fact]
    public void Next_session_ids_never_collide_with_the_previous_session()
    {
        var first = new ClientOrderIdGenerator(5);
        var previous = Enumerable.Range(0, 1000).Select(_ => first.Next()).ToHashSet();
        var next = ClientOrderIdGenerator.AfterEpoch(first.Epoch);
        Assert.Equal(6u, next.Epoch);
        for (int i = 0; i < 1000; i++) Assert.DoesNotContain(next.Next(), previous);
    }

    [Fact]
    public void Epoch_zero_never_issues_the_empty_id()
    {
        var gen = new ClientOrderIdGenerator(0);
        Assert.False(gen.Next().IsEmpty);
    }

    [Fact]
    public void Same_epoch_gives_the_same_ids()
    {
        var a = new ClientOrderIdGenerator(9);
        var b = new ClientOrderIdGenerator(9);
        for (int i = 0; i < 100; i++) Assert.Equal(a.Next(), b.Next());
    }

    [Fact]
    public void Epoch_beyond_the_id_space_is_refused_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientOrderIdGenerator(1u << 24));
    }

    [Fact]
    public void Issued_ids_round_trip_through_text()
    {
        var id = new ClientOrderIdGenerator(3).Next();
        Assert.True(ClientOrderId.TryParse(id.ToString(), out var parsed));
        Assert.Equal(id, parsed);
    }
}
