using System.Text;
using Bookmaker.Venues.Bybit.Auth;

namespace Bookmaker.Venues.Bybit.Tests.Auth;

/// <summary>
/// The published HMAC vectors of the reference (addendum B: nautilus_trader's unit tests, recomputed; §1: computed with
/// Python and openssl), byte for byte.
/// </summary>
public class SigningVectorTests
{
    private static BybitRequestSigner Signer(string key, string secret) => new(new BybitCredentials(key, secret));

    [Theory]
    [InlineData("category=linear&symbol=BTCUSDT", "fd4f31228a46109dc6673062328693696df9a96c7ff04e6491a45e7f63a0fdd7")]
    [InlineData("{\"category\": \"linear\", \"symbol\": \"BTCUSDT\", \"orderLinkId\": \"test-order-1\"}", "2df4a0603d69c08d5dea29ba85b46eb7db64ce9e9ebd34a7802a3d69700cb2a1")]
    public void Rest_signature_matches_the_addendum_vector(string payload, string expected)
    {
        using var signer = Signer("test_api_key", "test_secret");
        Assert.Equal(expected, signer.Sign(1700000000000, 5000, Encoding.UTF8.GetBytes(payload)));
    }

    [Fact]
    public void WebSocket_auth_signature_matches_the_addendum_vector()
    {
        using var signer = Signer("test_api_key", "test_secret");
        Assert.Equal("bacffe7500499eb829bb58c45d36d1b3e5ac67c14eaeba91df5e99ccee013925", signer.SignWebSocket(1700000000000));
    }

    [Theory]
    [InlineData(1658384314791, "category=option&symbol=BTC-29JUL22-25000-C", "49c26b0f76e0bec6b926f119814d66c4bdf59de44adf2a1864b1ea0bfd9c710c")]
    [InlineData(1658385579423, "{\"category\": \"option\"}", "9bada36eb7c33a2723028d84d0ee4b01d52abedd3ca9c79e2e8ba88a958b373a")]
    [InlineData(1672211928338, "{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"orderType\":\"Limit\",\"qty\":\"0.001\",\"price\":\"25000\",\"timeInForce\":\"PostOnly\",\"orderLinkId\":\"mm-1\"}", "f94fce9b517a207d350cab4577ba5e4a23638c3ad43eead1cb9969400734bd13")]
    public void Rest_signature_matches_the_computed_vectors_of_the_reference(long timestamp, string payload, string expected)
    {
        using var signer = Signer("XXXXXXXXXX", new string('Y', 36));
        Assert.Equal(expected, signer.Sign(timestamp, 5000, Encoding.UTF8.GetBytes(payload)));
    }

    [Fact]
    public void WebSocket_auth_signature_matches_the_computed_vector_of_the_reference()
    {
        using var signer = Signer("XXXXXXXXXX", new string('Y', 36));
        Assert.Equal("9f96338b434359fa6300c2d0040ffe25962cbc700dac649bfc7c59ef64431f89", signer.SignWebSocket(1662350400000));
    }

    [Fact]
    public void Absent_get_payload_signs_like_an_empty_query()
    {
        using var signer = Signer("test_api_key", "test_secret");
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("test_secret"u8, "1700000000000test_api_key5000"u8));
        Assert.Equal(expected, signer.Sign(1700000000000, 5000, ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Utf8_signature_writer_gives_the_same_hex_as_the_string()
    {
        using var signer = Signer("test_api_key", "test_secret");
        Span<byte> hex = stackalloc byte[BybitRequestSigner.SignatureLength];
        int n = signer.WriteSignature(1700000000000, 5000, "category=linear&symbol=BTCUSDT"u8, hex);
        Assert.Equal("fd4f31228a46109dc6673062328693696df9a96c7ff04e6491a45e7f63a0fdd7", Encoding.ASCII.GetString(hex[..n]));
    }

    [Fact]
    public void Headers_carry_key_timestamp_and_window_as_signed()
    {
        using var signer = Signer("test_api_key", "test_secret");
        var h = signer.CreateHeaders(1700000000000, 5000, "category=linear&symbol=BTCUSDT"u8);
        Assert.Equal(("test_api_key", "1700000000000", "5000", "fd4f31228a46109dc6673062328693696df9a96c7ff04e6491a45e7f63a0fdd7"), (h.ApiKey, h.Timestamp, h.RecvWindow, h.Signature));
    }

    [Fact]
    public void Signer_and_credentials_never_print_the_secret()
    {
        var credentials = new BybitCredentials("test_api_key", "s3cr3t-value-xyz");
        using var signer = new BybitRequestSigner(credentials);
        Assert.DoesNotContain("s3cr3t", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", signer.ToString(), StringComparison.Ordinal);
    }
}
