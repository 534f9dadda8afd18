using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FileFlow.Organisation;
using FileFlow.Signing;
using Org.BouncyCastle.Security;

namespace FileFlow.Tests.Signing;

/// <summary>Software keys: native where the platform has the scheme, made once, repeatable from a seed, portable as PKCS#8, and checked by an independent implementation.</summary>
public sealed class SoftwareKeyMaterialTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("file DEPT/1/2026 approved");

    public static TheoryData<string> Algorithms() => new(SignatureAlgorithms.All);

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task A_signature_verifies_with_BouncyCastle_as_an_independent_implementation(string algorithm)
    {
        var key = SoftwareKey.Generate("k", algorithm);
        var signature = await key.CreateSigner().SignAsync(Data, DateTimeOffset.UnixEpoch);
        signature.Algorithm.Should().Be(algorithm);

        var verifier = SignerUtilities.GetSigner(algorithm switch
        {
            SignatureAlgorithms.Rsa2048Sha256 => "SHA256withRSA",
            SignatureAlgorithms.EcdsaP256Sha256 => "SHA256withECDSA",
            _ => "Ed25519",
        });
        verifier.Init(false, PublicKeyFactory.CreateKey(key.PublicKeyInfo.ToArray()));
        verifier.BlockUpdate(Data);
        verifier.VerifySignature(signature.Value).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task The_same_seed_gives_the_same_key_and_another_seed_another(string algorithm)
    {
        var a = SoftwareKey.FromSeed("a", algorithm, "officer-1"u8);
        var again = SoftwareKey.FromSeed("a", algorithm, "officer-1"u8);
        var other = SoftwareKey.FromSeed("b", algorithm, "officer-2"u8);

        again.PublicKeyInfo.ToArray().Should().Equal(a.PublicKeyInfo.ToArray());
        other.PublicKeyInfo.ToArray().Should().NotEqual(a.PublicKeyInfo.ToArray());
        var signature = await again.CreateSigner().SignAsync(Data, DateTimeOffset.UnixEpoch);
        Directory(a).Verify(Record(a), Data, signature).IsValid.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task A_key_exported_as_PKCS8_and_imported_signs_as_the_original(string algorithm)
    {
        var key = SoftwareKey.Generate("k", algorithm);
        var copy = SoftwareKey.ImportPkcs8("k", key.ExportPkcs8());

        copy.Algorithm.Should().Be(algorithm);
        copy.PublicKeyInfo.ToArray().Should().Equal(key.PublicKeyInfo.ToArray());
        var signature = await copy.CreateSigner().SignAsync(Data, DateTimeOffset.UnixEpoch);
        Directory(key).Verify(Record(key), Data, signature).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Bytes_that_are_not_a_PKCS8_key_are_refused_by_name()
    {
        FluentActions.Invoking(() => SoftwareKey.ImportPkcs8("k", [0x30, 0x03, 0x02, 0x01, 0x00]))
            .Should().Throw<ArgumentException>().WithMessage("*PKCS#8*");
        using var dsa = DSA.Create(1024);
        FluentActions.Invoking(() => SoftwareKey.ImportPkcs8("k", dsa.ExportPkcs8PrivateKey()))
            .Should().Throw<ArgumentException>().WithMessage("*supported scheme*");
        FluentActions.Invoking(() => SoftwareKey.FromSeed("k", SignatureAlgorithms.Ed25519, ReadOnlySpan<byte>.Empty))
            .Should().Throw<ArgumentException>().WithMessage("*seed*");
    }

    [Fact]
    public void A_key_makes_its_signer_once()
    {
        var key = SoftwareKey.Generate("k", SignatureAlgorithms.EcdsaP256Sha256);
        key.CreateSigner().Should().BeSameAs(key.CreateSigner());
    }

    [Fact]
    public void A_public_key_of_the_wrong_size_or_scheme_is_refused_at_registration()
    {
        using var rsa1024 = RSA.Create(1024);
        FluentActions.Invoking(() => new PublicKeyDirectory().Register("k", new OfficerId("o"), SignatureAlgorithms.Rsa2048Sha256, rsa1024.ExportSubjectPublicKeyInfo()))
            .Should().Throw<ArgumentException>().WithMessage("*'k'*1024*");
        var ec = SoftwareKey.Generate("e", SignatureAlgorithms.EcdsaP256Sha256);
        FluentActions.Invoking(() => new PublicKeyDirectory().Register("e", new OfficerId("o"), SignatureAlgorithms.Ed25519, ec.PublicKeyInfo.Span))
            .Should().Throw<ArgumentException>().WithMessage("*'e'*");
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Concurrent_signatures_with_one_key_all_verify(string algorithm)
    {
        var key = SoftwareKey.Generate("k", algorithm);
        var directory = Directory(key);
        var signatures = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var data = Encoding.UTF8.GetBytes("record " + i);
            return (data, await key.CreateSigner().SignAsync(data, DateTimeOffset.UnixEpoch));
        })));

        signatures.Should().OnlyContain(s => directory.Verify(Record(key), s.data, s.Item2).IsValid);
    }

    private static PublicKeyDirectory Directory(SoftwareKey key) => new PublicKeyDirectory().Register(key, new OfficerId("o"));

    private static FileFlow.Records.TransitionRecord Record(SoftwareKey key) => new()
    {
        DocumentId = FileFlow.Documents.DocumentId.New(), Kind = FileFlow.Documents.DocumentKind.File, Sequence = 0, ActionId = Guid.NewGuid(),
        Trigger = FileFlow.Documents.DocumentTrigger.Create, From = FileFlow.Documents.DocumentState.None, To = FileFlow.Documents.DocumentState.Draft,
        Actor = new OfficerId("o"), ActingAs = new PostId("P"), Capacity = ActingCapacity.Holder, Holder = new PostId("P"),
        OccurredAt = DateTimeOffset.UnixEpoch, PreviousHash = FileFlow.Records.Hash256.Zero, SignerKeyId = key.KeyId,
    };
}
