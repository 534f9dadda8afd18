using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>Verifies an export bundle written by <see cref="BundleExporter"/> trusting only the auditor's root certificate: files, records, chains, content, signatures, machine replay, log inclusion and completeness.</summary>
/// <remarks>
/// Thread-safe and stateless. Reports the problems it finds in a <see cref="VerificationReport"/>, each naming the document and record where one applies:
/// <see cref="VerificationFailureKind.BundleMismatch"/> for missing, unlisted or altered files, the store verifier's kinds for bad records,
/// <see cref="VerificationFailureKind.NotInLog"/> for proofs that do not reach the checkpoint, <see cref="VerificationFailureKind.UnsignedManifest"/> when
/// the manifest's CMS signature is missing or does not verify to a trust anchor, and <see cref="VerificationFailureKind.Incomplete"/> or
/// <see cref="VerificationFailureKind.Missing"/> for documents or records of the file left out. Throws <see cref="BundleFormatException"/> only when the bundle cannot be read at all.
/// </remarks>
public static class BundleVerifier
{
    /// <summary>Verifies the bundle folder or .zip file at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">No trust anchor and no signature verifier is given, or an additional CRL is not a DER CRL.</exception>
    /// <exception cref="BundleFormatException">The path is not a bundle, the manifest is missing or malformed, or it names files outside the bundle.</exception>
    public static async Task<VerificationReport> VerifyAsync(string path, BundleVerificationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        if (options.SignatureVerifier is null)
        {
            // Checks the caller's own inputs before anything of the bundle is read.
            _ = new CertificateSignatureVerifier(TrustOptions(options, []));
        }

        var files = await BundleArchive.ReadAllAsync(path, cancellationToken).ConfigureAwait(false);
        if (!files.TryGetValue(BundleManifest.FileName, out var manifestBytes))
        {
            throw new BundleFormatException($"'{path}' has no {BundleManifest.FileName}; it is not a FileFlow bundle.");
        }

        var manifest = BundleManifest.Parse(manifestBytes);
        var fileId = ParseId(manifest.File);
        var failures = ImmutableArray.CreateBuilder<VerificationFailure>();
        var owners = Owners(manifest);
        CheckFiles(manifest, files, owners, fileId, failures);

        var certificates = options.TrustAnchors.Count > 0 ? BundleSignatureVerifier(manifest, files, options) : null;
        // Reported after the records' own failures, so that ThrowIfInvalid names the first bad record when there is one.
        var manifestFailures = ImmutableArray.CreateBuilder<VerificationFailure>();
        var manifestSigner = CheckManifestSignature(manifest, manifestBytes, files, certificates, options, fileId, manifestFailures);

        var checkpoint = ReadCheckpoint(manifest, files, options, fileId, failures);
        var signatures = options.SignatureVerifier ?? certificates!;

        var decoded = new Dictionary<DocumentId, List<TransitionRecord>>();
        long records = 0;
        foreach (var document in manifest.Documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = ParseId(document.Id);
            if (!decoded.TryAdd(id, []))
            {
                throw new BundleFormatException($"{BundleManifest.FileName} lists document {id} twice.");
            }

            records += VerifyDocument(id, document, files, signatures, checkpoint, options, decoded[id], failures);
        }

        CheckCompleteness(fileId, decoded, failures);
        if (manifestSigner is not null && decoded.Values.SelectMany(r => r).FirstOrDefault(r => r.SignerKeyId == manifest.SignerKeyId) is { } own)
        {
            // An officer cannot vouch for the completeness of a bundle of their own records.
            manifestFailures.Add(new(fileId, -1, VerificationFailureKind.UnsignedManifest, $"the manifest is signed by certificate '{manifestSigner}', which also signs records of the file (document {own.DocumentId} record {own.Sequence}); a bundle is vouched for by the office's export certificate"));
            manifestSigner = null;
        }

        if (manifestSigner is not null)
        {
            // Only a manifest that holds can say what SHA256SUMS must be; a failed manifest is already reported.
            CheckChecksums(manifest, files, certificates!, fileId, manifestFailures);
        }

        failures.AddRange(manifestFailures);
        return new VerificationReport(manifest.Documents.Count, records, failures.ToImmutable()) { ManifestSigner = manifestSigner };
    }

    private static long VerifyDocument(DocumentId id, BundleDocument document, Dictionary<string, byte[]> files, ISignatureVerifier signatures, SignedCheckpoint? checkpoint, BundleVerificationOptions options, List<TransitionRecord> decoded, ImmutableArray<VerificationFailure>.Builder failures)
    {
        if (document.Records.Count == 0)
        {
            failures.Add(new(id, -1, VerificationFailureKind.Missing, "the bundle lists the document without records"));
            return 0;
        }

        var replay = new DocumentReplay(id, options.Organisation is null ? null : new Authority.AuthorityPolicy(options.Organisation));
        VerificationFailure? proofFailure = null;
        long count = 0;
        foreach (var entry in document.Records.OrderBy(r => r.Sequence))
        {
            if (!files.TryGetValue(entry.Record, out var bytes) || !files.TryGetValue(entry.Signature, out var signatureBytes))
            {
                var gone = files.ContainsKey(entry.Record) ? entry.Signature : entry.Record;
                failures.Add(new(id, entry.Sequence, VerificationFailureKind.Missing, $"'{gone}' is missing from the bundle"));
                break;
            }

            byte[]? content = entry.Content is { } contentPath && files.TryGetValue(contentPath, out var c) ? c : null;
            var stored = SignedRecord.FromStored(id, entry.Sequence, bytes, new RecordSignature(entry.SignatureAlgorithm, signatureBytes), content, entry.Position);
            var check = stored.TryGetRecord(out var record, out _)
                ? signatures.Verify(record!, bytes, stored.Signature)
                : SignatureCheck.Fail(SignatureFailure.Malformed, "record bytes are malformed");
            replay.Apply(stored, check);
            count++;
            if (record is not null && replay.Failure is null)
            {
                decoded.Add(record);
            }

            if (checkpoint is not null && proofFailure is null)
            {
                proofFailure = CheckProof(id, entry, bytes, files, checkpoint.Checkpoint);
            }
        }

        if (replay.Failure is { } failure)
        {
            failures.Add(failure);
        }
        else if (CheckHead(id, document) is { } headFailure)
        {
            failures.Add(headFailure);
        }
        else if (checkpoint?.Checkpoint.Heads is { } committed && CheckCommittedHead(id, document, files, committed) is { } committedFailure)
        {
            failures.Add(committedFailure);
        }

        if (proofFailure is not null)
        {
            failures.Add(proofFailure);
        }

        return count;
    }

    /// <summary>The signed manifest names each document's head (last sequence and its hash): the records must run up to it, so a dropped last record shows.</summary>
    private static VerificationFailure? CheckHead(DocumentId id, BundleDocument document)
    {
        var last = document.Records.MaxBy(r => r.Sequence)!;
        if (document.HeadSequence < 0 || string.IsNullOrEmpty(document.HeadHash))
        {
            return new(id, -1, VerificationFailureKind.Incomplete, $"{BundleManifest.FileName} does not name the document's head record");
        }

        if (last.Sequence != document.HeadSequence)
        {
            return last.Sequence < document.HeadSequence
                ? new(id, last.Sequence + 1, VerificationFailureKind.Missing, $"the document's head is record {document.HeadSequence} but the bundle's records end at {last.Sequence}: records {last.Sequence + 1} to {document.HeadSequence} are missing")
                : new(id, last.Sequence, VerificationFailureKind.Incomplete, $"the bundle holds record {last.Sequence}, after the document's head record {document.HeadSequence}");
        }

        return string.Equals(last.Sha256, document.HeadHash, StringComparison.Ordinal)
            ? null
            : new(id, last.Sequence, VerificationFailureKind.Incomplete, $"the head record's hash {last.Sha256} is not the document's head hash {document.HeadHash}");
    }

    /// <summary>The checkpoint commits to every document's head: the manifest's head must be the document's leaf under the checkpoint's heads root, so a
    /// bundle that leaves out the last record fails even when its manifest is re-signed (the log's key, not the export key, signs the heads).</summary>
    private static VerificationFailure? CheckCommittedHead(DocumentId id, BundleDocument document, Dictionary<string, byte[]> files, TreeHead committed)
    {
        if (document.HeadProof is not { } path || !BundleArchive.IsSafePath(path) || !files.TryGetValue(path, out var text))
        {
            return new(id, -1, VerificationFailureKind.Incomplete, $"the checkpoint commits to the documents' heads but the bundle has no proof of this document's head{(document.HeadProof is null ? string.Empty : $" ('{document.HeadProof}' is missing)")}");
        }

        InclusionProof proof;
        try
        {
            proof = InclusionProof.Parse(Encoding.ASCII.GetString(text));
        }
        catch (LogFormatException e)
        {
            return new(id, -1, VerificationFailureKind.Incomplete, $"'{path}' is not an inclusion proof: {e.Message}");
        }

        Hash256 head;
        try
        {
            head = Hash256.Parse(document.HeadHash);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return new(id, -1, VerificationFailureKind.Incomplete, $"the document's head hash '{document.HeadHash}' is not a SHA-256 hash");
        }

        var leaf = MerkleHasher.LeafHash(DocumentHeads.Leaf(id, document.HeadSequence, head));
        return proof.TreeSize == committed.Size && proof.Verify(leaf, committed.RootHash)
            ? null
            : new(id, document.HeadSequence, VerificationFailureKind.Incomplete,
                $"the checkpoint does not commit to record {document.HeadSequence} ({document.HeadHash}) as the document's head: records after it are left out of the bundle, or the head was changed");
    }

    /// <summary>Checks <c>manifest.p7s</c>: a detached CMS over the exact manifest bytes, signed at the export time by the certificate the manifest names (or the pinned one), which chains to a trust anchor.</summary>
    /// <returns>The signer certificate's subject when the signature is acceptable.</returns>
    private static string? CheckManifestSignature(BundleManifest manifest, byte[] manifestBytes, Dictionary<string, byte[]> files, CertificateSignatureVerifier? certificates, BundleVerificationOptions options, DocumentId fileId, ImmutableArray<VerificationFailure>.Builder failures)
    {
        if (!BundleArchive.IsSafePath(manifest.Signature) || !files.TryGetValue(manifest.Signature, out var signature))
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.UnsignedManifest, $"the manifest's signature '{manifest.Signature}' is missing: nothing vouches that the bundle holds every document and record of the file"));
            return null;
        }

        if (certificates is null)
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.UnsignedManifest, "no trust anchor was given to check the manifest's signature"));
            return null;
        }

        if (options.ManifestSignerKeyId is { } pinned && !string.Equals(pinned, manifest.SignerKeyId, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.UnsignedManifest, $"{SignatureFailure.UnknownKey}: the manifest names signer '{manifest.SignerKeyId}', not the expected export certificate '{pinned}'"));
            return null;
        }

        // The manifest names its signer's thumbprint; the CMS must be signed by exactly that certificate.
        var check = certificates.VerifyDetached(manifestBytes, new RecordSignature(CmsSigner.AlgorithmName, signature), manifest.ExportedAt, ServiceRole.Export, manifest.SignerKeyId);
        if (!check.IsValid)
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.UnsignedManifest, $"the manifest's signature is not acceptable: {check.Failure}: {check.Reason}"));
            return null;
        }

        return manifest.Certificates.FirstOrDefault(c => c.Sha256 == manifest.SignerKeyId)?.Subject ?? SignerSubject(signature, manifest.SignerKeyId);
    }

    /// <summary>Checks <c>SHA256SUMS</c>, the list openssl users check files against: it must be exactly the list derived from the signed manifest,
    /// and signed (<c>SHA256SUMS.p7s</c>) by the manifest's own signer.</summary>
    private static void CheckChecksums(BundleManifest manifest, Dictionary<string, byte[]> files, CertificateSignatureVerifier certificates, DocumentId fileId, ImmutableArray<VerificationFailure>.Builder failures)
    {
        if (!files.TryGetValue(BundleManifest.ChecksumsName, out var sums))
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.BundleMismatch, $"{BundleManifest.ChecksumsName} is missing: the openssl path cannot check the files"));
            return;
        }

        var listed = manifest.Files.Select(f => (f.Path, f.Sha256))
            .Concat(new[] { BundleManifest.FileName, manifest.Signature }.Where(files.ContainsKey).Select(p => (p, BundleSeal.Sha256(files[p]))));
        if (!sums.AsSpan().SequenceEqual(System.Text.Encoding.ASCII.GetBytes(BundleManifest.Checksums(listed))))
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.BundleMismatch, $"{BundleManifest.ChecksumsName} does not list exactly the files of the signed {BundleManifest.FileName}"));
        }

        if (!files.TryGetValue(BundleManifest.ChecksumsSignatureName, out var signature))
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.UnsignedManifest, $"{BundleManifest.ChecksumsSignatureName} is missing: nothing vouches for {BundleManifest.ChecksumsName}"));
            return;
        }

        var check = certificates.VerifyDetached(sums, new RecordSignature(CmsSigner.AlgorithmName, signature), manifest.ExportedAt, ServiceRole.Export, manifest.SignerKeyId);
        if (!check.IsValid)
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.UnsignedManifest, $"the signature of {BundleManifest.ChecksumsName} is not acceptable: {check.Failure}: {check.Reason}"));
        }
    }

    private static string? SignerSubject(byte[] cms, string keyId)
    {
        foreach (var der in CmsEnvelope.Parse(cms).Certificates)
        {
            if (CertificateKeyId.Of(der.Span) == keyId)
            {
                using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(der.Span);
                return certificate.Subject;
            }
        }

        return null;
    }

    private static VerificationFailure? CheckProof(DocumentId id, BundleRecord entry, byte[] bytes, Dictionary<string, byte[]> files, Checkpoint checkpoint)
    {
        if (!files.TryGetValue(entry.Proof, out var text))
        {
            return new(id, entry.Sequence, VerificationFailureKind.NotInLog, $"the inclusion proof '{entry.Proof}' is missing");
        }

        InclusionProof proof;
        try
        {
            proof = InclusionProof.Parse(Encoding.ASCII.GetString(text));
        }
        catch (LogFormatException e)
        {
            return new(id, entry.Sequence, VerificationFailureKind.NotInLog, $"'{entry.Proof}' is not an inclusion proof: {e.Message}");
        }

        if (proof.LeafIndex != entry.Position || proof.TreeSize != checkpoint.TreeSize)
        {
            return new(id, entry.Sequence, VerificationFailureKind.NotInLog, $"the proof is for leaf {proof.LeafIndex} of {proof.TreeSize}, not position {entry.Position} of the checkpoint's {checkpoint.TreeSize}");
        }

        return proof.Verify(MerkleHasher.LeafHash(bytes), checkpoint.RootHash)
            ? null
            : new(id, entry.Sequence, VerificationFailureKind.NotInLog, $"the record is not leaf {entry.Position} of the log under the checkpoint's root {checkpoint.RootHash}");
    }

    private static void CheckCompleteness(DocumentId fileId, Dictionary<DocumentId, List<TransitionRecord>> decoded, ImmutableArray<VerificationFailure>.Builder failures)
    {
        if (!decoded.TryGetValue(fileId, out var fileRecords))
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.Incomplete, "the bundle does not hold the file it was exported for"));
            return;
        }

        if (fileRecords.Count > 0 && fileRecords[0].Kind != DocumentKind.File)
        {
            failures.Add(new(fileId, 0, VerificationFailureKind.Incomplete, $"the bundle's main document is a {fileRecords[0].Kind}, not a file"));
        }

        var parent = fileId.ToString();
        foreach (var record in fileRecords)
        {
            if (record.Attribute(RecordAttributes.Receipt) is { } receipt
                && (!Guid.TryParseExact(receipt, "N", out var receiptId) || !decoded.ContainsKey(new DocumentId(receiptId))))
            {
                failures.Add(new(fileId, record.Sequence, VerificationFailureKind.Incomplete, $"the record names receipt {receipt}, which the bundle leaves out"));
            }
        }

        foreach (var (id, records) in decoded)
        {
            if (id == fileId || records.Count == 0)
            {
                continue;
            }

            var belongs = records[0].Kind switch
            {
                DocumentKind.Noting or DocumentKind.DraftForApproval => records[0].Attribute(RecordAttributes.Parent) == parent,
                DocumentKind.Receipt => records.Any(r => r.Trigger == DocumentTrigger.PutInFile && r.Attribute(RecordAttributes.Parent) == parent),
                _ => false,
            };
            if (!belongs)
            {
                failures.Add(new(id, -1, VerificationFailureKind.Incomplete, $"the {records[0].Kind} does not belong to file {fileId}"));
            }
        }
    }

    /// <summary>Maps every path a record uses to that record, so a bad file is reported against its document and sequence.</summary>
    private static Dictionary<string, (DocumentId Id, long Sequence)> Owners(BundleManifest manifest)
    {
        var owners = new Dictionary<string, (DocumentId, long)>(StringComparer.Ordinal);
        foreach (var document in manifest.Documents)
        {
            var id = ParseId(document.Id);
            foreach (var record in document.Records)
            {
                foreach (var path in new[] { record.Record, record.Signature, record.Content, record.Proof })
                {
                    if (path is null)
                    {
                        continue;
                    }

                    if (!BundleArchive.IsSafePath(path))
                    {
                        throw new BundleFormatException($"{BundleManifest.FileName} names '{path}', which is not a plain relative path inside the bundle.");
                    }

                    owners[path] = (id, record.Sequence);
                }
            }
        }

        return owners;
    }

    private static void CheckFiles(BundleManifest manifest, Dictionary<string, byte[]> files, Dictionary<string, (DocumentId Id, long Sequence)> owners, DocumentId fileId, ImmutableArray<VerificationFailure>.Builder failures)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!BundleArchive.IsSafePath(file.Path))
            {
                throw new BundleFormatException($"{BundleManifest.FileName} names '{file.Path}', which is not a plain relative path inside the bundle.");
            }

            listed.Add(file.Path);
            var (id, sequence) = owners.TryGetValue(file.Path, out var owner) ? owner : (fileId, -1L);
            if (!files.TryGetValue(file.Path, out var data))
            {
                failures.Add(new(id, sequence, VerificationFailureKind.BundleMismatch, $"'{file.Path}' is listed in {BundleManifest.FileName} but missing"));
            }
            else if (!string.Equals(BundleSeal.Sha256(data), file.Sha256, StringComparison.Ordinal))
            {
                failures.Add(new(id, sequence, VerificationFailureKind.BundleMismatch, $"'{file.Path}' does not match its SHA-256 in {BundleManifest.FileName}"));
            }
        }

        foreach (var (path, (id, sequence)) in owners)
        {
            if (!listed.Contains(path))
            {
                failures.Add(new(id, sequence, VerificationFailureKind.BundleMismatch, $"'{path}' is used by a record but has no SHA-256 in {BundleManifest.FileName}"));
            }
        }

        // Nothing rides along unvouched for: every file but the manifest, SHA256SUMS and their signatures is listed in the signed manifest.
        string[] unlisted = [BundleManifest.FileName, manifest.Signature, BundleManifest.ChecksumsName, BundleManifest.ChecksumsSignatureName];
        foreach (var path in files.Keys.Where(p => !unlisted.Contains(p, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (!listed.Contains(path))
            {
                failures.Add(new(fileId, -1, VerificationFailureKind.BundleMismatch, $"'{path}' is in the bundle but not in {BundleManifest.FileName}"));
            }
        }
    }

    private static SignedCheckpoint? ReadCheckpoint(BundleManifest manifest, Dictionary<string, byte[]> files, BundleVerificationOptions options, DocumentId fileId, ImmutableArray<VerificationFailure>.Builder failures)
    {
        if (!BundleArchive.IsSafePath(manifest.Checkpoint) || !files.TryGetValue(manifest.Checkpoint, out var text))
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.NotInLog, $"the checkpoint '{manifest.Checkpoint}' is missing"));
            return null;
        }

        SignedCheckpoint checkpoint;
        try
        {
            checkpoint = SignedCheckpoint.Parse(Encoding.ASCII.GetString(text));
        }
        catch (LogFormatException e)
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.NotInLog, "the checkpoint is malformed: " + e.Message));
            return null;
        }

        if (checkpoint.Checkpoint.Origin != manifest.CheckpointOrigin || checkpoint.Checkpoint.TreeSize != manifest.CheckpointTreeSize
            || checkpoint.Checkpoint.RootHash.ToString() != manifest.CheckpointRootHash)
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.NotInLog, $"the checkpoint ({checkpoint.Checkpoint.TreeSize} records, root {checkpoint.Checkpoint.RootHash}) is not the one {BundleManifest.FileName} names ({manifest.CheckpointTreeSize} records, root {manifest.CheckpointRootHash})"));
        }

        if (options.CheckpointVerifier?.Verify(checkpoint) is { IsValid: false } bad)
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.NotInLog, $"the checkpoint's signature is not acceptable: {bad.Failure}: {bad.Reason}"));
        }

        if (options.TrustedCheckpoint is { } trusted
            && (trusted.Origin != checkpoint.Checkpoint.Origin || trusted.Head != checkpoint.Checkpoint.Head))
        {
            failures.Add(new(fileId, -1, VerificationFailureKind.NotInLog, $"the bundle's checkpoint ({checkpoint.Checkpoint.Origin}, {checkpoint.Checkpoint.TreeSize} records, root {checkpoint.Checkpoint.RootHash}) is not the trusted one ({trusted.Origin}, {trusted.TreeSize} records, root {trusted.RootHash})"));
        }

        return checkpoint;
    }

    private static CertificateSignatureVerifier BundleSignatureVerifier(BundleManifest manifest, Dictionary<string, byte[]> files, BundleVerificationOptions options)
    {
        var crls = new List<byte[]>();
        foreach (var crl in manifest.Crls)
        {
            // A CRL left out of the bundle is reported by the file check; the verifier uses the ones present.
            if (BundleArchive.IsSafePath(crl.Path) && files.TryGetValue(crl.Path, out var der))
            {
                crls.Add(der);
            }
        }

        try
        {
            return new CertificateSignatureVerifier(TrustOptions(options, crls));
        }
        catch (ArgumentException e)
        {
            throw new BundleFormatException("A CRL in the bundle is not a DER-encoded X.509 CRL: " + e.Message, e);
        }
    }

    internal static CertificateTrustOptions TrustOptions(BundleVerificationOptions options, List<byte[]> bundleCrls)
    {
        var trust = new CertificateTrustOptions { OfficerResolver = options.OfficerResolver };
        foreach (var anchor in options.TrustAnchors)
        {
            trust.TrustAnchors.Add(anchor);
        }

        foreach (var crl in options.AdditionalCrls.Concat(bundleCrls))
        {
            trust.Crls.Add(crl);
        }

        return trust;
    }

    private static DocumentId ParseId(string text) =>
        Guid.TryParseExact(text, "N", out var id)
            ? new DocumentId(id)
            : throw new BundleFormatException($"{BundleManifest.FileName} names document '{text}', which is not a document id (32 hexadecimal digits).");
}
