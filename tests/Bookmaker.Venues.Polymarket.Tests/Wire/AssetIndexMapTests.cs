using System.Text;
using Bookmaker.Venues.Polymarket.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Venues.Polymarket.Tests.Wire;

public sealed class AssetIndexMapTests
{
    [Fact]
    public void Finds_registered_tokens_from_utf8_and_utf16_and_nothing_else()
    {
        var gen =
            from count in Gen.Choose(1, 40)
            from digits in Gen.ArrayOf(Gen.Choose(0, 9), 78 * count)
            from probe in Gen.ArrayOf(Gen.Choose(0, 9), 78)
            select (count, digits, probe);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var map = new AssetIndexMap();
            var tokens = Enumerable.Range(0, t.count)
                .Select(i => string.Concat(t.digits.Skip(i * 78).Take(77 + i % 2)))
                .Distinct()
                .ToList();
            for (int i = 0; i < tokens.Count; i++) map.Add(tokens[i], i);
            string probe = string.Concat(t.probe);
            bool allFound = tokens.Select((tok, i) =>
                map.TryGetIndex(Encoding.UTF8.GetBytes(tok), out int a) && a == i
                && map.TryGetIndex(tok.AsSpan(), out int b) && b == i).All(x => x);
            bool probeOk = tokens.Contains(probe) || !map.TryGetIndex(Encoding.UTF8.GetBytes(probe), out _);
            return allFound && probeOk;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Re_registering_a_token_moves_it_to_the_new_index()
    {
        var map = new AssetIndexMap();
        map.Add("123", 1);
        map.Add("123", 5);

        Assert.True(map.TryGetIndex("123"u8, out int index));
        Assert.Equal(5, index);
        Assert.Equal("123", map.TokenOf(5));
    }

    [Fact]
    public void Prefix_or_overlong_tokens_are_not_found()
    {
        var map = new AssetIndexMap();
        map.Add(TestData.SampleA, 1);

        Assert.False(map.TryGetIndex(Encoding.UTF8.GetBytes(TestData.SampleA[..^1]), out _));
        Assert.False(map.TryGetIndex(new byte[200], out _));
        Assert.False(map.TryGetIndex(ReadOnlySpan<byte>.Empty, out _));
    }
}
