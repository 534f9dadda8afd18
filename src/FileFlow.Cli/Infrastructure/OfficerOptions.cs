using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FileFlow.Organisation;
using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Infrastructure;

/// <summary>The options of a command that acts as an officer: <c>--officer ID --credential PFX</c>, the credential's password from
/// <see cref="PasswordVariable"/> (never on the command line, where <c>ps</c> shows it).</summary>
internal sealed class OfficerOptions
{
    /// <summary>The environment variable holding the officer credential's password; without it, <see cref="Sidecars.ExportPassword"/>.</summary>
    public const string PasswordVariable = "FILEFLOW_CREDENTIAL_PASSWORD";

    public Option<string> Officer { get; } = new("--officer") { Description = "The officer acting (their id in the store's organisation)", Required = true, HelpName = "ID" };

    public Option<string> Credential { get; } = new("--credential")
    {
        Description = "The officer's PKCS#12 (.pfx) credential: its certificate must chain to the store's root and name the officer; password in "
            + PasswordVariable + " (default FILEFLOW_EXPORT_PASSWORD or the development password)",
        Required = true,
        HelpName = "PFX",
    };

    public void AddTo(Command command)
    {
        command.Add(Officer);
        command.Add(Credential);
    }

    /// <summary>Loads the credential and checks it is the officer's, under <paramref name="root"/>, and signs now: what the engine then signs with.</summary>
    public async Task<(OfficerId Officer, OfficerCredential Credential)> LoadAsync(ParseResult result, X509Certificate2 root, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var officer = new OfficerId(result.GetValue(Officer)!);
        var path = result.GetValue(Credential)!;
        return (officer, await LoadAsync(officer, path, root, now, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Loads an officer's credential from <paramref name="path"/> and checks, as verification will, that its certificate names
    /// <paramref name="officer"/>, states no service role, and chains to <paramref name="root"/> now; refuses it (exit 2, naming why) otherwise.</summary>
    public static async Task<OfficerCredential> LoadAsync(OfficerId officer, string path, X509Certificate2 root, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"no credential at '{path}': pass --credential PFX (officer '{officer}''s PKCS#12 file; password in {PasswordVariable})");
        }

        var password = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } given ? given : Sidecars.ExportPassword;
        OfficerCredential credential;
        try
        {
            credential = OfficerCredential.LoadPkcs12(path, password);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or ArgumentException or FileFlowException)
        {
            throw new CliException($"cannot load the credential '{path}': {e.Message} (wrong {PasswordVariable}?)");
        }

        if (ServiceRoleUsage.RolesOf(credential.Certificate).Count > 0)
        {
            throw new CliException($"the credential '{path}' is a FileFlow service's ({string.Join(", ", ServiceRoleUsage.RolesOf(credential.Certificate))}), not an officer's");
        }

        if (credential.Officer != officer)
        {
            throw new CliException($"the credential '{path}' is officer '{credential.Officer?.Value ?? "(none)"}''s, not '{officer}''s");
        }

        // The verifier's own check: a probe signed now must chain to the store's root, with a key that may sign, valid and unrevoked now.
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var probe = Encoding.UTF8.GetBytes("fileflow officer credential check\n" + officer.Value);
        var signature = await credential.CreateSigner().SignAsync(probe, at, cancellationToken).ConfigureAwait(false);
        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(root);
        var check = new CertificateSignatureVerifier(trust).VerifyDetached(probe, signature, at);
        if (!check.IsValid)
        {
            throw new CliException($"the credential '{path}' cannot sign for this store: {check.Failure}: {check.Reason}");
        }

        return credential;
    }
}
