namespace Bookmaker.Venues.Bybit.Auth;

/// <summary>
/// A Bybit API key and its HMAC secret. The secret is never printed: <see cref="ToString"/> shows the key only, and
/// record equality/printing is not generated for it (a class, not a record, on purpose).
/// </summary>
public sealed class BybitCredentials
{
    /// <summary>Creates the pair; both must be non-empty (the error names which, never the value).</summary>
    public BybitCredentials(string apiKey, string secret)
    {
        if (string.IsNullOrWhiteSpace(apiKey)) throw new ArgumentException("the Bybit API key is empty", nameof(apiKey));
        if (string.IsNullOrWhiteSpace(secret)) throw new ArgumentException("the Bybit API secret is empty", nameof(secret));
        ApiKey = apiKey.Trim();
        Secret = secret.Trim();
    }

    /// <summary>The API key (sent in clear in every request; an identifier).</summary>
    public string ApiKey { get; }

    /// <summary>The HMAC secret (never logged).</summary>
    internal string Secret { get; }

    /// <summary>Shows the key only.</summary>
    public override string ToString() => $"BybitCredentials(key={ApiKey}, secret=***)";
}
