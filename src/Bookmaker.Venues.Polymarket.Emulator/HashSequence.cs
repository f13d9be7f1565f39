using System.Globalization;
using Bookmaker.Venues.Polymarket.Crypto;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// Fake but well-formed hashes (book hashes, price-change hashes, house order ids): keccak of a salt and a running
/// number, so they are unique and the same run gives the same hashes.
/// </summary>
internal sealed class HashSequence
{
    private long _next;

    /// <summary>The next hash for <paramref name="salt"/> as 0x-prefixed hex.</summary>
    public string Next(string salt)
    {
        byte[] h = Keccak256.HashUtf8(salt + (++_next).ToString(CultureInfo.InvariantCulture));
        return Hex.Encode0x(h);
    }
}
