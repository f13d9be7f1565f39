using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>A signer that owns its private key (disposing it zeroes the key). For CLI and adapter start-up.</summary>
public sealed class OwnedSigner : ISecp256k1Signer
{
    private readonly Secp256k1PrivateKey _key;
    private readonly ISecp256k1Signer _inner;

    private OwnedSigner(Secp256k1PrivateKey key, ISecp256k1Signer inner)
    {
        _key = key;
        _inner = inner;
    }

    /// <summary>Parses 0x + 64 hex digits; throws <see cref="FormatException"/> without showing the value.</summary>
    public static OwnedSigner FromHex(string hex, Secp256k1Backend backend = Secp256k1Backend.Auto)
    {
        var key = Secp256k1PrivateKey.FromHex(hex);
        try
        {
            return new OwnedSigner(key, Secp256k1SignerFactory.Create(key, backend));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string BackendName => _inner.BackendName;

    /// <inheritdoc />
    public EthereumAddress Address => _inner.Address;

    /// <inheritdoc />
    public void Sign(ReadOnlySpan<byte> digest32, Span<byte> signature65) => _inner.Sign(digest32, signature65);

    /// <inheritdoc />
    public void Dispose()
    {
        _inner.Dispose();
        _key.Dispose();
    }

    /// <summary>Never shows the key.</summary>
    public override string ToString() => $"OwnedSigner({Address}, key=***)";
}
