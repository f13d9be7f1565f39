namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>Signs with the system libsecp256k1 (recoverable ECDSA, RFC 6979 default nonce, always low-s).</summary>
public sealed unsafe class NativeSecp256k1Signer : ISecp256k1Signer
{
    private readonly Secp256k1PrivateKey _key;

    /// <summary>Binds the signer to <paramref name="key"/>; throws <see cref="PlatformNotSupportedException"/> without the library.</summary>
    public NativeSecp256k1Signer(Secp256k1PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        nint ctx = LibSecp256k1.Ctx;
        _key = key;
        byte* pubkey = stackalloc byte[64];
        byte* serialized = stackalloc byte[65];
        nuint length = 65;
        fixed (byte* secret = key.Secret)
        {
            if (LibSecp256k1.PubkeyCreate(ctx, pubkey, secret) != 1)
                throw new InvalidOperationException("libsecp256k1 rejected the private key");
        }

        if (LibSecp256k1.PubkeySerialize(ctx, serialized, &length, pubkey, LibSecp256k1.EcUncompressed) != 1 || length != 65)
            throw new InvalidOperationException("libsecp256k1 could not serialize the public key");
        Address = EthereumAddress.FromPublicKey(new ReadOnlySpan<byte>(serialized + 1, 64));
    }

    /// <inheritdoc />
    public string BackendName => "native";

    /// <inheritdoc />
    public EthereumAddress Address { get; }

    /// <inheritdoc />
    public void Sign(ReadOnlySpan<byte> digest32, Span<byte> signature65)
    {
        if (digest32.Length != 32) throw new ArgumentException("the digest must be 32 bytes", nameof(digest32));
        if (signature65.Length < 65) throw new ArgumentException("the signature needs 65 bytes", nameof(signature65));
        nint ctx = LibSecp256k1.Ctx;
        byte* recoverable = stackalloc byte[65];
        int recid;
        fixed (byte* digest = digest32)
        fixed (byte* secret = _key.Secret)
        fixed (byte* output = signature65)
        {
            if (LibSecp256k1.SignRecoverable(ctx, recoverable, digest, secret, 0, 0) != 1)
                throw new InvalidOperationException("libsecp256k1 failed to sign");
            _ = LibSecp256k1.SerializeCompact(ctx, output, &recid, recoverable);
        }

        signature65[64] = (byte)(27 + recid);
    }

    /// <summary>Nothing to release: the key belongs to the caller and the context to the process.</summary>
    public void Dispose()
    {
    }
}
