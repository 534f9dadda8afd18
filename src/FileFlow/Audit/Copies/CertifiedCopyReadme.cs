using System.Globalization;
using System.Text;

namespace FileFlow.Audit;

/// <summary>Writes a certified copy's README.txt: how to check it with openssl and coreutils alone. Every line indented by
/// <see cref="BundleReadme.CommandIndent"/> is one command that exits 0 when its check passes.</summary>
internal static class CertifiedCopyReadme
{
    public static string Write(CertifiedCopyManifest manifest, int withheld)
    {
        var t = new StringBuilder();
        void Line(string text = "") => t.Append(text).Append('\n');
        void Command(string text) => t.Append(BundleReadme.CommandIndent).Append(text).Append('\n');
        var at = manifest.CertifiedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        Line($"FileFlow certified copy ({manifest.Format})");
        Line();
        Line($"File {manifest.File}{(manifest.Reference is null ? string.Empty : " " + manifest.Reference)}");
        Line($"Certified {manifest.CertifiedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)} by officer {manifest.Officer},");
        Line($"public information officer (post {manifest.Post}){(manifest.Request is null ? "." : ", in reply to " + manifest.Request + ".")}");
        Line($"{manifest.Documents.Count} documents released with {manifest.Documents.Sum(d => d.Records.Count)} signed records; {withheld} parts withheld");
        Line($"under section 8(1) of the RTI Act, each listed in {CertifiedCopyManifest.WithheldName} with the file's signed withholding record.");
        Line($"{CertifiedCopyManifest.HtmlName} is the readable copy (open it in a browser).");
        Line();
        Line("Everything below needs only the root certificate of the certifying authority you trust (get it from the CCA");
        Line("or your own records, never from this copy), OpenSSL 1.1 or later and GNU coreutils. Change into this folder and");
        Line("set ROOT to the root certificate (PEM). Every indented line is one check: it exits with status 0 when the check");
        Line("passes and non-zero when it fails.");
        Line();
        Command("ROOT=/path/to/root.pem");
        Line();
        Line($"1. The public information officer signed {BundleManifest.FileName} (every released document and record, and the SHA-256 of");
        Line($"   every file) and {BundleManifest.ChecksumsName} (the SHA-256 of every file but itself and its signature). Each prints");
        Line($"   'CMS Verification successful'; 'openssl pkcs7 -inform DER -in {BundleManifest.SignatureName} -print_certs -noout' shows who signed.");
        Line();
        Command($"openssl cms -verify -binary -inform DER -content {BundleManifest.FileName} -in {BundleManifest.SignatureName} -CAfile \"$ROOT\" -purpose any -attime {at} -out /dev/null");
        Command($"openssl cms -verify -binary -inform DER -content {BundleManifest.ChecksumsName} -in {BundleManifest.ChecksumsSignatureName} -CAfile \"$ROOT\" -purpose any -attime {at} -out /dev/null");
        Line();
        Line("2. No file was changed, none is missing and none was added.");
        Line();
        Command($"sha256sum -c {BundleManifest.ChecksumsName}");
        Command($"test \"$(find . -type f ! -path ./{BundleManifest.ChecksumsName} ! -path ./{BundleManifest.ChecksumsSignatureName} | sed 's|^\\./||' | LC_ALL=C sort)\" = \"$(cut -c67- {BundleManifest.ChecksumsName} | LC_ALL=C sort)\" && echo 'every file listed'");
        Line();
        Line("3. Every released record is signed by its officer's certificate, valid when the record was made (-attime).");
        Line("   The withholding records are among them: they are records of the file, signed by the officer who withheld.");
        Line();
        foreach (var record in manifest.Documents.SelectMany(d => d.Records).Where(r => r.SignatureAlgorithm == Signing.Certificates.CmsSigner.AlgorithmName))
        {
            Command($"openssl cms -verify -binary -inform DER -content {record.Record} -in {record.Signature} -CAfile \"$ROOT\" -purpose any -attime {record.SigningTimeUnix} -out /dev/null");
        }

        Line();
        Line("4. Each released document's records form an unbroken chain: a record holds the SHA-256 of the one before it.");
        Line();
        var zero = new string('0', 64);
        foreach (var document in manifest.Documents)
        {
            CopyRecord? previous = null;
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
            Line("5. The text of each fully released noting (.content) is the text its record signs.");
            Line();
            foreach (var record in withContent)
            {
                Command($"test \"$(sha256sum {record.Content} | cut -c1-64)\" = \"$(od -An -tx1 -v -j {record.ContentHashOffset} -N 32 {record.Record} | tr -d ' \\n')\" && echo 'content ok: {record.Content}'");
            }
        }

        Line();
        Line("A noting with a paragraph withheld carries its records but none of its text: copy.html gives the rest of it,");
        Line("vouched for by the officer's signature on the manifest, not by the noting's own signature.");
        return t.ToString();
    }
}
