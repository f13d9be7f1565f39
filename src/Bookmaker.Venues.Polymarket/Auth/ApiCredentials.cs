namespace Bookmaker.Venues.Polymarket.Auth;

/// <summary>
/// L2 API credentials returned by <c>POST /auth/api-key</c>. The secret and passphrase never print:
/// <see cref="ToString"/> shows only the key id.
/// </summary>
public sealed class ApiCredentials
{
    /// <summary>Creates the credentials; the secret is URL-safe (or standard) base64 as the API returns it.</summary>
    public ApiCredentials(string apiKey, string secret, string passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(passphrase);
        ApiKey = apiKey;
        Secret = secret;
        Passphrase = passphrase;
    }

    /// <summary>The key id (a UUID); also the order <c>owner</c>.</summary>
    public string ApiKey { get; }

    /// <summary>The HMAC secret (base64). Secret: do not log.</summary>
    internal string Secret { get; }

    /// <summary>The passphrase sent as POLY_PASSPHRASE. Secret: do not log.</summary>
    internal string Passphrase { get; }

    /// <summary>Shows the key id only.</summary>
    public override string ToString() => $"ApiCredentials(key={ApiKey}, secret=***, passphrase=***)";
}
