using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>
/// Pure managed signing on BouncyCastle: the curve, field arithmetic, fixed-base multiplication and the RFC 6979
/// nonce (<see cref="HMacDsaKCalculator"/> with SHA-256) are the library's. The ECDSA equation itself is the same
/// few lines as BouncyCastle's <see cref="ECDsaSigner"/>, written out here because Ethereum needs the parity of R
/// (the recovery id) which <see cref="ECDsaSigner"/> does not expose; tests check the (r, s) pair against
/// <see cref="ECDsaSigner"/> itself.
/// </summary>
public sealed class ManagedSecp256k1Signer : ISecp256k1Signer
{
    internal static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly ECPoint G = Curve.G; // one instance, so BouncyCastle's comb table is built once
    private static readonly BigInteger N = Curve.N;
    private static readonly BigInteger HalfN = N.ShiftRight(1);
    private static readonly FixedPointCombMultiplier Multiplier = new();

    private readonly BigInteger _d;

    /// <summary>Binds the signer to <paramref name="key"/>.</summary>
    public ManagedSecp256k1Signer(Secp256k1PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _d = new BigInteger(1, key.Secret.ToArray());
        var q = Multiplier.Multiply(G, _d).Normalize();
        var encoded = q.GetEncoded(false); // 0x04 ‖ X ‖ Y
        Address = EthereumAddress.FromPublicKey(encoded.AsSpan(1));
    }

    /// <inheritdoc />
    public string BackendName => "managed";

    /// <inheritdoc />
    public EthereumAddress Address { get; }

    /// <inheritdoc />
    public void Sign(ReadOnlySpan<byte> digest32, Span<byte> signature65)
    {
        if (digest32.Length != 32) throw new ArgumentException("the digest must be 32 bytes", nameof(digest32));
        if (signature65.Length < 65) throw new ArgumentException("the signature needs 65 bytes", nameof(signature65));
        byte[] message = digest32.ToArray();
        var e = new BigInteger(1, message);
        var kCalculator = new HMacDsaKCalculator(new Sha256Digest());
        kCalculator.Init(N, _d, message);
        while (true)
        {
            BigInteger k = kCalculator.NextK();
            ECPoint r = Multiplier.Multiply(G, k).Normalize();
            BigInteger x = r.AffineXCoord.ToBigInteger();
            BigInteger rr = x.Mod(N);
            if (rr.SignValue == 0) continue;
            BigInteger s = k.ModInverse(N).Multiply(e.Add(_d.Multiply(rr))).Mod(N);
            if (s.SignValue == 0) continue;
            int recoveryId = (r.AffineYCoord.TestBitZero() ? 1 : 0) | (x.CompareTo(N) >= 0 ? 2 : 0);
            if (s.CompareTo(HalfN) > 0)
            {
                // Ethereum (EIP-2) accepts only low-s; negating s mirrors R, flipping the parity bit.
                s = N.Subtract(s);
                recoveryId ^= 1;
            }

            WriteUnsigned32(rr, signature65[..32]);
            WriteUnsigned32(s, signature65[32..64]);
            signature65[64] = (byte)(27 + recoveryId);
            return;
        }
    }

    private static void WriteUnsigned32(BigInteger value, Span<byte> destination)
    {
        byte[] bytes = value.ToByteArrayUnsigned();
        destination.Clear();
        bytes.CopyTo(destination[(32 - bytes.Length)..]);
    }

    /// <summary>Nothing to release: the key belongs to the caller.</summary>
    public void Dispose()
    {
    }
}
