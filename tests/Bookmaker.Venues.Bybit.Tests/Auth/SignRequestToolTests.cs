using System.Text.Json;
using Bookmaker.Venues.Bybit.Auth;

namespace Bookmaker.Venues.Bybit.Tests.Auth;

/// <summary>The JSON in / JSON out signing tool behind <c>bookmaker bybit sign-request</c>.</summary>
public class SignRequestToolTests
{
    private static BybitRequestSigner Signer() => new(new BybitCredentials("test_api_key", "test_secret"));

    [Fact]
    public void Get_request_prints_the_four_headers_of_the_vector()
    {
        using var signer = Signer();
        string json = SignRequestTool.SignRest("""{"timestamp":1700000000000,"recvWindow":5000,"method":"GET","path":"/v5/order/realtime","query":"category=linear&symbol=BTCUSDT"}""", signer);
        using var doc = JsonDocument.Parse(json);
        var r = doc.RootElement;
        Assert.Equal("test_api_key", r.GetProperty("X-BAPI-API-KEY").GetString());
        Assert.Equal("1700000000000", r.GetProperty("X-BAPI-TIMESTAMP").GetString());
        Assert.Equal("5000", r.GetProperty("X-BAPI-RECV-WINDOW").GetString());
        Assert.Equal("fd4f31228a46109dc6673062328693696df9a96c7ff04e6491a45e7f63a0fdd7", r.GetProperty("X-BAPI-SIGN").GetString());
    }

    [Fact]
    public void Post_request_signs_the_exact_body_text()
    {
        using var signer = Signer();
        string body = "{\"category\": \"linear\", \"symbol\": \"BTCUSDT\", \"orderLinkId\": \"test-order-1\"}";
        string input = JsonSerializer.Serialize(new { timestamp = 1700000000000, recvWindow = 5000, method = "POST", path = "/v5/order/create", body });
        using var doc = JsonDocument.Parse(SignRequestTool.SignRest(input, signer));
        Assert.Equal("2df4a0603d69c08d5dea29ba85b46eb7db64ce9e9ebd34a7802a3d69700cb2a1", doc.RootElement.GetProperty("X-BAPI-SIGN").GetString());
    }

    [Fact]
    public void WebSocket_auth_prints_key_expires_and_signature()
    {
        using var signer = Signer();
        using var doc = JsonDocument.Parse(SignRequestTool.SignWebSocket("""{"expires":1700000000000}""", signer));
        var a = doc.RootElement;
        Assert.Equal(("test_api_key", 1700000000000L, "bacffe7500499eb829bb58c45d36d1b3e5ac67c14eaeba91df5e99ccee013925"),
            (a[0].GetString(), a[1].GetInt64(), a[2].GetString()));
    }

    [Theory]
    [InlineData("""{"recvWindow":5000,"method":"GET","query":"a=1"}""", "timestamp")]
    [InlineData("""{"timestamp":1,"method":"PUT"}""", "method=PUT")]
    [InlineData("""{"timestamp":1,"method":"GET","body":"{}"}""", "body")]
    [InlineData("""{"timestamp":1,"method":"POST"}""", "body")]
    [InlineData("""{"timestamp":1,"method":"POST","query":"a=1","body":"{}"}""", "query")]
    [InlineData("""{"timestamp":1,"recvWindow":0}""", "recvWindow")]
    [InlineData("""{"timestamp":-5}""", "timestamp")]
    [InlineData("""not json""", "input")]
    public void Malformed_input_names_the_field(string input, string field)
    {
        using var signer = Signer();
        var ex = Assert.Throws<FormatException>(() => SignRequestTool.SignRest(input, signer));
        Assert.StartsWith(field, ex.Message, StringComparison.Ordinal);
    }
}
