using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Signing;

public sealed class RemoteCmsSignerTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 7, 1, 8, 15, 0, 500, TimeSpan.Zero);

    /// <summary>An eSign stand-in: it receives the digest and signing time and answers with real CMS made by a development-CA certificate.</summary>
    private sealed class ESignDouble(OfficerCredential credential, Func<RemoteSignatureRequest, RemoteSignatureRequest>? distort = null) : IRemoteSignatureService
    {
        private readonly CmsSigner signer = credential.CreateSigner();

        public List<RemoteSignatureRequest> Requests { get; } = [];

        public string CertificateKeyId => credential.KeyId;

        public async ValueTask<byte[]> SignAsync(RemoteSignatureRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            request = distort?.Invoke(request) ?? request;
            var signature = await signer.SignAsync(request.Data, request.SigningTime, cancellationToken);
            return signature.Value;
        }
    }

    [Fact]
    public async Task SignAsync_ESignServiceReturningCms_VerifiesLikeALocalSignature()
    {
        var service = new ESignDouble(DevPki.For(TestOffice.Meera));
        var signer = new RemoteCmsSigner(service);
        var (record, bytes, signature) = await DevPki.SignedRecordAsync(signer, TestOffice.Meera, SignedAt);

        signer.KeyId.Should().Be(DevPki.For(TestOffice.Meera).KeyId);
        service.Requests.Should().ContainSingle();
        service.Requests[0].Digest.ToArray().Should().Equal(System.Security.Cryptography.SHA256.HashData(bytes));
        service.Requests[0].SigningTime.Should().Be(record.OccurredAt);
        signature.Algorithm.Should().Be("cms");
        DevPki.Verifier().VerifyOrThrow(record, bytes, signature);
    }

    [Fact]
    public async Task SignAsync_ServiceSignsOtherBytes_ThrowsRemoteSignatureException()
    {
        var service = new ESignDouble(DevPki.For(TestOffice.Meera), r => r with { Data = new byte[] { 1, 2, 3 } });

        await FluentActions.Awaiting(() => DevPki.SignedRecordAsync(new RemoteCmsSigner(service), TestOffice.Meera, SignedAt))
            .Should().ThrowAsync<RemoteSignatureException>().WithMessage("*message digest*");
    }

    [Fact]
    public async Task SignAsync_ServiceUsesAnotherTime_ThrowsRemoteSignatureException()
    {
        var service = new ESignDouble(DevPki.For(TestOffice.Meera), r => r with { SigningTime = r.SigningTime.AddHours(-1) });

        await FluentActions.Awaiting(() => DevPki.SignedRecordAsync(new RemoteCmsSigner(service), TestOffice.Meera, SignedAt))
            .Should().ThrowAsync<RemoteSignatureException>().WithMessage("*signing time*");
    }

    [Fact]
    public async Task SignAsync_ServiceSignsWithAnotherCertificate_ThrowsRemoteSignatureException()
    {
        var impostor = new ESignDouble(DevPki.For(TestOffice.Karan));
        var misconfigured = new DelegatingService(DevPki.For(TestOffice.Meera).KeyId, impostor);

        await FluentActions.Awaiting(() => DevPki.SignedRecordAsync(new RemoteCmsSigner(misconfigured), TestOffice.Meera, SignedAt))
            .Should().ThrowAsync<RemoteSignatureException>().WithMessage("*certificate*");
    }

    private sealed class DelegatingService(string keyId, IRemoteSignatureService inner) : IRemoteSignatureService
    {
        public string CertificateKeyId => keyId;

        public ValueTask<byte[]> SignAsync(RemoteSignatureRequest request, CancellationToken cancellationToken = default) => inner.SignAsync(request, cancellationToken);
    }
}
