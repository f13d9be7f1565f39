using Bookmaker.Venues.Polymarket.Crypto;
using FsCheck;
using FsCheck.Fluent;
using Org.BouncyCastle.Math;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests;

/// <summary>Signer recovery against the reference's §4 vectors and random signatures, on both backends.</summary>
public sealed class Secp256k1RecoveryTests
{
    /// <summary>(digest, signature) pairs of §4, all signed by 0xf39F…2266.</summary>
    public static TheoryData<string, string, Secp256k1Backend> SignedDigests()
    {
        string[][] pairs =
        [
            ["0x02ca1d1aa31103804173ad1acd70066cb6c1258a4be6dada055111f9a7ea4e55", "0x302cd9abd0b5fcaa202a344437ec0b6660da984e24ae9ad915a592a90facf5a51bb8a873cd8d270f070217fea1986531d5eec66f1162a81f66e026db653bf7ce1c"],
            ["0xf15790d3edc4b5aed427b0b543a9206fcf4b1a13dfed016d33bfb313076263b8", "0x1b3646ef347e5bd144c65bd3357ba19c12c12abaeedae733cf8579bc51a2752c0454c3bc6b236957e393637982c769b8dc0706c0f5c399983d933850afd1cbcd1c"],
            ["0x10124949f84e9f7438c88d02bfd546ceb27ed6eb1fdb0175137af535b6e2513d", "0x42c7b4857d51e344045fcfde17b37cf1290d784471ffe618c22aa56ea5ddcf0009015b87ffb299813f5597e86d4ad56f40d634558d915edb719e6fc71dbc0d891c"],
            ["0x9c2976657c4b229cc8e467a32ce9e3281ef40a70aee31cdc4619ebf51e4a7274", "0x79d82a92bd020329c6b9afad40b742c8cfaebdd992219b57e4282b6cfd53a66f2c97471d3297fa001f3eac2ead5f709c6e266893f19cef37633511420542a63b1b"],
            ["0x0d34966f6a42e3b8bec3d0d0dcca74d762695a3bd4cdf1d6a1fc2201bf9daa87", "0x22a4e68028c7984ff9b19217dee3a8491614e97a84ca42d53fe73e7a50745fd66706b966fa16ce911a3217958a5471343c47f2fd56ea9392522a4c1c156eac701c"],
            ["0x962c97b18bea292cc94b9479272aa74fb59a905e84a621a40eb339131e9fb6ba", "0x518472f1b081f6bd713d638bb11d1bf0720ed577e93c52eb00ec9f5f325f7d510c65cbfdfe9130de2602185f4a500863d777d8b838cb28abc75ecc1b5330315d1c"],
            ["0x46c2dec73dae47e86b5d589c084e6c54858d8f988db390421c8ec3a361fb78a2", "0x6435b08e46470f66939b330ab21e67f599857708cfbcc084d60738369f53b813595926e177af917b73378f6b3c6ee854ff18037a26f2869b98a483089f60bea71b"],
        ];
        var data = new TheoryData<string, string, Secp256k1Backend>();
        foreach (var p in pairs)
        {
            data.Add(p[0], p[1], Secp256k1Backend.Native);
            data.Add(p[0], p[1], Secp256k1Backend.Managed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SignedDigests))]
    public void Recovers_the_published_signer_from_every_reference_vector(string digest, string signature, Secp256k1Backend backend)
    {
        Assert.True(Secp256k1Recovery.TryRecoverAddress(Hex.Decode(digest), Hex.Decode(signature), out var address, backend));
        Assert.Equal(Vectors.Address, address);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Recovers_the_clob_auth_signer_of_the_amoy_vector(Secp256k1Backend backend)
    {
        Span<byte> structHash = stackalloc byte[32];
        Span<byte> digest = stackalloc byte[32];
        Eip712.HashClobAuth(Vectors.Address, "10000000", 23, structHash);
        Eip712.Digest(Eip712.DomainSeparator("ClobAuthDomain", "1", 80002, null), structHash, digest);
        var sig = Hex.Decode("0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b");
        Assert.True(Secp256k1Recovery.TryRecoverAddress(digest, sig, out var address, backend));
        Assert.Equal(Vectors.Address, address);
    }

    public static TheoryData<Secp256k1Backend> Backends => Vectors.Backends;

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_changed_digest_recovers_a_different_address(Secp256k1Backend backend)
    {
        var digest = Hex.Decode("0x10124949f84e9f7438c88d02bfd546ceb27ed6eb1fdb0175137af535b6e2513d");
        digest[31] ^= 1;
        var sig = Hex.Decode("0x42c7b4857d51e344045fcfde17b37cf1290d784471ffe618c22aa56ea5ddcf0009015b87ffb299813f5597e86d4ad56f40d634558d915edb719e6fc71dbc0d891c");
        bool ok = Secp256k1Recovery.TryRecoverAddress(digest, sig, out var address, backend);
        Assert.False(ok && address == Vectors.Address);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Refuses_high_s_and_bad_v(Secp256k1Backend backend)
    {
        var digest = Hex.Decode("0x10124949f84e9f7438c88d02bfd546ceb27ed6eb1fdb0175137af535b6e2513d");
        var sig = Hex.Decode("0x42c7b4857d51e344045fcfde17b37cf1290d784471ffe618c22aa56ea5ddcf0009015b87ffb299813f5597e86d4ad56f40d634558d915edb719e6fc71dbc0d891c");
        var highS = (byte[])sig.Clone();
        var s = new BigInteger(1, sig, 32, 32);
        var flipped = ManagedSecp256k1Signer.Curve.N.Subtract(s).ToByteArrayUnsigned();
        Array.Clear(highS, 32, 32);
        flipped.CopyTo(highS, 64 - flipped.Length);
        highS[64] ^= 1; // 27 <-> 28: the same point, the malleable twin
        Assert.False(Secp256k1Recovery.TryRecoverAddress(digest, highS, out _, backend));

        var badV = (byte[])sig.Clone();
        badV[64] = 29;
        Assert.False(Secp256k1Recovery.TryRecoverAddress(digest, badV, out _, backend));
        Assert.False(Secp256k1Recovery.TryRecoverAddress(digest, sig.AsSpan(0, 64), out _, backend));
    }

    [Fact]
    public void Both_backends_recover_the_signer_of_random_keys_and_digests()
    {
        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 32).ToArbitrary(),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 32).ToArbitrary(),
            (keyBytes, digest) =>
            {
                keyBytes[0] = (byte)Math.Max(1, keyBytes[0] & 0x7F);
                using var key = Secp256k1PrivateKey.FromBytes(keyBytes);
                using var signer = Secp256k1SignerFactory.Create(key);
                var sig = new byte[65];
                signer.Sign(digest, sig);
                return Secp256k1Recovery.TryRecoverAddress(digest, sig, out var a, Secp256k1Backend.Native)
                    && Secp256k1Recovery.TryRecoverAddress(digest, sig, out var b, Secp256k1Backend.Managed)
                    && a == signer.Address && b == signer.Address;
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }
}
