using FileFlow.Organisation;
using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Infrastructure;

/// <summary>The officer a command acts as (<c>--officer ID --credential PFX</c>): an officer of the chart and their PKCS#12 credential, whose certificate
/// must name that officer. The password comes from <c>FILEFLOW_CREDENTIAL_PASSWORD</c>, else the development default of <see cref="Sidecars.ExportPassword"/>.</summary>
internal sealed record ActingOfficer(OfficerId Id, OfficerCredential Credential)
{
    /// <summary>Loads the credential and checks it against the chart.</summary>
    /// <exception cref="CliException">The officer is not in the chart, or the credential is missing, unreadable or another officer's.</exception>
    public static ActingOfficer Load(string officer, string credentialPath, OrganisationChart chart)
    {
        var id = new OfficerId(officer);
        if (!chart.ContainsOfficer(id))
        {
            throw new CliException($"officer '{officer}' is not in the organisation chart");
        }

        if (!File.Exists(credentialPath))
        {
            throw new CliException($"no credential at '{credentialPath}': pass --credential PFX (the officer's PKCS#12; password in FILEFLOW_CREDENTIAL_PASSWORD)");
        }

        var password = Environment.GetEnvironmentVariable("FILEFLOW_CREDENTIAL_PASSWORD") is { Length: > 0 } given ? given : Sidecars.ExportPassword;
        OfficerCredential credential;
        try
        {
            credential = OfficerCredential.LoadPkcs12(credentialPath, password);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or ArgumentException or FileFlowException)
        {
            throw new CliException($"cannot load the credential '{credentialPath}': {e.Message} (wrong FILEFLOW_CREDENTIAL_PASSWORD?)");
        }

        return credential.Officer == id
            ? new ActingOfficer(id, credential)
            : throw new CliException($"the credential '{credentialPath}' is officer '{credential.Officer?.Value ?? "(none)"}''s, not '{officer}''s");
    }
}
