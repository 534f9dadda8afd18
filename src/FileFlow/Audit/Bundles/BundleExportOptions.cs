using FileFlow.Signing;

namespace FileFlow.Audit;

/// <summary>Settings of <see cref="BundleExporter.ExportAsync"/>: who signs the manifest, the checkpoint the bundle proves its records against, and the CRLs it carries.</summary>
/// <remarks>
/// <see cref="ManifestSigner"/> is required. Give either <see cref="Checkpoint"/> (a checkpoint already published) or <see cref="LogSigner"/> and <see cref="Origin"/>
/// (the exporter takes a fresh one).
/// </remarks>
public sealed class BundleExportOptions
{
    /// <summary>Gets or sets the signer of <c>manifest.json</c>: a CMS signer (<see cref="Signing.Certificates.CmsSigner"/>) holding the log's or export service's certificate, which must chain to the root the auditors trust.</summary>
    /// <remarks>The signed manifest is what commits the bundle to its complete content: every document of the file, each one's head, and every file with its SHA-256.</remarks>
    /// <value><see langword="null"/> by default; the exporter refuses to run without it.</value>
    public ISigner? ManifestSigner { get; set; }

    /// <summary>Gets or sets a signed checkpoint to prove the records against; it must cover every exported record and match the store.</summary>
    /// <value><see langword="null"/> by default: a fresh checkpoint is taken and signed with <see cref="LogSigner"/>.</value>
    public SignedCheckpoint? Checkpoint { get; set; }

    /// <summary>Gets or sets the log's key, used to sign a fresh checkpoint when <see cref="Checkpoint"/> is not given.</summary>
    /// <value><see langword="null"/> by default.</value>
    public ISigner? LogSigner { get; set; }

    /// <summary>Gets or sets the log's origin written into a fresh checkpoint (for example <c>health-dte.example.gov.in/fileflow</c>).</summary>
    /// <value><see langword="null"/> by default.</value>
    public string? Origin { get; set; }

    /// <summary>Gets or sets the clock that stamps the fresh checkpoint and the manifest's export time.</summary>
    /// <value><see cref="TimeProvider.System"/> by default.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets the DER-encoded CRLs to carry in the bundle, so revocation can be judged offline (normally those of the deployment's trust options).</summary>
    /// <value>Empty by default.</value>
    public IList<byte[]> Crls { get; } = [];
}
