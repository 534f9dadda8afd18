using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace FileFlow.Cli.Infrastructure;

/// <summary>The files that travel with a store so a later process can verify it: the root certificate, the organisation chart, and a signed Merkle checkpoint with its log key.</summary>
internal sealed class Sidecars(string prefix)
{
    public string RootCertificate => prefix + ".root.pem";

    public string Organisation => prefix + ".org.json";

    public string Checkpoint => prefix + ".checkpoint.txt";

    public string LogKey => prefix + ".logkey.json";

    public IEnumerable<string> All => [RootCertificate, Organisation, Checkpoint, LogKey];

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

    public void SaveLogKey(LogKeyFile key) => File.WriteAllText(LogKey, JsonSerializer.Serialize(key, CliContext.Json));

    public LogKeyFile? LoadLogKey() =>
        File.Exists(LogKey) ? JsonSerializer.Deserialize<LogKeyFile>(File.ReadAllText(LogKey), CliContext.Json) : null;
}
