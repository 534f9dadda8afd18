using System.Globalization;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Signing;

/// <summary>Issue 15: a byte changed inside the certificate a CMS signature carries was accepted, and not even consistently.</summary>
public sealed class EmbeddedCertificateTamperTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static int OffsetOf(byte[] haystack, byte[] needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        at.Should().BeGreaterThan(0, "the CMS embeds the signer's certificate");
        return at;
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.Rsa2048)]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256)]
    public async Task Verify_EveryByteOfTheEmbeddedSignerCertificateChanged_IsRejected_AfterAGenuineRecordWasVerified(CertificateKeyAlgorithm algorithm)
    {
        var credential = DevPki.For(TestOffice.Sunita, algorithm);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Sunita, SignedAt);
        var verifier = DevPki.Verifier();
        verifier.Verify(record, bytes, signature).Should().Be(SignatureCheck.Valid, "the genuine record primes every cache first");

        var certificate = credential.Certificate.RawData;
        var start = OffsetOf(signature.Value, certificate);
        var accepted = new List<int>();
        for (var i = 0; i < certificate.Length; i++)
        {
            var tampered = (byte[])signature.Value.Clone();
            tampered[start + i] ^= 0x01;
            var forged = new RecordSignature(signature.Algorithm, tampered);
            if (verifier.Verify(record, bytes, forged).IsValid || verifier.VerifyDetached(bytes, forged, record.OccurredAt).IsValid)
            {
                accepted.Add(i);
            }
        }

        accepted.Should().BeEmpty("a changed certificate is no longer the one the authority signed");
        verifier.Verify(record, bytes, signature).Should().Be(SignatureCheck.Valid, "the genuine signature still verifies after the sweep");
    }

    [Fact]
    public async Task Verify_SameTamperedBytesManyTimesInParallel_AlwaysRejected_RegressionForCacheKeyedByKeyId()
    {
        var credential = DevPki.For(TestOffice.Arvind);
        var signer = credential.CreateSigner();
        var genuine = await DevPki.SignedRecordAsync(signer, TestOffice.Arvind, SignedAt);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(signer, TestOffice.Arvind, SignedAt.AddMinutes(1));
        var tampered = (byte[])signature.Value.Clone();

        // A byte in the signer certificate's public key: the issuer and serial (the signer identifier) stay the same.
        var certificate = credential.Certificate.RawData;
        tampered[OffsetOf(tampered, certificate) + certificate.Length - 300] ^= 0x01;
        var forged = new RecordSignature(signature.Algorithm, tampered);

        var outcomes = new System.Collections.Concurrent.ConcurrentBag<bool>();
        for (var round = 0; round < 10; round++)
        {
            var verifier = DevPki.Verifier();
            Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                if (i % 2 == 0)
                {
                    verifier.Verify(genuine.Record, genuine.Bytes, genuine.Signature).Should().Be(SignatureCheck.Valid);
                }

                outcomes.Add(verifier.Verify(record, bytes, forged).IsValid);
            });
        }

        outcomes.Should().HaveCount(640).And.OnlyContain(valid => !valid);
    }

    [Fact]
    public async Task Verify_TamperedEmbeddedCertificates_RejectedByFileFlowAndOpenssl()
    {
        var credential = DevPki.For(TestOffice.Pooja);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(credential.CreateSigner(), TestOffice.Pooja, SignedAt);
        var certificate = credential.Certificate.RawData;
        var start = OffsetOf(signature.Value, certificate);
        var directory = Directory.CreateTempSubdirectory("fileflow-cert-tamper-");
        try
        {
            File.WriteAllBytes(Path.Combine(directory.FullName, "record.bin"), bytes);
            File.WriteAllText(Path.Combine(directory.FullName, "root.pem"), DevPki.Root.Root.ExportCertificatePem());
            var attime = record.OccurredAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            string[] verify = ["cms", "-verify", "-binary", "-inform", "DER", "-content", "record.bin", "-in", "sig.der", "-CAfile", "root.pem",
                "-purpose", "any", "-attime", attime, "-out", "/dev/null"];
            File.WriteAllBytes(Path.Combine(directory.FullName, "sig.der"), signature.Value);
            OpenSsl.Run(directory.FullName, verify).ExitCode.Should().Be(0, "openssl accepts the genuine signature");

            var verifier = DevPki.Verifier();
            foreach (var offset in new[] { 20, 60, 120, 200, certificate.Length / 2, certificate.Length - 200, certificate.Length - 100, certificate.Length - 10 })
            {
                var tampered = (byte[])signature.Value.Clone();
                tampered[start + offset] ^= 0x01;
                File.WriteAllBytes(Path.Combine(directory.FullName, "sig.der"), tampered);
                var openssl = OpenSsl.Run(directory.FullName, verify);
                var check = verifier.Verify(record, bytes, new RecordSignature(signature.Algorithm, tampered));

                openssl.ExitCode.Should().NotBe(0, $"openssl rejects the certificate changed at byte {offset}");
                check.IsValid.Should().BeFalse($"FileFlow rejects the certificate changed at byte {offset}, as openssl does");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
