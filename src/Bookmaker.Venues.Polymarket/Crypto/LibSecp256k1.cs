using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>
/// The system libsecp256k1 (Debian package libsecp256k1-1), bound through function pointers taken from
/// <see cref="NativeLibrary"/> so a missing library is a clean "not available", never a crash at type load.
/// One signing context is created for the process lifetime; signing with a const context is thread-safe.
/// </summary>
internal static unsafe class LibSecp256k1
{
    // SECP256K1_CONTEXT_SIGN (type flag | sign bit). Needed by 0.1-era builds, ignored by newer ones.
    private const uint ContextSign = (1u << 0) | (1u << 9);
    internal const uint EcUncompressed = 1u << 1;

    private static readonly nint Context;
    private static readonly string? LoadError;

    internal static readonly delegate* unmanaged<nint, byte*, byte*, byte*, nint, nint, int> SignRecoverable;
    internal static readonly delegate* unmanaged<nint, byte*, int*, byte*, int> SerializeCompact;
    internal static readonly delegate* unmanaged<nint, byte*, byte*, int> PubkeyCreate;
    internal static readonly delegate* unmanaged<nint, byte*, nuint*, byte*, uint, int> PubkeySerialize;

    // Recovery (used by the loopback emulator to check order signatures); optional: null when not exported.
    internal static readonly delegate* unmanaged<nint, byte*, byte*, int, int> RecoverableParseCompact;
    internal static readonly delegate* unmanaged<nint, byte*, byte*, byte*, int> Recover;

#pragma warning disable CA1810 // explicit static constructor: the load order of the exports matters and failures must be caught
    static LibSecp256k1()
#pragma warning restore CA1810
    {
        if (!NativeLibrary.TryLoad("libsecp256k1.so.1", out nint lib) && !NativeLibrary.TryLoad("libsecp256k1.so", out lib)
            && !NativeLibrary.TryLoad("secp256k1", typeof(LibSecp256k1).Assembly, null, out lib))
        {
            LoadError = "libsecp256k1 is not installed (Debian: apt-get install libsecp256k1-1)";
            return;
        }

        if (!NativeLibrary.TryGetExport(lib, "secp256k1_context_create", out nint create)
            || !NativeLibrary.TryGetExport(lib, "secp256k1_ecdsa_sign_recoverable", out nint sign)
            || !NativeLibrary.TryGetExport(lib, "secp256k1_ecdsa_recoverable_signature_serialize_compact", out nint ser)
            || !NativeLibrary.TryGetExport(lib, "secp256k1_ec_pubkey_create", out nint pub)
            || !NativeLibrary.TryGetExport(lib, "secp256k1_ec_pubkey_serialize", out nint pubSer))
        {
            LoadError = "libsecp256k1 was loaded but lacks the recovery module exports";
            return;
        }

        Context = ((delegate* unmanaged<uint, nint>)create)(ContextSign);
        if (Context == 0)
        {
            LoadError = "secp256k1_context_create returned null";
            return;
        }

        // Blinding against side channels; it does not change signatures (RFC 6979 nonces are deterministic).
        if (NativeLibrary.TryGetExport(lib, "secp256k1_context_randomize", out nint randomize))
        {
            byte* seed = stackalloc byte[32];
            RandomNumberGenerator.Fill(new Span<byte>(seed, 32));
            _ = ((delegate* unmanaged<nint, byte*, int>)randomize)(Context, seed);
        }

        SignRecoverable = (delegate* unmanaged<nint, byte*, byte*, byte*, nint, nint, int>)sign;
        SerializeCompact = (delegate* unmanaged<nint, byte*, int*, byte*, int>)ser;
        PubkeyCreate = (delegate* unmanaged<nint, byte*, byte*, int>)pub;
        PubkeySerialize = (delegate* unmanaged<nint, byte*, nuint*, byte*, uint, int>)pubSer;

        // Since 0.2 every context can verify; older builds need the VERIFY flag, so recovery is only bound on a
        // library new enough to have secp256k1_selftest (added in 0.2), else callers fall back to managed code.
        if (NativeLibrary.TryGetExport(lib, "secp256k1_ecdsa_recoverable_signature_parse_compact", out nint parse)
            && NativeLibrary.TryGetExport(lib, "secp256k1_ecdsa_recover", out nint recover)
            && NativeLibrary.TryGetExport(lib, "secp256k1_selftest", out _))
        {
            RecoverableParseCompact = (delegate* unmanaged<nint, byte*, byte*, int, int>)parse;
            Recover = (delegate* unmanaged<nint, byte*, byte*, byte*, int>)recover;
        }
    }

    internal static bool IsAvailable => Context != 0 && SignRecoverable != null;

    internal static bool RecoveryAvailable => IsAvailable && Recover != null && RecoverableParseCompact != null;

    internal static nint Ctx => IsAvailable ? Context : throw new PlatformNotSupportedException(LoadError ?? "libsecp256k1 unavailable");
}
