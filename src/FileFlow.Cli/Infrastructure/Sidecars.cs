using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace FileFlow.Cli.Infrastructure;

/// <summary>The files that travel with a store so a later process can verify it: the root certificate, the organisation chart, and a signed Merkle checkpoint with its log key.</summary>
internal sealed class Sidecars(string prefix)
{
    public string RootCertificate => prefix + ".root.pem";

    public string Organisation => prefix + ".org.json";

    /// <summary>The organisation's detached CMS signature by the Organisation-role certificate.</summary>
    public string OrganisationSignature => Infrastructure.OrganisationSignature.PathOf(Organisation);

    public string Checkpoint => prefix + ".checkpoint.txt";

    /// <summary>The default folder of the append-only checkpoint log (<see cref="FileFlow.Audit.CheckpointLog"/>): every signed checkpoint, each consistency-checked
    /// against the one before; <c>--checkpoint-log DIR</c> puts it elsewhere (away from the store).</summary>
    public string CheckpointLog => prefix + ".checkpoints";

    /// <summary>The log's certificate (PEM, public only), certified by the root with the Log role: what checks the checkpoint's signature.</summary>
    public string LogKey => prefix + ".log.pem";

    /// <summary>The simulated office's export service credential (PKCS#12), which signs bundle manifests.</summary>
    public string ExportCredential => prefix + ".export.pfx";

    /// <summary>The password of <see cref="ExportCredential"/> unless <c>FILEFLOW_EXPORT_PASSWORD</c> says otherwise: a development credential, not a secret.</summary>
    public const string DevelopmentExportPassword = "fileflow-simulation";

    /// <summary>This store's instance name (one line), written by <c>fileflow instance init</c>: what files sent to and received from other
    /// FileFlow instances name it (<c>FileFlowEngineOptions.Instance</c>).</summary>
    public string Instance => prefix + ".instance";

    public IEnumerable<string> All => [RootCertificate, Organisation, OrganisationSignature, Checkpoint, LogKey, ExportCredential, Instance];

    /// <summary>Reads this store's instance name, or <see langword="null"/> when <c>instance init</c> has not named it.</summary>
    public string? ReadInstance() => File.Exists(Instance) ? File.ReadAllText(Instance).Trim() : null;

    /// <summary>Reads this store's instance name, refusing (naming the command that sets it) a store not named yet.</summary>
    public string RequireInstance() =>
        ReadInstance() ?? throw new CliException($"the store has no instance name ('{Instance}' is missing): run 'fileflow instance init --name NAME --trust-dir DIR' first");

    /// <summary>The password that protects export credentials: <c>FILEFLOW_EXPORT_PASSWORD</c>, or the development default.</summary>
    public static string ExportPassword => Environment.GetEnvironmentVariable("FILEFLOW_EXPORT_PASSWORD") is { Length: > 0 } password ? password : DevelopmentExportPassword;

    public static X509Certificate2 LoadCertificate(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"no root certificate at '{path}': pass --root PATH");
        }

        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CliException($"'{path}' is not a PEM certificate: {e.Message}");
        }
    }

    /// <summary>Reads an export service credential (PKCS#12) with <see cref="ExportPassword"/>.</summary>
    public static FileFlow.Signing.Certificates.OfficerCredential LoadExportCredential(string path) => LoadCredential(path, "export", "the office's export service certificate");

    /// <summary>Reads a service credential (PKCS#12) with <see cref="ExportPassword"/>; <paramref name="what"/> names it in errors.</summary>
    public static FileFlow.Signing.Certificates.OfficerCredential LoadCredential(string path, string what, string description)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"no {what} credential at '{path}': pass --signer PFX ({description}; password in FILEFLOW_EXPORT_PASSWORD)");
        }

        try
        {
            return FileFlow.Signing.Certificates.OfficerCredential.LoadPkcs12(path, ExportPassword);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or ArgumentException or FileFlowException)
        {
            throw new CliException($"cannot load the {what} credential '{path}': {e.Message} (wrong FILEFLOW_EXPORT_PASSWORD?)");
        }
    }

    /// <summary>Reads a service credential (PKCS#12, password <see cref="ExportPassword"/>) and checks that its certificate states <paramref name="role"/>.</summary>
    public static FileFlow.Signing.Certificates.OfficerCredential LoadServiceCredential(string path, FileFlow.Signing.Certificates.ServiceRole role, string option)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"no {role} credential at '{path}': pass {option} PFX (password in FILEFLOW_EXPORT_PASSWORD)");
        }

        FileFlow.Signing.Certificates.OfficerCredential credential;
        try
        {
            credential = FileFlow.Signing.Certificates.OfficerCredential.LoadPkcs12(path, ExportPassword);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or ArgumentException or FileFlowException)
        {
            throw new CliException($"cannot load the {role} credential '{path}': {e.Message} (wrong FILEFLOW_EXPORT_PASSWORD?)");
        }

        if (!FileFlow.Signing.Certificates.ServiceRoleUsage.RolesOf(credential.Certificate).Contains(role))
        {
            throw new CliException($"the credential '{path}' does not state the {role} role ({FileFlow.Signing.Certificates.ServiceRoleUsage.Of(role)})");
        }

        return credential;
    }

    /// <summary>Opens the checkpoint log at <paramref name="directory"/> (default <see cref="CheckpointLog"/>) trusting <paramref name="checkpoints"/>.</summary>
    public FileFlow.Audit.CheckpointLog OpenCheckpointLog(string? directory, FileFlow.Audit.ICheckpointVerifier checkpoints) =>
        new(Path.GetFullPath(directory ?? CheckpointLog), new FileFlow.Audit.LogVerifier(checkpoints));

    /// <summary>Writes the log's certificate (PEM, no private key) whole or not at all.</summary>
    public Task SaveLogCertificateAsync(X509Certificate2 certificate, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(LogKey, certificate.ExportCertificatePem() + "\n", cancellationToken);

    /// <summary>Returns the checkpoint verifier a log key file stands for: a log certificate (PEM) is checked against <paramref name="root"/> with the Log role
    /// and pinned; a bare key (JSON, as older stores have) is certified by nobody and is trusted only when the operator names it (<paramref name="named"/>:
    /// given as <c>--log-key</c>, a copy kept away from the store).</summary>
    public static FileFlow.Audit.ICheckpointVerifier LoadCheckpointVerifier(string path, X509Certificate2? root, bool named)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"no log key at '{path}'");
        }

        var text = File.ReadAllText(path);
        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            if (root is null)
            {
                throw new CliException($"the log certificate '{path}' is checked against the root: pass --root PEM");
            }

            X509Certificate2 certificate;
            try
            {
                certificate = X509Certificate2.CreateFromPem(text);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new CliException($"'{path}' is not a PEM certificate: {e.Message}");
            }

            var trust = new FileFlow.Signing.Certificates.CertificateTrustOptions();
            trust.TrustAnchors.Add(root);
            return new FileFlow.Audit.CertificateCheckpointVerifier(trust, logCertificateKeyId: FileFlow.Signing.Certificates.CertificateKeyId.Of(certificate));
        }

        if (!named)
        {
            throw new CliException($"the log key '{path}' is a bare key that the root does not certify, so whoever holds the store could have re-made it: "
                + "keep the log certificate (or a copy of the key) away from the store and pass --log-key");
        }

        return LoadLogKey(path, text).CreateVerifier();
    }

    /// <summary>Reads a bare log key file (JSON, as stores made before log certificates have).</summary>
    private static LogKeyFile LoadLogKey(string path, string text)
    {
        try
        {
            return JsonSerializer.Deserialize<LogKeyFile>(text, CliContext.Json) ?? throw new CliException($"'{path}' is empty");
        }
        catch (JsonException e)
        {
            throw new CliException($"'{path}' is not a log key file: {e.Message}");
        }
    }

    /// <summary>Reads the store's signed checkpoint, or <see langword="null"/> when it has none.</summary>
    public async Task<FileFlow.Audit.SignedCheckpoint?> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Checkpoint))
        {
            return null;
        }

        try
        {
            return FileFlow.Audit.SignedCheckpoint.Parse(await File.ReadAllTextAsync(Checkpoint, cancellationToken).ConfigureAwait(false));
        }
        catch (FileFlow.Audit.LogFormatException e)
        {
            throw new CliException($"'{Checkpoint}' is not a signed checkpoint: {e.Message}");
        }
    }
}
