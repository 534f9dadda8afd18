using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Records;
using FileFlow.Signing.Certificates;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>Exports one file's complete signed history (its own records and those of its notings, receipts and drafts for approval) as a self-contained bundle an auditor can check offline.</summary>
/// <remarks>
/// Thread-safe and stateless. The bundle holds each record's canonical bytes, signature and content, the certificates and CRLs, a signed checkpoint
/// with an inclusion proof per record, a <c>manifest.json</c> listing every document with its head and every file with its SHA-256, the manifest's
/// detached CMS signature <c>manifest.p7s</c>, a signed <c>SHA256SUMS</c> (<c>SHA256SUMS.p7s</c>) listing every other file, and a <c>README.txt</c> with the openssl and sha256sum commands;
/// see <c>docs/bundle.md</c> for the layout. Part files and volumes are files of their own and are exported separately. Check a bundle with <see cref="BundleVerifier"/>.
/// </remarks>
public static class BundleExporter
{
    /// <summary>Writes the bundle of <paramref name="fileId"/> to <paramref name="path"/>: a .zip archive when the path ends in <c>.zip</c>, otherwise a new or empty folder.</summary>
    /// <exception cref="ArgumentException">The options give no CMS manifest signer, or neither a checkpoint nor a log signer and origin; the document is not a file; or the folder is not empty.</exception>
    /// <exception cref="DocumentNotFoundException">The file does not exist.</exception>
    /// <exception cref="LogRootMismatchException">The given checkpoint does not match the store's log.</exception>
    /// <exception cref="LogRollbackDetectedException">The given checkpoint covers more records than the store holds.</exception>
    /// <exception cref="IOException">The .zip file already exists or cannot be written.</exception>
    public static async Task<BundleExportResult> ExportAsync(IDocumentStore store, DocumentId fileId, BundleExportOptions options, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        if (options.ManifestSigner is null)
        {
            throw new ArgumentException("Give a manifest signer: a CMS signer with the log's or export service's certificate, issued under the root auditors trust.", nameof(options));
        }

        if (options.Checkpoint is null && (options.LogSigner is null || string.IsNullOrWhiteSpace(options.Origin)))
        {
            throw new ArgumentException("Give a signed checkpoint, or a log signer and origin to take a fresh one.", nameof(options));
        }

        var (fileHead, streams) = await ReadFileAsync(store, fileId, cancellationToken).ConfigureAwait(false);
        // Read the log after the records: it is append-only, so it covers every position read above.
        var snapshot = await LogSnapshot.TakeAsync(store, options, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(fileId, fileHead, streams, options, snapshot, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the bundle of <paramref name="fileId"/> against a snapshot of the log already taken, so that many bundles share one read of the
    /// leaves and one checkpoint; every record of the file must be covered by it.</summary>
    /// <exception cref="ArgumentException">A record of the file lies beyond the snapshot's checkpoint.</exception>
    internal static async Task<BundleExportResult> ExportAgainstAsync(IDocumentStore store, DocumentId fileId, BundleExportOptions options, string path, LogSnapshot snapshot, CancellationToken cancellationToken)
    {
        var (fileHead, streams) = await ReadFileAsync(store, fileId, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(fileId, fileHead, streams, options, snapshot, path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(DocumentHead FileHead, List<(DocumentHead Head, List<SignedRecord> Records)> Streams)> ReadFileAsync(
        IDocumentStore store, DocumentId fileId, CancellationToken cancellationToken)
    {
        var fileHead = await store.GetHeadAsync(fileId, cancellationToken).ConfigureAwait(false) ?? throw new DocumentNotFoundException(fileId);
        if (fileHead.Kind != DocumentKind.File)
        {
            throw new ArgumentException($"Document {fileId} is a {fileHead.Kind}; bundles are exported per file.", nameof(fileId));
        }

        var heads = new List<DocumentHead> { fileHead };
        var query = new DocumentQuery { Parent = fileId, Limit = 1000 };
        await foreach (var head in store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            // Part files and volumes are files of their own, with their own notings: they are exported as bundles of their own.
            if (head.Id != fileId && head.Kind != DocumentKind.File)
            {
                heads.Add(head);
            }
        }

        var streams = new List<(DocumentHead Head, List<SignedRecord> Records)>();
        foreach (var head in heads)
        {
            var records = new List<SignedRecord>();
            await foreach (var record in store.ReadStreamAsync(head.Id, cancellationToken).ConfigureAwait(false))
            {
                records.Add(record);
            }

            streams.Add((head, records));
        }

        return (fileHead, streams);
    }

    private static async Task<BundleExportResult> WriteAsync(DocumentId fileId, DocumentHead fileHead, List<(DocumentHead Head, List<SignedRecord> Records)> streams,
        BundleExportOptions options, LogSnapshot snapshot, string path, CancellationToken cancellationToken)
    {
        var manifestSigner = options.ManifestSigner ?? throw new ArgumentException("Give a manifest signer.", nameof(options));
        var checkpoint = snapshot.Checkpoint;
        var size = snapshot.Size;
        var committedHeads = snapshot.Heads;
        var files = new List<KeyValuePair<string, byte[]>>();
        var certificates = new SortedDictionary<string, BundleCertificate>(StringComparer.Ordinal);
        var documents = new List<BundleDocument>();
        var count = 0;
        foreach (var (head, records) in streams)
        {
            var id = head.Id.ToString();
            var entries = new List<BundleRecord>();
            foreach (var stored in records)
            {
                if (stored.Position < 0 || stored.Position >= size)
                {
                    throw new ArgumentException($"The checkpoint covers {size} records but document {id} record {stored.Sequence} is at position {stored.Position}; give a later checkpoint.", nameof(options));
                }

                var dir = $"records/{id}/{stored.Sequence}";
                var bytes = stored.CanonicalBytes.ToArray();
                stored.TryGetRecord(out var record, out _);
                int? previousOffset = null;
                int? contentOffset = null;
                if (record is not null)
                {
                    (previousOffset, contentOffset) = RecordLayout.Offsets(bytes);
                }

                files.Add(new(dir + ".bin", bytes));
                files.Add(new(dir + ".sig", stored.Signature.Value));
                string? content = null;
                if (stored.Content is { } data)
                {
                    content = dir + ".content";
                    files.Add(new(content, data.ToArray()));
                }

                var proofPath = $"proofs/{id}/{stored.Sequence}.txt";
                var proof = snapshot.Prove(stored.Position);
                files.Add(new(proofPath, Encoding.ASCII.GetBytes(proof.ToText())));
                if (stored.Signature.Algorithm == CmsSigner.AlgorithmName)
                {
                    CollectCertificates(stored.Signature.Value, certificates, files);
                }

                entries.Add(new BundleRecord
                {
                    Sequence = stored.Sequence,
                    Position = stored.Position,
                    Trigger = record?.Trigger.ToString() ?? string.Empty,
                    Actor = record?.Actor.Value ?? string.Empty,
                    OccurredAt = record?.OccurredAt ?? default,
                    SigningTimeUnix = record?.OccurredAt.ToUnixTimeSeconds() ?? 0,
                    Record = dir + ".bin",
                    Sha256 = stored.Hash.ToString(),
                    PreviousHash = record?.PreviousHash.ToString() ?? string.Empty,
                    PreviousHashOffset = previousOffset,
                    ContentHash = record?.ContentHash?.ToString(),
                    ContentHashOffset = contentOffset,
                    Signature = dir + ".sig",
                    SignatureAlgorithm = stored.Signature.Algorithm,
                    SignerKeyId = record?.SignerKeyId ?? string.Empty,
                    Content = content,
                    Proof = proofPath,
                });
                count++;
            }

            string? headProof = null;
            if (committedHeads is not null && records.Count > 0)
            {
                var proved = committedHeads.Prove(head.Id) ?? throw new ArgumentException($"The checkpoint's document heads do not include document {id}; give a later checkpoint.", nameof(options));
                headProof = $"heads/{id}.txt";
                files.Add(new(headProof, Encoding.ASCII.GetBytes(proved.Proof.ToText())));
            }

            documents.Add(new BundleDocument
            {
                HeadProof = headProof,
                Id = id,
                Kind = head.Kind.ToString(),
                Reference = head.Reference,
                State = head.State.ToString(),
                Parent = head.Parent?.ToString(),
                HeadSequence = records.Count == 0 ? -1 : records[^1].Sequence,
                HeadHash = records.Count == 0 ? string.Empty : records[^1].Hash.ToString(),
                Records = entries,
            });
        }

        var crls = new List<BundleCrl>();
        foreach (var crl in options.Crls)
        {
            ArgumentNullException.ThrowIfNull(crl, nameof(options));
            var crlPath = $"crls/{Convert.ToHexStringLower(SHA256.HashData(crl))[..16]}.crl";
            if (crls.Any(c => c.Path == crlPath))
            {
                continue;
            }

            crls.Add(new BundleCrl { Path = crlPath, Issuer = CrlIssuer(crl) });
            files.Add(new(crlPath, crl));
        }

        files.Add(new(BundleManifest.CheckpointName, Encoding.ASCII.GetBytes(checkpoint.ToText())));
        var manifest = new BundleManifest
        {
            Format = committedHeads is null ? BundleManifest.FormatVersionWithoutHeads : BundleManifest.FormatVersion,
            File = fileId.ToString(),
            Reference = fileHead.Reference,
            Subject = fileHead.Subject,
            ExportedAt = DateTimeOffset.FromUnixTimeSeconds(options.TimeProvider.GetUtcNow().ToUnixTimeSeconds()),
            CheckpointOrigin = checkpoint.Checkpoint.Origin,
            CheckpointTreeSize = checkpoint.Checkpoint.TreeSize,
            CheckpointRootHash = checkpoint.Checkpoint.RootHash.ToString(),
            SignerKeyId = manifestSigner.KeyId,
            Documents = documents,
            Certificates = [.. certificates.Values],
            Crls = crls,
        };
        files.Add(new(BundleManifest.ReadmeName, Encoding.UTF8.GetBytes(BundleReadme.Write(manifest, checkpoint))));
        await BundleSeal.SealAsync(path, files, manifest.Files, manifest.ToJson, manifestSigner, manifest.ExportedAt, "a bundle's manifest", cancellationToken).ConfigureAwait(false);
        return new BundleExportResult(path, [.. streams.Select(s => s.Head.Id)], count, checkpoint);
    }

    internal static void CollectCertificates(byte[] cms, SortedDictionary<string, BundleCertificate> certificates, List<KeyValuePair<string, byte[]>> files)
    {
        CmsEnvelope envelope;
        try
        {
            envelope = CmsEnvelope.Parse(cms);
        }
        catch (Exception e) when (e is System.Formats.Asn1.AsnContentException or FormatException or CryptographicException)
        {
            return; // A damaged signature is exported as it is; verification names it.
        }

        foreach (var der in envelope.Certificates)
        {
            var thumbprint = CertificateKeyId.Of(der.Span);
            if (certificates.ContainsKey(thumbprint))
            {
                continue;
            }

            string subject;
            string issuer;
            try
            {
                using var certificate = X509CertificateLoader.LoadCertificate(der.Span);
                subject = certificate.Subject;
                issuer = certificate.Issuer;
            }
            catch (CryptographicException)
            {
                continue;
            }

            var path = $"certs/{thumbprint}.pem";
            certificates[thumbprint] = new BundleCertificate { Path = path, Sha256 = thumbprint, Subject = subject, Issuer = issuer };
            files.Add(new(path, Encoding.ASCII.GetBytes(PemEncoding.WriteString("CERTIFICATE", der.Span) + "\n")));
        }
    }

    private static string CrlIssuer(byte[] der)
    {
        try
        {
            return new Org.BouncyCastle.X509.X509Crl(der).IssuerDN.ToString();
        }
        catch (Exception e) when (e is ArgumentException or Org.BouncyCastle.Asn1.Asn1Exception or IOException or InvalidCastException)
        {
            throw new ArgumentException("A CRL is not a DER-encoded X.509 CRL: " + e.Message, nameof(der), e);
        }
    }
}
