using System.Globalization;
using System.Text;

namespace FileFlow.Audit;

/// <summary>Writes the bundle's README.txt: how to check the bundle with openssl and coreutils alone, one command per record.</summary>
internal static class BundleReadme
{
    /// <summary>The indentation that marks a command line in the README; every such line is a command that exits 0 when its check passes.</summary>
    public const string CommandIndent = "    ";

    public static string Write(BundleManifest manifest, SignedCheckpoint checkpoint)
    {
        var t = new StringBuilder();
        void Line(string text = "") => t.Append(text).Append('\n');
        void Command(string text) => t.Append(CommandIndent).Append(text).Append('\n');
        string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

        Line($"FileFlow export bundle ({manifest.Format})");
        Line();
        Line($"File {manifest.File}{(manifest.Reference is null ? string.Empty : " " + manifest.Reference)}{(manifest.Subject is null ? string.Empty : " \"" + manifest.Subject + "\"")}");
        Line($"Exported {Time(manifest.ExportedAt)}: {manifest.Documents.Count} documents, {manifest.Documents.Sum(d => d.Records.Count)} signed records.");
        Line();
        Line("Documents (the file first, then its notings, receipts and drafts):");
        foreach (var document in manifest.Documents)
        {
            Line($"  {document.Id}  {document.Kind,-8} {document.State,-10} {document.Records.Count,3} records  {document.Reference}");
        }

        Line();
        Line("Everything below needs only the root certificate of the certifying authority you trust (get it from the");
        Line("CCA or your own records, never from this bundle), OpenSSL 1.1 or later and GNU coreutils. Unzip the bundle,");
        Line("change into its folder and set ROOT to the root certificate (PEM). Every indented line is one check: it exits");
        Line("with status 0 when the check passes and non-zero when it fails.");
        Line();
        Command("ROOT=/path/to/root.pem");
        Line();
        Line($"0. The manifest and the checksum list are signed. {BundleManifest.FileName} lists every document of the file with its");
        Line("   head (last sequence and hash), every record with its log position and hashes, the checkpoint, and the SHA-256");
        Line($"   of every other file; {BundleManifest.ChecksumsName} lists the SHA-256 of every file of the bundle but itself and its");
        Line($"   signature. {BundleManifest.SignatureName} and {BundleManifest.ChecksumsSignatureName} are their detached CMS signatures (DER) by the office's export");
        Line("   certificate, which chains to the root. With them checked, a document, record, proof or receipt left out of the");
        Line("   bundle, or a file added to it, shows in step 1. Each prints 'CMS Verification successful'; the certificate is");
        Line($"   printed with 'openssl pkcs7 -inform DER -in {BundleManifest.SignatureName} -print_certs -noout' (who vouches for the bundle).");
        Line();
        Command($"openssl cms -verify -binary -inform DER -content {BundleManifest.FileName} -in {BundleManifest.SignatureName} -CAfile \"$ROOT\" -purpose any -attime {manifest.ExportedAt.ToUnixTimeSeconds()} -out /dev/null");
        Command($"openssl cms -verify -binary -inform DER -content {BundleManifest.ChecksumsName} -in {BundleManifest.ChecksumsSignatureName} -CAfile \"$ROOT\" -purpose any -attime {manifest.ExportedAt.ToUnixTimeSeconds()} -out /dev/null");
        Line();
        Line($"1. No file was changed, none is missing and none was added (unzip the bundle into an empty folder). Every line of");
        Line("   the first command must say OK; the second compares the files present with the signed list.");
        Line();
        Command($"sha256sum -c {BundleManifest.ChecksumsName}");
        Command($"test \"$(find . -type f ! -path ./{BundleManifest.ChecksumsName} ! -path ./{BundleManifest.ChecksumsSignatureName} | sed 's|^\\./||' | LC_ALL=C sort)\" = \"$(cut -c67- {BundleManifest.ChecksumsName} | LC_ALL=C sort)\" && echo 'every file listed'");
        Line();
        Line("2. Every record is signed by its officer's certificate, which chained to the root and was valid when the");
        Line("   record was made (-attime is the record's time in Unix seconds). Each prints 'CMS Verification successful'.");
        Line("   records/<document>/<sequence>.bin is the record's canonical bytes, .sig its detached CMS signature (DER).");
        Line();
        foreach (var document in manifest.Documents)
        {
            foreach (var record in document.Records.Where(r => r.SignatureAlgorithm == Signing.Certificates.CmsSigner.AlgorithmName))
            {
                Command($"openssl cms -verify -binary -inform DER -content {record.Record} -in {record.Signature} -CAfile \"$ROOT\" -purpose any -attime {record.SigningTimeUnix} -out /dev/null");
            }
        }

        var raw = manifest.Documents.SelectMany(d => d.Records).Where(r => r.SignatureAlgorithm != Signing.Certificates.CmsSigner.AlgorithmName).ToList();
        if (raw.Count > 0)
        {
            Line();
            Line($"   {raw.Count} records carry a raw signature (scheme named in manifest.json, signatureAlgorithm) instead of CMS;");
            Line("   they can be checked only with the signer's public key, which a certificate authority does not vouch for.");
        }

        Line();
        Line("3. Each document's records form an unbroken chain: a record's bytes hold the SHA-256 of the previous record");
        Line("   of the same document at the byte offset given (see RecordCodec: after the fixed fields, the strings and the");
        Line("   time); the first record holds 32 zero bytes there. A dropped, reordered or altered record breaks a link.");
        Line();
        var zero = new string('0', 64);
        foreach (var document in manifest.Documents)
        {
            BundleRecord? previous = null;
            foreach (var record in document.Records)
            {
                if (record.PreviousHashOffset is { } offset)
                {
                    var expected = previous is null ? $"\"{zero}\"" : $"\"$(sha256sum {previous.Record} | cut -c1-64)\"";
                    Command($"test {expected} = \"$(od -An -tx1 -v -j {offset} -N 32 {record.Record} | tr -d ' \\n')\" && echo 'link ok: {record.Record}'");
                }

                previous = record;
            }
        }

        var withContent = manifest.Documents.SelectMany(d => d.Records).Where(r => r.Content is not null && r.ContentHashOffset is not null).ToList();
        if (withContent.Count > 0)
        {
            Line();
            Line("4. The noting text (records/<document>/<sequence>.content, UTF-8) is the text the record signs: its SHA-256");
            Line("   sits in the record's bytes right after the previous hash and a flag byte.");
            Line();
            foreach (var record in withContent)
            {
                Command($"test \"$(sha256sum {record.Content} | cut -c1-64)\" = \"$(od -An -tx1 -v -j {record.ContentHashOffset} -N 32 {record.Record} | tr -d ' \\n')\" && echo 'content ok: {record.Content}'");
            }
        }

        Line();
        Line("5. Revocation. The CRLs the deployment used are in crls/ (DER). List the revoked certificates with");
        Line();
        foreach (var crl in manifest.Crls)
        {
            Command($"openssl crl -inform DER -in {crl.Path} -noout -text");
        }

        if (manifest.Crls.Count == 0)
        {
            Line("   (this bundle carries no CRL: the exporter was given none, so no revocation can be judged from it)");
        }

        Line();
        Line("   A certificate revoked at time T invalidates only the records made at or after T (compare T with each");
        Line("   record's -attime above; serial numbers of the signers' certificates are in certs/). Do not add -crl_check to");
        Line("   step 2: OpenSSL then refuses a revoked certificate even for records signed before the revocation.");
        Line();
        Line($"6. The records are in the office's log. {BundleManifest.CheckpointName} is a signed checkpoint of the log:");
        Line($"   origin {checkpoint.Checkpoint.Origin}, {checkpoint.Checkpoint.TreeSize} records, root hash {checkpoint.Checkpoint.RootHash},");
        Line($"   taken {Time(checkpoint.Checkpoint.Timestamp)}, signed by key {checkpoint.KeyId}. proofs/<document>/<sequence>.txt is");
        Line("   an RFC 9162 inclusion proof (leaf index = the record's log position, tree size, sibling hashes nearest the");
        Line("   leaf first) of SHA-256(0x00 || record bytes) under that root. Compare the checkpoint with one published or");
        Line("   kept elsewhere; if the root hashes agree, no record of this bundle can have been altered or removed since.");
        Line();
        Line("With FileFlow, every check above runs in one command (the root is the only trust input):");
        Line();
        Line("  dotnet FileFlow.BundleCheck.dll <this folder or .zip> root.pem");
        Line();
        Line($"{BundleManifest.FileName} lists each document (kind, parent, head sequence and head hash) and its records with sequence, log");
        Line("position, trigger, actor, time, hashes and byte offsets, and files[] with the SHA-256 of every file. The records'");
        Line("own signatures and chains (steps 2 to 4) do not depend on it; completeness (nothing left out) does, hence step 0.");
        return t.ToString();
    }
}
