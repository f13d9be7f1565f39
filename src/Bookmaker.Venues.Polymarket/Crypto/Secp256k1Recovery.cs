using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>
/// Public-key recovery for 65-byte Ethereum signatures (r‖s‖v): who signed this digest? The exchange contract and
/// the CLOB check order signatures this way (OpenZeppelin <c>ECDSA.recover</c>), and so does the loopback emulator.
/// Like OpenZeppelin it refuses high-s signatures (EIP-2 malleability), v outside {27, 28} (0/1 are accepted as the
/// raw recovery id), and r or s outside [1, n−1].
/// </summary>
/// <remarks>
/// Native path: libsecp256k1's <c>secp256k1_ecdsa_recover</c>. Managed path: BouncyCastle point arithmetic for
/// SEC 1 §4.1.6 — R from (r, parity), Q = r⁻¹(sR − eG). Both give the same answer (a property test checks it).
/// </remarks>
public static class Secp256k1Recovery
{
    private static readonly BigInteger N = ManagedSecp256k1Signer.Curve.N;
    private static readonly BigInteger HalfN = N.ShiftRight(1);
    private static readonly ECPoint G = ManagedSecp256k1Signer.Curve.G;
    private static readonly ECCurve CurveDef = ManagedSecp256k1Signer.Curve.Curve;

    /// <summary>True when the native library with the recovery module is loaded.</summary>
    public static bool NativeAvailable => LibSecp256k1.RecoveryAvailable;

    /// <summary>
    /// Recovers the signer's address from <paramref name="digest32"/> and the first 65 bytes of
    /// <paramref name="signature"/>. False for a malformed, high-s or unrecoverable signature.
    /// </summary>
    public static bool TryRecoverAddress(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> signature, out EthereumAddress address,
        Secp256k1Backend backend = Secp256k1Backend.Auto)
    {
        address = default;
        if (digest32.Length != 32 || signature.Length < 65) return false;
        int v = signature[64];
        int recoveryId = v >= 27 ? v - 27 : v;
        if (recoveryId is < 0 or > 1) return false;
        var r = new BigInteger(1, signature[..32].ToArray());
        var s = new BigInteger(1, signature[32..64].ToArray());
        if (r.SignValue == 0 || s.SignValue == 0 || r.CompareTo(N) >= 0 || s.CompareTo(HalfN) > 0) return false;

        Span<byte> publicKey = stackalloc byte[64];
        bool ok = backend switch
        {
            Secp256k1Backend.Native => RecoverNative(digest32, signature, recoveryId, publicKey),
            Secp256k1Backend.Managed => RecoverManaged(digest32, r, s, recoveryId, publicKey),
            _ => NativeAvailable ? RecoverNative(digest32, signature, recoveryId, publicKey) : RecoverManaged(digest32, r, s, recoveryId, publicKey),
        };
        if (!ok) return false;
        address = EthereumAddress.FromPublicKey(publicKey);
        return true;
    }

    /// <summary>Recovers from a "0x…" hex signature; false when the text is not hex or the signature is invalid.</summary>
    public static bool TryRecoverAddress(ReadOnlySpan<byte> digest32, string signatureHex, out EthereumAddress address)
    {
        address = default;
        byte[] bytes;
        try
        {
            bytes = Hex.Decode(signatureHex);
        }
        catch (FormatException)
        {
            return false;
        }

        return TryRecoverAddress(digest32, bytes, out address);
    }

    private static unsafe bool RecoverNative(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> signature, int recoveryId, Span<byte> publicKey64)
    {
        if (!LibSecp256k1.RecoveryAvailable) throw new PlatformNotSupportedException("libsecp256k1 recovery is not available");
        nint ctx = LibSecp256k1.Ctx;
        byte* recoverable = stackalloc byte[65];
        byte* pubkey = stackalloc byte[64];
        byte* serialized = stackalloc byte[65];
        nuint length = 65;
        fixed (byte* sig = signature)
        fixed (byte* digest = digest32)
        {
            if (LibSecp256k1.RecoverableParseCompact(ctx, recoverable, sig, recoveryId) != 1) return false;
            if (LibSecp256k1.Recover(ctx, pubkey, recoverable, digest) != 1) return false;
        }

        if (LibSecp256k1.PubkeySerialize(ctx, serialized, &length, pubkey, LibSecp256k1.EcUncompressed) != 1 || length != 65) return false;
        new ReadOnlySpan<byte>(serialized + 1, 64).CopyTo(publicKey64);
        return true;
    }

    private static bool RecoverManaged(ReadOnlySpan<byte> digest32, BigInteger r, BigInteger s, int recoveryId, Span<byte> publicKey64)
    {
        // R has x = r (the x = r + n case needs r < p − n, about 2^-127 likely; v = 27/28 cannot express it anyway).
        byte[] compressed = new byte[33];
        compressed[0] = (byte)(0x02 + (recoveryId & 1));
        byte[] rBytes = r.ToByteArrayUnsigned();
        rBytes.CopyTo(compressed, 33 - rBytes.Length);
        ECPoint rPoint;
        try
        {
            rPoint = CurveDef.DecodePoint(compressed);
        }
        catch (ArgumentException)
        {
            return false; // x is not on the curve
        }

        var e = new BigInteger(1, digest32.ToArray());
        BigInteger rInv = r.ModInverse(N);
        BigInteger u1 = N.Subtract(e).Multiply(rInv).Mod(N);
        BigInteger u2 = s.Multiply(rInv).Mod(N);
        ECPoint q = ECAlgorithms.SumOfTwoMultiplies(G, u1, rPoint, u2).Normalize();
        if (q.IsInfinity) return false;
        byte[] encoded = q.GetEncoded(false);
        encoded.AsSpan(1, 64).CopyTo(publicKey64);
        return true;
    }
}
