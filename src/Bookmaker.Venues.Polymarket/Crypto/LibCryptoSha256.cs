using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Bookmaker.Venues.Polymarket.Crypto;

/// <summary>
/// OpenSSL's low-level <c>SHA256_Init/Update/Final</c> (libcrypto 3 or 1.1, the library .NET itself uses on Linux),
/// bound through function pointers from <see cref="NativeLibrary"/>. These calls skip the EVP/provider layer,
/// whose per-call cost (context duplication, provider dispatch) is about half of an L2 HMAC through
/// <see cref="IncrementalHash"/>; they still run OpenSSL's SHA-NI/AVX2 block function. The context is a plain
/// struct with no pointers, so an HMAC midstate can be copied by value. Deprecated (not removed) in OpenSSL 3;
/// a missing export, a missing library (Windows, macOS) or a failed self-test leaves <see cref="IsAvailable"/>
/// false and callers fall back to <see cref="IncrementalHash"/>.
/// </summary>
internal static unsafe class LibCryptoSha256
{
    /// <summary>Bytes reserved for one <c>SHA256_CTX</c> (112 bytes in OpenSSL 1.1 and 3.x; rounded up).</summary>
    internal const int ContextSize = 128;

    internal static readonly delegate* unmanaged<byte*, int> Init;
    internal static readonly delegate* unmanaged<byte*, byte*, nuint, int> Update;
    internal static readonly delegate* unmanaged<byte*, byte*, int> Final;

    /// <summary>True when the three exports were found and hash "abc" to the FIPS 180-2 value.</summary>
    internal static bool IsAvailable { get; }

#pragma warning disable CA1810 // explicit static constructor: the exports are bound and self-tested in order, failures caught
    static LibCryptoSha256()
#pragma warning restore CA1810
    {
        if (!OperatingSystem.IsLinux()
            || (!NativeLibrary.TryLoad("libcrypto.so.3", out nint lib) && !NativeLibrary.TryLoad("libcrypto.so.1.1", out lib)))
        {
            return;
        }

        if (!NativeLibrary.TryGetExport(lib, "SHA256_Init", out nint init)
            || !NativeLibrary.TryGetExport(lib, "SHA256_Update", out nint update)
            || !NativeLibrary.TryGetExport(lib, "SHA256_Final", out nint final))
        {
            return;
        }

        Init = (delegate* unmanaged<byte*, int>)init;
        Update = (delegate* unmanaged<byte*, byte*, nuint, int>)update;
        Final = (delegate* unmanaged<byte*, byte*, int>)final;
        IsAvailable = SelfTest();
    }

    private static bool SelfTest()
    {
        byte* ctx = stackalloc byte[ContextSize];
        byte* digest = stackalloc byte[32];
        ReadOnlySpan<byte> abc = "abc"u8;
        fixed (byte* p = abc)
        {
            if (Init(ctx) != 1 || Update(ctx, p, (nuint)abc.Length) != 1 || Final(digest, ctx) != 1) return false;
        }

        return new ReadOnlySpan<byte>(digest, 32).SequenceEqual(SHA256.HashData(abc));
    }
}
