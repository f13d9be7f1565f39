using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using FsCheck;
using FsCheck.Fluent;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Tests;

/// <summary>Backends agree, signatures are canonical, keys stay secret.</summary>
public sealed class SignerBackendTests
{
    private static readonly BigInteger N = ManagedSecp256k1Signer.Curve.N;

    [Fact]
    public void Native_library_is_available_on_a_machine_prepared_by_test_sh() =>
        Assert.True(Secp256k1SignerFactory.NativeAvailable, "libsecp256k1 could not be loaded; run ./test.sh (installs libsecp256k1-1)");

    [Fact]
    public void Factory_prefers_the_native_backend_when_present()
    {
        using var key = Secp256k1PrivateKey.FromHex(Vectors.PrivateKeyHex);
        using var signer = Secp256k1SignerFactory.Create(key);
        Assert.Equal(Secp256k1SignerFactory.NativeAvailable ? "native" : "managed", signer.BackendName);
    }

    [Fact]
    public void Both_backends_give_identical_low_s_signatures_that_verify_for_random_keys_and_digests()
    {
        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 32).ToArbitrary(),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 32).ToArbitrary(),
            (keyBytes, digest) =>
            {
                keyBytes[0] = (byte)Math.Max(1, keyBytes[0] & 0x7F); // inside [1, n)
                using var key = Secp256k1PrivateKey.FromBytes(keyBytes);
                using var native = Secp256k1SignerFactory.Create(key, Secp256k1Backend.Native);
                using var managed = Secp256k1SignerFactory.Create(key, Secp256k1Backend.Managed);
                var a = new byte[65];
                var b = new byte[65];
                native.Sign(digest, a);
                managed.Sign(digest, b);
                var r = new BigInteger(1, a, 0, 32);
                var s = new BigInteger(1, a, 32, 32);
                var verifier = new ECDsaSigner();
                var q = ManagedSecp256k1Signer.Curve.G.Multiply(new BigInteger(1, keyBytes));
                verifier.Init(false, new ECPublicKeyParameters(q, new ECDomainParameters(ManagedSecp256k1Signer.Curve)));
                return a.AsSpan().SequenceEqual(b)
                    && native.Address == managed.Address
                    && s.CompareTo(N.ShiftRight(1)) <= 0
                    && a[64] is 27 or 28
                    && verifier.VerifySignature(digest, r, s);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void Managed_r_and_s_equal_bouncy_castle_ecdsa_signer_with_rfc6979_after_low_s()
    {
        using var key = Secp256k1PrivateKey.FromHex(Vectors.PrivateKeyHex);
        using var managed = new ManagedSecp256k1Signer(key);
        var digest = Hex.Decode("0x10124949f84e9f7438c88d02bfd546ceb27ed6eb1fdb0175137af535b6e2513d");
        var ours = new byte[65];
        managed.Sign(digest, ours);
        var reference = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        reference.Init(true, new ECPrivateKeyParameters(new BigInteger(1, Hex.Decode(Vectors.PrivateKeyHex)), new ECDomainParameters(ManagedSecp256k1Signer.Curve)));
        var rs = reference.GenerateSignature(digest);
        var s = rs[1].CompareTo(N.ShiftRight(1)) > 0 ? N.Subtract(rs[1]) : rs[1];
        Assert.Equal(rs[0], new BigInteger(1, ours, 0, 32));
        Assert.Equal(s, new BigInteger(1, ours, 32, 32));
    }

    [Fact]
    public void Private_key_never_prints()
    {
        using var key = Secp256k1PrivateKey.FromHex(Vectors.PrivateKeyHex);
        Assert.Equal("***", key.ToString());
        Assert.Equal("***", $"{key}");
    }

    [Fact]
    public void Malformed_private_key_error_does_not_echo_the_text()
    {
        string bad = Vectors.PrivateKeyHex[..^1] + "z";
        var ex = Assert.Throws<FormatException>(() => Secp256k1PrivateKey.FromHex(bad));
        Assert.DoesNotContain(bad[2..20], ex.Message);
        Assert.DoesNotContain(bad[2..20], ex.ToString());
    }

    [Fact]
    public void Out_of_range_private_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Secp256k1PrivateKey.FromBytes(new byte[32]));
        Assert.Throws<ArgumentException>(() => Secp256k1PrivateKey.FromHex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"));
    }

    [Theory]
    [MemberData(nameof(Vectors.Backends), MemberType = typeof(Vectors))]
    public void Disposed_key_cannot_create_a_signer(Secp256k1Backend backend)
    {
        var key = Secp256k1PrivateKey.FromHex(Vectors.PrivateKeyHex);
        key.Dispose();
        Assert.Equal("***", key.ToString());
        Assert.Throws<ObjectDisposedException>(() => Secp256k1SignerFactory.Create(key, backend));
    }

    [Fact]
    public void Api_credentials_and_headers_never_print_secret_or_passphrase()
    {
        var credentials = new ApiCredentials("key-id", "c2VjcmV0LXNlY3JldC1zZWNyZXQ=", "pass-phrase-123");
        using var signer = new L2RequestSigner(credentials, Vectors.Address);
        var headers = signer.CreateHeaders(1, "GET", "/", default);
        foreach (var text in new[] { credentials.ToString(), signer.ToString(), headers.ToString() })
        {
            Assert.DoesNotContain("c2VjcmV0", text);
            Assert.DoesNotContain("pass-phrase-123", text);
        }
    }

    [Fact]
    public void Bad_api_secret_error_does_not_echo_it()
    {
        var ex = Assert.Throws<FormatException>(() => new L2RequestSigner(new ApiCredentials("k", "not*base64*secret", "p"), Vectors.Address));
        Assert.DoesNotContain("not*base64", ex.Message);
    }

    [Fact]
    public void Address_parse_rejects_a_bad_eip55_checksum_and_accepts_lower_case()
    {
        Assert.Throws<FormatException>(() => EthereumAddress.Parse("0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        Assert.Equal(Vectors.Address, EthereumAddress.Parse(Vectors.AddressText.ToLowerInvariant()));
        Assert.Equal(Vectors.AddressText, Vectors.Address.ToString());
    }
}
