using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Signing;

namespace FileFlow.Audit;

/// <summary>Settings of <see cref="CertifiedCopyExporter.ExportAsync"/>: the public information officer who certifies the copy, their signer, the policy that says they may, and the clearance the copy is released at.</summary>
/// <remarks><see cref="Officer"/>, <see cref="Signer"/> and <see cref="Authority"/> are required.</remarks>
public sealed class CertifiedCopyOptions
{
    /// <summary>Gets or sets the public information officer certifying the copy.</summary>
    /// <value><see langword="null"/> by default; required.</value>
    public OfficerId? Officer { get; set; }

    /// <summary>Gets or sets the officer's CMS signer (<see cref="Signing.Certificates.OfficerCredential.CreateSigner"/>), which signs <c>manifest.json</c> and <c>SHA256SUMS</c>.</summary>
    /// <value><see langword="null"/> by default; required.</value>
    public ISigner? Signer { get; set; }

    /// <summary>Gets or sets the authority policy that decides whether <see cref="Officer"/> is the file's public information officer (<see cref="AuthorityPolicy.AuthorisePublicInformationOfficer"/>).</summary>
    /// <value><see langword="null"/> by default; required.</value>
    public AuthorityPolicy? Authority { get; set; }

    /// <summary>Gets or sets the highest grading the copy is released at: every part graded above it must have been withheld.</summary>
    /// <value><see cref="SecurityGrading.Normal"/> by default (an RTI applicant).</value>
    public SecurityGrading Clearance { get; set; }

    /// <summary>Gets or sets what the copy answers, for example an RTI application's number; shown in the copy.</summary>
    /// <value><see langword="null"/> by default.</value>
    public string? Request { get; set; }

    /// <summary>Gets or sets the clock that stamps the certification time.</summary>
    /// <value><see cref="TimeProvider.System"/> by default.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
