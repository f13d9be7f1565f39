using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bookmaker.Venues.Bybit.Auth;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Venues.Bybit.Tests.Auth;

/// <summary>The signer against a plain one-shot HMAC over the concatenated string, for random keys, secrets and payloads.</summary>
public class SigningPropertyTests
{
    private static readonly Gen<string> Printable =
        Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c)).Select(a => new string(a));

    private static Arbitrary<(string Key, string Secret, long Ts, int Window, string Payload)> Requests =>
        (from key in Printable.Where(s => s.Trim().Length > 0)
         from secret in Printable.Where(s => s.Trim().Length > 0)
         from ts in Gen.Choose(0, int.MaxValue).Select(x => 1_600_000_000_000L + x)
         from window in Gen.Choose(1, 120_000)
         from payload in Gen.OneOf(Printable, Gen.Constant(new string('p', 3000)))
         select (key.Trim(), secret.Trim(), ts, window, payload)).ToArbitrary();

    [Fact]
    public void Rest_signature_equals_hmac_of_timestamp_key_window_and_payload()
    {
        Prop.ForAll(Requests, r =>
        {
            using var signer = new BybitRequestSigner(new BybitCredentials(r.Key, r.Secret));
            string message = r.Ts.ToString(CultureInfo.InvariantCulture) + r.Key + r.Window.ToString(CultureInfo.InvariantCulture) + r.Payload;
            string expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(r.Secret), Encoding.UTF8.GetBytes(message)));
            return signer.Sign(r.Ts, r.Window, Encoding.UTF8.GetBytes(r.Payload)) == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void WebSocket_signature_equals_hmac_of_get_realtime_and_expires()
    {
        Prop.ForAll(Requests, r =>
        {
            using var signer = new BybitRequestSigner(new BybitCredentials(r.Key, r.Secret));
            string expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(r.Secret), Encoding.UTF8.GetBytes("GET/realtime" + r.Ts.ToString(CultureInfo.InvariantCulture))));
            return signer.SignWebSocket(r.Ts) == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_change_of_payload_changes_the_signature()
    {
        Prop.ForAll(Requests, r =>
        {
            using var signer = new BybitRequestSigner(new BybitCredentials(r.Key, r.Secret));
            return signer.Sign(r.Ts, r.Window, Encoding.UTF8.GetBytes(r.Payload)) != signer.Sign(r.Ts, r.Window, Encoding.UTF8.GetBytes(r.Payload + " "));
        }).QuickCheckThrowOnFailure();
    }
}
