using FileFlow.Organisation;

namespace FileFlow.Signing.Certificates;

/// <summary>Why a CMS signature failed, with the details the typed exceptions carry.</summary>
internal sealed record CertificateProblem(SignatureFailure Failure, string Reason)
{
    public string? Subject { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public RevocationReason? RevocationReason { get; init; }

    public OfficerId? CertificateOfficer { get; init; }
}
