using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>Verifies a certified copy written by <see cref="CertifiedCopyExporter"/> trusting only the reader's root certificate: the public information
/// officer's signatures on the manifest and <c>SHA256SUMS</c>, every file's SHA-256, no file added, every released record's signature, chain and text, and
/// the list of withheld parts against the file's signed withholding records.</summary>
/// <remarks>
/// Thread-safe and stateless. Problems are reported in a <see cref="VerificationReport"/>, each naming the document and record, and the file of the copy
/// in its reason: <see cref="VerificationFailureKind.BundleMismatch"/> for a file altered, missing or added; <see cref="VerificationFailureKind.UnsignedManifest"/>
/// for a signature of the officer's that is missing or does not verify; the record kinds (<see cref="VerificationFailureKind.BadSignature"/>,
/// <see cref="VerificationFailureKind.BrokenChain"/>, …) for a bad record; <see cref="VerificationFailureKind.Incomplete"/> when the withheld parts do not
/// match the withholding records. Throws <see cref="BundleFormatException"/> only when the folder is not a certified copy at all.
/// </remarks>
public static class CertifiedCopyVerifier
{
    private static readonly string[] Signed = [BundleManifest.FileName, BundleManifest.SignatureName, BundleManifest.ChecksumsName, BundleManifest.ChecksumsSignatureName];

    /// <summary>Verifies the certified copy in the folder <paramref name="path"/>.</summary>
    /// <param name="path">The copy's folder.</param>
    /// <param name="options">The trust anchors and CRLs (as for a bundle); <see cref="BundleVerificationOptions.TrustAnchors"/> is required.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="ArgumentException">No trust anchor is given.</exception>
    /// <exception cref="BundleFormatException">The folder holds no certified copy's manifest, or the manifest is malformed.</exception>
    public static async Task<VerificationReport> VerifyAsync(string path, BundleVerificationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrustAnchors.Count == 0)
        {
            throw new ArgumentException("Give the root certificate the copy's signatures must chain to.", nameof(options));
        }

        var certificates = new CertificateSignatureVerifier(BundleVerifier.TrustOptions(options, []));
        var files = await BundleArchive.ReadAllAsync(path, cancellationToken).ConfigureAwait(false);
        if (!files.TryGetValue(BundleManifest.FileName, out var manifestBytes))
        {
            throw new BundleFormatException($"'{path}' has no {BundleManifest.FileName}; it is not a FileFlow certified copy.");
        }

        var manifest = CertifiedCopyManifest.Parse(manifestBytes);
        var fileId = ParseId(manifest.File);
        var failures = ImmutableArray.CreateBuilder<VerificationFailure>();
        void Fail(DocumentId id, long sequence, VerificationFailureKind kind, string reason) => failures.Add(new(id, sequence, kind, reason));

        CheckSignatures(manifest, manifestBytes, files, certificates, fileId, Fail);
        CheckFiles(manifest, files, fileId, Fail);
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

            records += VerifyDocument(id, document, files, options.SignatureVerifier ?? certificates, decoded[id], Fail);
        }

        CheckWithheld(manifest, files, fileId, decoded, Fail);
        return new VerificationReport(manifest.Documents.Count, records, failures.ToImmutable())
        {
            ManifestSigner = manifest.Certificates.FirstOrDefault(c => c.Sha256 == manifest.SignerKeyId)?.Subject,
        };
    }

    private static void CheckSignatures(CertifiedCopyManifest manifest, byte[] manifestBytes, Dictionary<string, byte[]> files, CertificateSignatureVerifier certificates, DocumentId fileId, Action<DocumentId, long, VerificationFailureKind, string> fail)
    {
        var officer = new OfficerId(manifest.Officer);
        foreach (var (content, signature) in new[] { (BundleManifest.FileName, BundleManifest.SignatureName), (BundleManifest.ChecksumsName, BundleManifest.ChecksumsSignatureName) })
        {
            if (!files.TryGetValue(content, out var bytes) || !files.TryGetValue(signature, out var cms))
            {
                fail(fileId, -1, VerificationFailureKind.UnsignedManifest, $"'{(files.ContainsKey(content) ? signature : content)}' is missing: nothing vouches for the copy");
                continue;
            }

            var check = certificates.VerifyDetachedBy(bytes, new RecordSignature(CmsSigner.AlgorithmName, cms), manifest.CertifiedAt, officer, manifest.SignerKeyId);
            if (!check.IsValid)
            {
                fail(fileId, -1, VerificationFailureKind.UnsignedManifest, $"'{signature}' is not the public information officer's ('{officer}') signature of '{content}': {check.Failure}: {check.Reason}");
            }
        }

        if (files.TryGetValue(BundleManifest.ChecksumsName, out var sums) && files.TryGetValue(BundleManifest.SignatureName, out var manifestSignature))
        {
            var expected = BundleManifest.Checksums(manifest.Files.Select(f => (f.Path, f.Sha256))
                .Append((BundleManifest.FileName, BundleSeal.Sha256(manifestBytes))).Append((BundleManifest.SignatureName, BundleSeal.Sha256(manifestSignature))));
            if (!Encoding.ASCII.GetBytes(expected).AsSpan().SequenceEqual(sums))
            {
                fail(fileId, -1, VerificationFailureKind.BundleMismatch, $"'{BundleManifest.ChecksumsName}' does not list exactly the files the manifest lists");
            }
        }
    }

    private static void CheckFiles(CertifiedCopyManifest manifest, Dictionary<string, byte[]> files, DocumentId fileId, Action<DocumentId, long, VerificationFailureKind, string> fail)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!BundleArchive.IsSafePath(file.Path) || Signed.Contains(file.Path) || !listed.Add(file.Path))
            {
                throw new BundleFormatException($"{BundleManifest.FileName} lists '{file.Path}', which is not a plain path of the copy or is listed twice.");
            }

            if (!files.TryGetValue(file.Path, out var bytes))
            {
                fail(fileId, -1, VerificationFailureKind.BundleMismatch, $"'{file.Path}' is missing from the copy");
            }
            else if (!string.Equals(BundleSeal.Sha256(bytes), file.Sha256, StringComparison.Ordinal))
            {
                fail(fileId, -1, VerificationFailureKind.BundleMismatch, $"'{file.Path}' was changed: its SHA-256 is not the one the manifest lists");
            }
        }

        foreach (var extra in files.Keys.Where(k => !listed.Contains(k) && !Signed.Contains(k)).Order(StringComparer.Ordinal))
        {
            fail(fileId, -1, VerificationFailureKind.BundleMismatch, $"'{extra}' is in the copy but not in its manifest");
        }
    }

    // The record's own checks, as the store verifier makes them: its bytes, its place, its link to the one before, its text and its signature.
    private static long VerifyDocument(DocumentId id, CopyDocument document, Dictionary<string, byte[]> files, ISignatureVerifier signatures, List<TransitionRecord> decoded, Action<DocumentId, long, VerificationFailureKind, string> fail)
    {
        var previous = Hash256.Zero;
        long expected = 0;
        foreach (var entry in document.Records.OrderBy(r => r.Sequence))
        {
            if (!files.TryGetValue(entry.Record, out var bytes) || !files.TryGetValue(entry.Signature, out var signature))
            {
                fail(id, entry.Sequence, VerificationFailureKind.Missing, $"'{(files.ContainsKey(entry.Record) ? entry.Signature : entry.Record)}' is missing from the copy");
                return expected;
            }

            TransitionRecord record;
            try
            {
                record = RecordCodec.Decode(bytes);
            }
            catch (RecordFormatException e)
            {
                fail(id, entry.Sequence, VerificationFailureKind.Malformed, $"'{entry.Record}' is not a record: {e.Message}");
                return expected;
            }

            var problem = record.DocumentId != id || record.Sequence != expected ? (VerificationFailureKind.Misplaced, $"'{entry.Record}' is record {record.Sequence} of document {record.DocumentId}, not record {expected} of {id}")
                : record.PreviousHash != previous ? (VerificationFailureKind.BrokenChain, $"'{entry.Record}' does not name the hash of the record before it")
                : ContentProblem(document, entry, record, files) is { } content ? (VerificationFailureKind.ContentMismatch, content)
                : signatures.Verify(record, bytes, new RecordSignature(entry.SignatureAlgorithm, signature)) is { IsValid: false } check ? (VerificationFailureKind.BadSignature, $"'{entry.Signature}' does not verify: {check.Failure}: {check.Reason}")
                : ((VerificationFailureKind, string)?)null;
            if (problem is { } p)
            {
                fail(id, entry.Sequence, p.Item1, p.Item2);
                return expected + 1;
            }

            decoded.Add(record);
            previous = Hash256.Compute(bytes);
            expected++;
        }

        return expected;
    }

    private static string? ContentProblem(CopyDocument document, CopyRecord entry, TransitionRecord record, Dictionary<string, byte[]> files)
    {
        if (entry.Content is null)
        {
            return record.ContentHash is null || document.WithheldParagraphs is { Count: > 0 } ? null : $"the text record '{entry.Record}' signs is missing from the copy";
        }

        return files.TryGetValue(entry.Content, out var content) && record.ContentHash == Hash256.Compute(content)
            ? null
            : $"'{entry.Content}' is not the text record '{entry.Record}' signs";
    }

    // Every withheld part listed is one the file's released withholding records withhold, and every such record's part is listed and absent.
    private static void CheckWithheld(CertifiedCopyManifest manifest, Dictionary<string, byte[]> files, DocumentId fileId, Dictionary<DocumentId, List<TransitionRecord>> decoded, Action<DocumentId, long, VerificationFailureKind, string> fail)
    {
        if (!files.TryGetValue(manifest.Withheld, out var json))
        {
            fail(fileId, -1, VerificationFailureKind.Incomplete, $"the list of withheld parts '{manifest.Withheld}' is missing from the copy");
            return;
        }

        List<CopyWithheld> listed;
        try
        {
            listed = CertifiedCopyManifest.ParseWithheld(json);
        }
        catch (BundleFormatException e)
        {
            fail(fileId, -1, VerificationFailureKind.Incomplete, e.Message);
            return;
        }

        var withholdings = decoded.GetValueOrDefault(fileId, []).Where(r => r.Trigger == DocumentTrigger.Withhold).ToList();
        foreach (var part in listed)
        {
            var record = withholdings.FirstOrDefault(r => r.Sequence == part.Sequence);
            if (record is null || part.Record != CertifiedCopyExporter.RecordPath(fileId, part.Sequence) + ".bin"
                || record.Attribute(RecordAttributes.Withheld) != part.Document || record.Attribute(RecordAttributes.RtiSection) != part.Section
                || record.Attribute(RecordAttributes.Reason) != part.Reason || record.Actor.Value != part.WithheldBy
                || record.Attribute(RecordAttributes.WithheldParagraph) != part.Paragraph?.ToString(CultureInfo.InvariantCulture))
            {
                fail(fileId, part.Sequence, VerificationFailureKind.Incomplete, $"'{manifest.Withheld}' lists document {part.Document} as withheld by record {part.Sequence} of the file, which is not a released withholding record saying so");
                continue;
            }

            var document = manifest.Documents.FirstOrDefault(d => d.Id == part.Document);
            if (part.Paragraph is null ? document is not null : document?.WithheldParagraphs?.Contains(part.Paragraph.Value) is false)
            {
                fail(ParseId(part.Document), -1, VerificationFailureKind.Incomplete, $"document {part.Document} is listed as withheld{(part.Paragraph is { } n ? $" (paragraph {n})" : string.Empty)} but the copy releases it");
            }
        }

        foreach (var record in withholdings)
        {
            var document = record.Attribute(RecordAttributes.Withheld);
            var paragraph = record.Attribute(RecordAttributes.WithheldParagraph);
            if (!listed.Any(p => p.Document == document && (p.Paragraph is null || p.Paragraph?.ToString(CultureInfo.InvariantCulture) == paragraph)))
            {
                fail(fileId, record.Sequence, VerificationFailureKind.Incomplete, $"record {record.Sequence} of the file withholds document {document}, which '{manifest.Withheld}' does not list");
            }
        }
    }

    private static DocumentId ParseId(string text) =>
        Guid.TryParse(text, CultureInfo.InvariantCulture, out var guid) ? new DocumentId(guid) : throw new BundleFormatException($"'{text}' in {BundleManifest.FileName} is not a document id.");
}
