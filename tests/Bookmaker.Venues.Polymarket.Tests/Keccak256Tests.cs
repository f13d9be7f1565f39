using Bookmaker.Venues.Polymarket.Crypto;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests;

/// <summary>Ethereum's Keccak-256 (original padding) straight from spans, whatever their length.</summary>
public sealed class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Hashes_known_inputs_to_the_published_keccak_values(string text, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(Keccak256.HashUtf8(text)));
    }

    [Fact]
    public void Writes_only_the_first_32_bytes_of_a_longer_destination()
    {
        var destination = new byte[40];
        destination.AsSpan(32).Fill(0xEE);

        Keccak256.Hash("abc"u8, destination);

        Assert.Equal(Keccak256.HashUtf8("abc"), destination[..32]);
        Assert.All(destination[32..], b => Assert.Equal(0xEE, b));
    }

    [Fact]
    public void A_long_input_hashes_the_same_from_a_slice_as_from_its_own_array()
    {
        byte[] data = new byte[5000];
        new Random(7).NextBytes(data);

        Assert.Equal(Keccak256.Hash(data.AsSpan(100, 4000).ToArray()), Keccak256.Hash(data.AsSpan(100, 4000)));
        Assert.NotEqual(Keccak256.Hash(data.AsSpan(0, 4000)), Keccak256.Hash(data.AsSpan(100, 4000)));
    }

    [Fact]
    public void A_destination_shorter_than_32_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.Hash("abc"u8, new byte[31]));
    }
}
