using System.Text;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests;

/// <summary>ClobAuth (L1) and HMAC (L2) vectors of the reference §4.</summary>
public sealed class AuthVectorTests
{
    private const string ZeroSecret = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static L2RequestSigner ZeroSecretSigner() =>
        new(new ApiCredentials("00000000-0000-0000-0000-000000000000", ZeroSecret, new string('a', 64)), Vectors.Address);

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_published_clob_auth_signature_and_headers_on_amoy(Secp256k1Backend backend)
    {
        using var key = Vectors.Signer(backend);
        var headers = new L1Authenticator(key, 80002).CreateHeaders(10000000, 23);
        Assert.Equal("0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b", headers.Signature);
        Assert.Equal(Vectors.AddressText, headers.Address);
        Assert.Equal("10000000", headers.Timestamp);
        Assert.Equal("23", headers.Nonce);
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_derived_clob_auth_signature_on_polygon(Secp256k1Backend backend)
    {
        using var key = Vectors.Signer(backend);
        var auth = new L1Authenticator(key, 137);
        Assert.Equal("0xcfc66be2a3b30464cb3b588324101f660c9a205fa76e8e5f83ee16a528e1c4cb", auth.DomainSeparator.ToString());
        Assert.Equal("0x1a7118db6100dfd8efd102be36f472b59475dcac56eb4c9a2a94748d3655ba7c3c89deb8c19ee79eceb0a531122fbfbe88ed118034f9d8212e2b725e7b296b9d1c", auth.Sign(10000000, 23));
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Reproduces_derived_clob_auth_signature_with_zero_nonce(Secp256k1Backend backend)
    {
        using var key = Vectors.Signer(backend);
        Assert.Equal("0x659ed4b28ae28e0f038fdf0023c00863c9559caacb9ebc83f44eea87059a099a36f1e1dee110e7faa1c4f65d17489b2da1333ebef78bbe2116d81207b975052d1c", new L1Authenticator(key, 137).Sign(1700000000, 0));
    }

    [Fact]
    public void Hmac_over_body_with_spaces_matches_published_vector()
    {
        using var signer = ZeroSecretSigner();
        Assert.Equal("ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=", signer.Sign(1000000, "test-sign", "/orders", "{\"hash\": \"0x123\"}"u8));
    }

    [Fact]
    public void Hmac_over_compact_body_matches_published_vector()
    {
        using var signer = ZeroSecretSigner();
        Assert.Equal("4gJVbox-R6XlDK4nlaicig0_ANVL1qdcahiL8CXfXLM=", signer.Sign(1000000, "test-sign", "/orders", "{\"hash\":\"0x123\"}"u8));
    }

    [Fact]
    public void Hmac_without_body_matches_published_vector()
    {
        using var signer = ZeroSecretSigner();
        var headers = signer.CreateHeaders(1, "GET", "/", default);
        Assert.Equal("eHaylCwqRSOa2LFD77Nt_SaTpbsxzN8eTEI3LryhEj4=", headers.Signature);
        Assert.Equal("1", headers.Timestamp);
        Assert.Equal("00000000-0000-0000-0000-000000000000", headers.ApiKey);
        Assert.Equal(new string('a', 64), headers.Passphrase);
        Assert.Equal(Vectors.AddressText, headers.Address);
    }

    [Fact]
    public void Hmac_signs_the_path_without_its_query_string()
    {
        using var signer = ZeroSecretSigner();
        Assert.Equal(signer.Sign(5, "GET", "/data/orders", default), signer.Sign(5, "GET", "/data/orders?next_cursor=MA==", default));
    }

    [Fact]
    public void Hmac_message_is_timestamp_method_path_body()
    {
        using var signer = ZeroSecretSigner();
        byte[] key = new byte[32];
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, "1POST/path{\"foo\":\"bar\"}"u8))
            .Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, signer.Sign(1, "POST", "/path", "{\"foo\":\"bar\"}"u8));
    }

    [Fact]
    public void Url_safe_secret_decodes_like_the_sdk()
    {
        // '-' and '_' stand for '+' and '/', and a missing '=' padding is restored.
        Assert.Equal(Convert.FromBase64String("++/7+w=="), L2RequestSigner.DecodeSecret("--_7-w"));
        Assert.Equal(Convert.FromBase64String("+++/"), L2RequestSigner.DecodeSecret("---_"));
    }

    [Fact]
    public void Hmac_with_a_large_body_uses_the_same_message_rule()
    {
        using var signer = ZeroSecretSigner();
        var body = Encoding.UTF8.GetBytes(new string('x', 5000));
        var message = Encoding.UTF8.GetBytes("7DELETE/orders").Concat(body).ToArray();
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(new byte[32], message)).Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, signer.Sign(7, "DELETE", "/orders", body));
    }

    [Fact]
    public void Hmac_with_a_long_path_uses_the_same_message_rule()
    {
        using var signer = ZeroSecretSigner();
        string path = "/data/order/0x" + new string('a', 1500);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(new byte[32], Encoding.UTF8.GetBytes("9GET" + path)))
            .Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, signer.Sign(9, "GET", path, default));
    }

    [Fact]
    public void Concurrent_signing_from_several_threads_gives_the_single_threaded_result()
    {
        using var signer = ZeroSecretSigner();
        string expected = signer.Sign(1000000, "test-sign", "/orders", "{\"hash\":\"0x123\"}"u8);
        var results = new string[4000];
        Parallel.For(0, results.Length, i => results[i] = signer.Sign(1000000, "test-sign", "/orders", "{\"hash\":\"0x123\"}"u8));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
