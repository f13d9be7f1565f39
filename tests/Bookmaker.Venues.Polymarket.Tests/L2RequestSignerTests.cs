using System.Security.Cryptography;
using System.Text;
using Bookmaker.Venues.Polymarket.Auth;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests;

/// <summary>
/// The L2 signer gives RFC 2104-correct signatures (the framework's one-shot HMAC is the reference), through every
/// output form, from several threads at once, and refuses to sign once disposed.
/// </summary>
public sealed class L2RequestSignerTests
{
    private const string ZeroSecret = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static L2RequestSigner Signer(string secret) =>
        new(new ApiCredentials("00000000-0000-0000-0000-000000000000", secret, "p"), Vectors.Address);

    private static string Reference(byte[] key, byte[] message) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, message)).Replace('+', '-').Replace('/', '_');

    [Fact]
    public void Reproduces_the_published_vectors()
    {
        using var signer = Signer(ZeroSecret);
        Assert.Equal("ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=", signer.Sign(1000000, "test-sign", "/orders", "{\"hash\": \"0x123\"}"u8));
        Assert.Equal("4gJVbox-R6XlDK4nlaicig0_ANVL1qdcahiL8CXfXLM=", signer.Sign(1000000, "test-sign", "/orders", "{\"hash\":\"0x123\"}"u8));
        Assert.Equal("eHaylCwqRSOa2LFD77Nt_SaTpbsxzN8eTEI3LryhEj4=", signer.CreateHeaders(1, "GET", "/", default).Signature);
    }

    [Fact]
    public void Matches_the_framework_hmac_for_random_keys_and_bodies()
    {
        // Bodies up to 1,500 bytes cross the 1 KiB stack buffer, so the pooled-buffer path is covered too.
        Prop.ForAll(
            Gen.Choose(1, 100).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n)).ToArbitrary(),
            Gen.Choose(0, 1500).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n)).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (key, body, timestamp) =>
            {
                string secret = Convert.ToBase64String(key).Replace('+', '-').Replace('/', '_');
                string expected = Reference(key, [.. Encoding.UTF8.GetBytes($"{timestamp}PUT/x/y"), .. body]);
                using var signer = Signer(secret);
                var utf8 = new byte[L2RequestSigner.SignatureLength];
                Assert.Equal(L2RequestSigner.SignatureLength, signer.WriteSignature(timestamp, "PUT", "/x/y", body, utf8));
                Assert.Equal(expected, Encoding.ASCII.GetString(utf8));
                Assert.Equal(expected, signer.Sign(timestamp, "PUT", "/x/y?ignored=1", body));
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Concurrent_signing_of_different_messages_matches_single_threaded_results()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        using var signer = Signer(Convert.ToBase64String(key));
        byte[][] bodies = [.. Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes(new string((char)('a' + (i % 26)), i * 13)))];
        string[] expected = [.. bodies.Select((b, i) => signer.Sign(1000 + i, "POST", "/order", b))];
        var results = new string[4000];
        Parallel.For(0, results.Length, i => results[i] = signer.Sign(1000 + (i % 64), "POST", "/order", bodies[i % 64]));
        for (int i = 0; i < results.Length; i++) Assert.Equal(expected[i % 64], results[i]);
        Assert.Equal(Reference(key, [.. "1005POST/order"u8, .. bodies[5]]), expected[5]);
    }

    [Fact]
    public void Headers_reuse_the_timestamp_text_within_a_second_and_renew_it_on_the_next()
    {
        using var signer = Signer(ZeroSecret);
        var first = signer.CreateHeaders(1710000000, "GET", "/", default);
        var again = signer.CreateHeaders(1710000000, "POST", "/order", "{}"u8);
        var next = signer.CreateHeaders(1710000001, "GET", "/", default);
        Assert.Same(first.Timestamp, again.Timestamp);
        Assert.Equal("1710000000", first.Timestamp);
        Assert.Equal("1710000001", next.Timestamp);
        Assert.Equal(signer.Sign(1710000001, "GET", "/", default), next.Signature);
    }

    [Fact]
    public void A_disposed_signer_refuses_to_sign()
    {
        var signer = Signer(ZeroSecret);
        signer.Dispose();
        signer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => signer.Sign(1, "GET", "/", default));
    }

    [Fact]
    public void A_destination_shorter_than_44_bytes_is_refused()
    {
        using var signer = Signer(ZeroSecret);
        Assert.Throws<ArgumentException>(() => signer.WriteSignature(1, "GET", "/", default, new byte[43]));
    }
}
