namespace FileFlow.Signing.Certificates;

/// <summary>The outcome of validating a signer's certification path at a time: a failure, or the path's validity windows and earliest revocation.</summary>
internal sealed record CertificatePath(
    CertificateProblem? Problem,
    IReadOnlyList<(string Subject, DateTimeOffset NotBefore, DateTimeOffset NotAfter)> Validity,
    (string Subject, DateTimeOffset At, RevocationReason Reason)? Revocation);
