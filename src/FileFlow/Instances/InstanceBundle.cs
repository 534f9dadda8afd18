using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Signing;

namespace FileFlow.Instances;

/// <summary>A bundle's records as the receiver imports them, read before (and trusted only after) <see cref="BundleVerifier"/> checks them.</summary>
internal sealed record InstanceBundle(DocumentId File, string Origin, IReadOnlyDictionary<DocumentId, List<SignedRecord>> Documents)
{
    public static async Task<InstanceBundle> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var files = await BundleArchive.ReadAllAsync(path, cancellationToken).ConfigureAwait(false);
            if (!files.TryGetValue(BundleManifest.FileName, out var manifestBytes))
            {
                throw new BundleFormatException($"'{path}' has no {BundleManifest.FileName}; it is not a FileFlow bundle.");
            }

            var manifest = BundleManifest.Parse(manifestBytes);
            var documents = new Dictionary<DocumentId, List<SignedRecord>>();
            foreach (var document in manifest.Documents)
            {
                var id = new DocumentId(Guid.Parse(document.Id));
                var records = new List<SignedRecord>();
                foreach (var entry in document.Records.OrderBy(r => r.Sequence))
                {
                    if (files.TryGetValue(entry.Record, out var bytes) && files.TryGetValue(entry.Signature, out var signature))
                    {
                        byte[]? content = entry.Content is { } c && files.TryGetValue(c, out var data) ? data : null;
                        records.Add(SignedRecord.FromStored(id, entry.Sequence, bytes, new RecordSignature(entry.SignatureAlgorithm, signature), content, entry.Position));
                    }
                }

                documents[id] = records;
            }

            var file = new DocumentId(Guid.Parse(manifest.File));
            if (!documents.TryGetValue(file, out var own) || own.Count == 0)
            {
                throw new BundleFormatException($"the manifest lists no records of its file {file}.");
            }

            return new InstanceBundle(file, manifest.CheckpointOrigin, documents);
        }
        catch (Exception e) when (e is BundleFormatException or FormatException or IOException or InvalidDataException)
        {
            throw new InstanceTransferRejectedException(path, default, -1, "it is not a readable FileFlow bundle: " + e.Message);
        }
    }
}
