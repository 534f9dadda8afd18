using System.Formats.Asn1;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Signing;

/// <summary>The quick read of a signature whose signer was seen before (<see cref="CmsEnvelope.TryReadKnownShape"/>) reads what the strict parse reads,
/// and a verifier that has seen the signer gives every other shape the verdict, and the reason, a verifier that has not gives it.</summary>
public sealed class CmsEnvelopeTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    [Theory]
    [InlineData(CertificateKeyAlgorithm.Rsa2048, 2026)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256, 2026)]
    [InlineData(CertificateKeyAlgorithm.Ed25519, 2026)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256, 1950)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256, 1999)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256, 2049)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256, 2050)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256, 2160)]
    public async Task TryReadKnownShape_WhatCmsSignerWrites_ReadsWhatTheStrictParseReads(CertificateKeyAlgorithm algorithm, int year)
    {
        var credential = DevPki.For(TestOffice.Sunita, algorithm);
        var at = new DateTimeOffset(year, 12, 31, 23, 59, 58, TimeSpan.Zero);
        var (_, _, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Sunita, at);

        var strict = CmsEnvelope.Parse(signature.Value);
        var quick = CmsEnvelope.TryReadKnownShape(signature.Value);

        quick.Should().NotBeNull("FileFlow's own signatures take the quick read");
        quick!.SigningTime.Should().Be(strict.SigningTime).And.Be(at);
        quick.DigestOid.Should().Be(strict.DigestOid);
        quick.SignatureOid.Should().Be(strict.SignatureOid);
        quick.Signature.Should().Equal(strict.Signature);
        quick.SignedAttributes.Should().Equal(strict.SignedAttributes);
        quick.MessageDigest.ToArray().Should().Equal(strict.MessageDigest.ToArray());
        quick.Cms.Should().BeNull("the quick read builds no BouncyCastle objects");
    }

    [Fact]
    public async Task TryReadKnownShape_SameSignerAtAnotherTime_HasTheSameKnownSignerKey_AnotherSigner_AnotherKey()
    {
        var signer = DevPki.For(TestOffice.Sunita, CertificateKeyAlgorithm.EcdsaP256).CreateSigner();
        var first = await DevPki.SignedRecordAsync(signer, TestOffice.Sunita, SignedAt);
        var second = await DevPki.SignedRecordAsync(signer, TestOffice.Sunita, SignedAt.AddHours(1));
        var other = await DevPki.SignedRecordAsync(DevPki.For(TestOffice.Arvind, CertificateKeyAlgorithm.EcdsaP256).CreateSigner(), TestOffice.Arvind, SignedAt);

        var key = CmsEnvelope.TryReadKnownShape(first.Signature.Value)!.KnownSignerKey;

        CmsEnvelope.TryReadKnownShape(second.Signature.Value)!.KnownSignerKey.Should().Be(key);
        CmsEnvelope.TryReadKnownShape(other.Signature.Value)!.KnownSignerKey.Should().NotBe(key);
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.Rsa2048)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256)]
    [InlineData(CertificateKeyAlgorithm.Ed25519)]
    public async Task Verify_EveryByteOutsideTheCertificatesChanged_GivesTheSameVerdictAfterTheSignerWasSeenAsBefore(CertificateKeyAlgorithm algorithm)
    {
        var credential = DevPki.For(TestOffice.Sunita, algorithm);
        var signer = credential.CreateSigner();
        var genuine = await DevPki.SignedRecordAsync(signer, TestOffice.Sunita, SignedAt);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(signer, TestOffice.Sunita, SignedAt.AddMinutes(1));
        var warm = DevPki.Verifier();
        warm.Verify(genuine.Record, genuine.Bytes, genuine.Signature).Should().Be(SignatureCheck.Valid, "the genuine record makes the signer known");
        var certificates = CertificateSetRange(signature.Value);

        var differences = new List<string>();
        for (var i = 0; i < signature.Value.Length; i++)
        {
            if (certificates.Contains(i))
            {
                continue;
            }

            foreach (var change in new Func<byte, byte>[] { b => (byte)(b ^ 0x01), b => (byte)(b ^ 0x80) })
            {
                var tampered = (byte[])signature.Value.Clone();
                tampered[i] = change(tampered[i]);
                Compare(warm, record, bytes, tampered, $"byte {i}", differences);
            }
        }

        differences.Should().BeEmpty();
        warm.Verify(record, bytes, signature).Should().Be(SignatureCheck.Valid);
    }

    public static TheoryData<string> Shapes => new()
    {
        "trailing byte", "unsigned attributes", "CRLs", "unknown signed attribute", "signing time twice", "signing time with fraction",
        "signing time without seconds", "signing time with offset", "content type twice", "message digest empty", "digest algorithm with NULL",
        "digest algorithm sets differ", "SignedData version 3", "no signing-certificate attribute", "two signers", "no certificates",
        "indefinite length", "signature algorithm with parameters",
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Verify_OtherShape_GivesTheSameVerdictAfterTheSignerWasSeenAsBefore(string shape)
    {
        var signer = DevPki.For(TestOffice.Sunita, CertificateKeyAlgorithm.EcdsaP256).CreateSigner();
        var genuine = await DevPki.SignedRecordAsync(signer, TestOffice.Sunita, SignedAt);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(signer, TestOffice.Sunita, SignedAt.AddMinutes(1));
        var warm = DevPki.Verifier();
        warm.Verify(genuine.Record, genuine.Bytes, genuine.Signature).Should().Be(SignatureCheck.Valid);
        var variant = Variant(signature.Value, shape);
        variant.Should().NotEqual(signature.Value);

        var differences = new List<string>();
        Compare(warm, record, bytes, variant, shape, differences);

        differences.Should().BeEmpty();
    }

    [Fact]
    public void TrustedSigner_KeepsTheDerOfItsCertificates_NotParsedBouncyCastleCertificates()
    {
        var kept = typeof(TrustedSigner).GetProperties().Select(p => p.PropertyType).ToList();

        kept.Should().NotContain(t => t.FullName!.Contains("X509", StringComparison.Ordinal) || t.FullName.Contains("Asn1", StringComparison.Ordinal));
        typeof(TrustedSigner).GetProperty(nameof(TrustedSigner.CertificateDer))!.PropertyType.Should().Be<byte[]>();
        typeof(TrustedSigner).GetProperty(nameof(TrustedSigner.EmbeddedDer))!.PropertyType.Should().Be<byte[][]>();
    }

    private static void Compare(CertificateSignatureVerifier warm, FileFlow.Records.TransitionRecord record, byte[] bytes, byte[] value, string what, List<string> differences)
    {
        var forged = new RecordSignature(CmsFormat.Name, value);
        var expected = DevPki.Verifier().Verify(record, bytes, forged);
        var actual = warm.Verify(record, bytes, forged);
        if (actual != expected)
        {
            differences.Add($"{what}: {actual} after the signer was seen, {expected} before");
        }
    }

    private static HashSet<int> CertificateSetRange(byte[] cms)
    {
        var signedData = new AsnReader(cms, AsnEncodingRules.DER).ReadSequence();
        signedData.ReadObjectIdentifier();
        var inner = signedData.ReadSequence(Context0).ReadSequence();
        inner.ReadInteger();
        inner.ReadEncodedValue();
        inner.ReadEncodedValue();
        var set = inner.PeekEncodedValue().ToArray();
        var start = cms.AsSpan().IndexOf(set);
        return [.. Enumerable.Range(start, set.Length)];
    }

    private static List<byte[]> Elements(AsnReader reader)
    {
        var list = new List<byte[]>();
        while (reader.HasData)
        {
            list.Add(reader.ReadEncodedValue().ToArray());
        }

        return list;
    }

    private static byte[] Constructed(Asn1Tag tag, IEnumerable<byte[]> elements)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        var set = tag == Asn1Tag.SetOf;
        using (set ? writer.PushSetOf() : writer.PushSequence(tag))
        {
            foreach (var element in elements)
            {
                writer.WriteEncodedValue(element);
            }
        }

        return writer.Encode();
    }

    private static byte[] Attribute(string oid, Action<AsnWriter> value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf())
            {
                value(writer);
            }
        }

        return writer.Encode();
    }

    private static byte[] Primitive(Asn1Tag tag, string text) =>
        [(byte)(tag == Asn1Tag.UtcTime ? 0x17 : 0x18), (byte)text.Length, .. System.Text.Encoding.ASCII.GetBytes(text)];

    // Takes the CMS apart (ContentInfo, SignedData, SignerInfo, signed attributes), changes one thing, and puts it together again in DER order.
    private static byte[] Variant(byte[] cms, string shape)
    {
        if (shape == "trailing byte")
        {
            return [.. cms, 0];
        }

        var contentInfo = new AsnReader(cms, AsnEncodingRules.DER).ReadSequence();
        var contentType = contentInfo.ReadEncodedValue().ToArray();
        var signedData = Elements(contentInfo.ReadSequence(Context0).ReadSequence());
        var signerInfo = Elements(new AsnReader(signedData[^1], AsnEncodingRules.DER).ReadSetOf().ReadSequence());
        var attributes = Elements(new AsnReader(signerInfo[3], AsnEncodingRules.DER).ReadSetOf(Context0));
        var signingTime = attributes.FindIndex(a => new AsnReader(a, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier() == CmsFormat.SigningTime);
        byte[] Time(Asn1Tag tag, string text) => Attribute(CmsFormat.SigningTime, w => w.WriteEncodedValue(Primitive(tag, text)));
        switch (shape)
        {
            case "unsigned attributes":
                signerInfo.Add(Constructed(Context1, [Attribute("1.2.3.4", w => w.WriteNull())]));
                break;
            case "CRLs":
                signedData.Insert(signedData.Count - 1, Constructed(Context1, []));
                break;
            case "unknown signed attribute":
                attributes.Add(Attribute("1.2.3.4", w => w.WriteNull()));
                break;
            case "signing time twice":
                attributes.Add(Time(Asn1Tag.UtcTime, "260601100000Z"));
                break;
            case "signing time with fraction":
                attributes[signingTime] = Time(Asn1Tag.GeneralizedTime, "20260601100100.5Z");
                break;
            case "signing time without seconds":
                attributes[signingTime] = Time(Asn1Tag.UtcTime, "2606011001Z");
                break;
            case "signing time with offset":
                attributes[signingTime] = Time(Asn1Tag.UtcTime, "260601153100+0530");
                break;
            case "content type twice":
                attributes.Add(Attribute(CmsFormat.ContentType, w => w.WriteObjectIdentifier(CmsFormat.Data)));
                break;
            case "message digest empty":
                attributes[attributes.FindIndex(a => new AsnReader(a, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier() == CmsFormat.MessageDigest)] =
                    Attribute(CmsFormat.MessageDigest, w => w.WriteOctetString([]));
                break;
            case "no signing-certificate attribute":
                attributes.RemoveAll(a => new AsnReader(a, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier() == CmsFormat.SigningCertificateV2);
                break;
            case "digest algorithm with NULL" or "digest algorithm sets differ":
                var withNull = new AsnWriter(AsnEncodingRules.DER);
                using (withNull.PushSequence())
                {
                    withNull.WriteObjectIdentifier(CmsFormat.Sha256);
                    withNull.WriteNull();
                }

                signerInfo[2] = withNull.Encode();
                if (shape == "digest algorithm with NULL")
                {
                    signedData[1] = Constructed(Asn1Tag.SetOf, [signerInfo[2]]);
                }

                break;
            case "signature algorithm with parameters":
                var withParameters = new AsnWriter(AsnEncodingRules.DER);
                using (withParameters.PushSequence())
                {
                    withParameters.WriteObjectIdentifier(CmsFormat.EcdsaWithSha256);
                    withParameters.WriteObjectIdentifier(CmsFormat.Data);
                }

                signerInfo[4] = withParameters.Encode();
                break;
            case "SignedData version 3":
                signedData[0] = [0x02, 0x01, 0x03];
                break;
            case "no certificates":
                signedData.RemoveAt(3);
                break;
            case "two signers":
            case "indefinite length":
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf(Context0))
        {
            attributes.ForEach(a => writer.WriteEncodedValue(a));
        }

        signerInfo[3] = writer.Encode();
        var info = Constructed(Asn1Tag.Sequence, signerInfo);
        writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            writer.WriteEncodedValue(info);
            if (shape == "two signers")
            {
                writer.WriteEncodedValue(info);
            }
        }

        signedData[^1] = writer.Encode();
        var content = Constructed(Context0, [Constructed(Asn1Tag.Sequence, signedData)]);
        if (shape == "indefinite length")
        {
            return [0x30, 0x80, .. contentType, .. content, 0x00, 0x00];
        }

        return Constructed(Asn1Tag.Sequence, [contentType, content]);
    }
}
