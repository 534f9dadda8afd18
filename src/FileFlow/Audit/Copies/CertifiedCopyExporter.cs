using System.Globalization;
using System.Text;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>Exports a certified copy of a file for an RTI reply or an audit: its notings and correspondence with the parts withheld under section 8(1)
/// of the RTI Act left out, signed by the file's public information officer and checkable with openssl alone.</summary>
/// <remarks>
/// Thread-safe and stateless. The copy is a folder: each released document's signed records (<c>records/&lt;document&gt;/&lt;sequence&gt;.bin</c> and
/// <c>.sig</c>, the noting text as <c>.content</c>) and its signers' certificates (<c>certs/</c>), so each officer's signature still verifies;
/// <c>withheld.json</c> listing every withheld part with the file's signed withholding record; a readable <c>copy.html</c>; a <c>README.txt</c> with the
/// openssl and sha256sum commands; a <c>manifest.json</c> listing all of them with their SHA-256, and <c>SHA256SUMS</c>, both signed (detached CMS) by the
/// public information officer. A document withheld whole is absent (its records too); a noting with a paragraph withheld carries its records but none of
/// its text, which <c>copy.html</c> gives without the paragraph. Check a copy with <see cref="CertifiedCopyVerifier"/>.
/// </remarks>
public static class CertifiedCopyExporter
{
    /// <summary>Writes the certified copy of <paramref name="fileId"/> into the new or empty folder <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The options lack the officer, signer or policy; the signer does not make CMS signatures; the document is not a file; or the folder is not empty.</exception>
    /// <exception cref="DocumentNotFoundException">The file does not exist.</exception>
    /// <exception cref="Authority.NotPublicInformationOfficerException">The officer is not the file's public information officer now.</exception>
    /// <exception cref="GradedPartNotWithheldException">A part is graded above <see cref="CertifiedCopyOptions.Clearance"/> and was not withheld.</exception>
    public static async Task<CertifiedCopyResult> ExportAsync(IDocumentStore store, DocumentId fileId, CertifiedCopyOptions options, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.Officer is not { } officer || options.Signer is not { } signer || options.Authority is not { } authority)
        {
            throw new ArgumentException("Give the public information officer, their CMS signer and the authority policy.", nameof(options));
        }

        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new ArgumentException($"The folder '{path}' is not empty; write a certified copy into a new or empty folder.", nameof(path));
        }

        var fileHead = await store.GetHeadAsync(fileId, cancellationToken).ConfigureAwait(false) ?? throw new DocumentNotFoundException(fileId);
        if (fileHead.Kind != DocumentKind.File)
        {
            throw new ArgumentException($"Document {fileId} is a {fileHead.Kind}; certified copies are made of files.", nameof(fileId));
        }

        var certifiedAt = DateTimeOffset.FromUnixTimeSeconds(options.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        var pio = authority.AuthorisePublicInformationOfficer(fileHead, officer, certifiedAt);
        var parts = new List<CopyPart> { await ReadAsync(store, fileHead, cancellationToken).ConfigureAwait(false) };
        await foreach (var head in store.QueryAllAsync(new DocumentQuery { Parent = fileId, Limit = 1000 }, cancellationToken).ConfigureAwait(false))
        {
            if (head.Id != fileId && head.Kind != DocumentKind.File)
            {
                parts.Add(await ReadAsync(store, head, cancellationToken).ConfigureAwait(false));
            }
        }

        var withheld = Withholdings(parts[0], parts);
        CheckGrading(parts, withheld, options.Clearance);
        var files = new List<KeyValuePair<string, byte[]>>();
        var certificates = new SortedDictionary<string, BundleCertificate>(StringComparer.Ordinal);
        var documents = new List<CopyDocument>();
        var released = parts.Where(p => !withheld.Any(w => w.Document == p.Head.Id && w.Paragraph is null)).ToList();
        var count = 0;
        foreach (var part in released)
        {
            var paragraphs = withheld.Where(w => w.Document == part.Head.Id && w.Paragraph is not null).Select(w => w.Paragraph!.Value).Distinct().Order().ToList();
            documents.Add(Document(part, paragraphs, files, certificates));
            count += part.Records.Count;
        }

        var withheldEntries = withheld.Select(w => new CopyWithheld
        {
            Document = w.Document.ToString(),
            Kind = w.Kind.ToString(),
            Paragraph = w.Paragraph,
            Section = w.Section.ToString(),
            Reason = w.Reason,
            WithheldBy = w.WithheldBy.Value,
            WithheldAt = w.WithheldAt,
            Sequence = w.Sequence,
            Record = RecordPath(fileId, w.Sequence) + ".bin",
        });
        files.Add(new(CertifiedCopyManifest.WithheldName, CertifiedCopyManifest.WithheldToJson(withheldEntries)));
        var manifest = new CertifiedCopyManifest
        {
            Format = CertifiedCopyManifest.FormatVersion,
            File = fileId.ToString(),
            Reference = fileHead.Reference,
            Subject = fileHead.Subject,
            Request = options.Request,
            CertifiedAt = certifiedAt,
            Officer = officer.Value,
            Post = pio.ActingAs.Value,
            Clearance = options.Clearance.ToString(),
            SignerKeyId = signer.KeyId,
            Documents = documents,
            Certificates = [.. certificates.Values],
        };
        files.Add(new(CertifiedCopyManifest.HtmlName, Encoding.UTF8.GetBytes(CertifiedCopyHtml.Write(manifest, released, withheld))));
        files.Add(new(BundleManifest.ReadmeName, Encoding.UTF8.GetBytes(CertifiedCopyReadme.Write(manifest, withheld.Count))));
        await BundleSeal.SealAsync(path, files, manifest.Files, manifest.ToJson, signer, certifiedAt, "a certified copy", cancellationToken).ConfigureAwait(false);
        return new CertifiedCopyResult(path, [.. released.Select(p => p.Head.Id)], withheld, count);
    }

    internal static string RecordPath(DocumentId document, long sequence) => $"records/{document}/{sequence.ToString(CultureInfo.InvariantCulture)}";

    private static async Task<CopyPart> ReadAsync(IDocumentStore store, DocumentHead head, CancellationToken cancellationToken)
    {
        var records = new List<(SignedRecord Stored, TransitionRecord Record)>();
        await foreach (var stored in store.ReadStreamAsync(head.Id, cancellationToken).ConfigureAwait(false))
        {
            if (!stored.TryGetRecord(out var record, out var problem))
            {
                throw new RecordFormatException($"Document {head.Id} record {stored.Sequence} cannot be read: {problem}");
            }

            records.Add((stored, record!));
        }

        return new CopyPart(head, records);
    }

    // The file's own withholding records, the latest for each part; a paragraph of a document withheld whole is covered by the whole.
    private static List<WithheldPart> Withholdings(CopyPart file, List<CopyPart> parts)
    {
        var found = new Dictionary<(DocumentId, int?), WithheldPart>();
        foreach (var (_, record) in file.Records.Where(r => r.Record.Trigger == DocumentTrigger.Withhold))
        {
            var document = DocumentId.Parse(record.Attribute(RecordAttributes.Withheld)!);
            if (document == file.Head.Id)
            {
                continue;   // never made by the engine, refused by verification: the file itself is what is copied
            }

            int? paragraph = record.Attribute(RecordAttributes.WithheldParagraph) is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : null;
            var kind = parts.FirstOrDefault(x => x.Head.Id == document)?.Head.Kind ?? DocumentKind.Noting;
            found[(document, paragraph)] = new WithheldPart(document, kind, paragraph, RtiExemption.Parse(record.Attribute(RecordAttributes.RtiSection)!),
                record.Attribute(RecordAttributes.Reason) ?? string.Empty, record.Actor, record.OccurredAt, record.Sequence);
        }

        return [.. found.Values.Where(w => w.Paragraph is null || !found.ContainsKey((w.Document, null))).OrderBy(w => w.Sequence)];
    }

    private static void CheckGrading(List<CopyPart> parts, List<WithheldPart> withheld, SecurityGrading clearance)
    {
        var file = parts[0];
        if (file.Records.Count > 0 && file.Records[0].Record.Attribute(RecordAttributes.Grading) is { } created && Enum.Parse<SecurityGrading>(created) is var grading && grading > clearance)
        {
            throw new GradedPartNotWithheldException(file.Head.Id, file.Head.Id, grading, clearance);
        }

        foreach (var part in parts.Skip(1).Where(p => p.Head.Grading > clearance))
        {
            if (!withheld.Any(w => w.Document == part.Head.Id && w.Paragraph is null))
            {
                throw new GradedPartNotWithheldException(file.Head.Id, part.Head.Id, part.Head.Grading, clearance);
            }
        }
    }

    private static CopyDocument Document(CopyPart part, List<int> withheldParagraphs, List<KeyValuePair<string, byte[]>> files, SortedDictionary<string, BundleCertificate> certificates)
    {
        var entries = new List<CopyRecord>();
        foreach (var (stored, record) in part.Records)
        {
            var dir = RecordPath(part.Head.Id, stored.Sequence);
            var bytes = stored.CanonicalBytes.ToArray();
            var (previousOffset, contentOffset) = RecordLayout.Offsets(bytes);
            files.Add(new(dir + ".bin", bytes));
            files.Add(new(dir + ".sig", stored.Signature.Value));
            string? content = null;
            if (stored.Content is { Length: > 0 } data && withheldParagraphs.Count == 0)
            {
                content = dir + ".content";
                files.Add(new(content, data.ToArray()));
            }

            if (stored.Signature.Algorithm == CmsSigner.AlgorithmName)
            {
                BundleExporter.CollectCertificates(stored.Signature.Value, certificates, files);
            }

            entries.Add(new CopyRecord
            {
                Sequence = stored.Sequence,
                Trigger = record.Trigger.ToString(),
                Actor = record.Actor.Value,
                OccurredAt = record.OccurredAt,
                SigningTimeUnix = record.OccurredAt.ToUnixTimeSeconds(),
                Record = dir + ".bin",
                Sha256 = stored.Hash.ToString(),
                PreviousHashOffset = previousOffset,
                ContentHashOffset = content is null ? null : contentOffset,
                Signature = dir + ".sig",
                SignatureAlgorithm = stored.Signature.Algorithm,
                Content = content,
            });
        }

        return new CopyDocument
        {
            Id = part.Head.Id.ToString(),
            Kind = part.Head.Kind.ToString(),
            Reference = part.Head.Reference,
            State = part.Head.State.ToString(),
            WithheldParagraphs = withheldParagraphs.Count == 0 ? null : withheldParagraphs,
            Records = entries,
        };
    }
}

/// <summary>One document read for a copy: its head and its decoded records.</summary>
internal sealed record CopyPart(DocumentHead Head, List<(SignedRecord Stored, TransitionRecord Record)> Records)
{
    /// <summary>The document's latest content (a noting's or draft's paragraphs), if any record carries one.</summary>
    public ReadOnlyMemory<byte>? LatestContent => Records.LastOrDefault(r => r.Stored.Content is { Length: > 0 }).Stored?.Content;
}
