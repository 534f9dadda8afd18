using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow.Audit;
using FileFlow.Signing.Certificates;

namespace FileFlow.Instances;

/// <summary>Reads the trusted instances from a folder: for each instance <c>NAME</c>, <c>NAME.root.pem</c> (its root certificate) and
/// <c>NAME.log.pem</c> (its log certificate, issued under that root, which signs its checkpoints).</summary>
public static class InstanceTrustDirectory
{
    /// <summary>Adds every instance found in <paramref name="directory"/> to <paramref name="options"/>; returns their names.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">A certificate file cannot be read, or an instance has a log certificate but no root.</exception>
    public static IReadOnlyList<string> Load(string directory, InstanceTransferOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The trusted instances folder '{directory}' does not exist.");
        }

        var names = new List<string>();
        foreach (var rootPath in Directory.EnumerateFiles(directory, "*.root.pem").Order(StringComparer.Ordinal))
        {
            var name = InstanceName.Check(Path.GetFileName(rootPath)[..^".root.pem".Length], nameof(directory));
            var root = Load(rootPath);
            options.TrustAnchors.Add(root);
            var logPath = Path.Combine(directory, name + ".log.pem");
            if (File.Exists(logPath))
            {
                using var log = Load(logPath);
                var trust = new CertificateTrustOptions { OfficerResolver = options.OfficerResolver };
                trust.TrustAnchors.Add(root);
                options.TrustedLogs[name] = new CertificateCheckpointVerifier(trust, origin: name, logCertificateKeyId: CertificateKeyId.Of(log.RawData));
            }

            names.Add(name);
        }

        foreach (var logPath in Directory.EnumerateFiles(directory, "*.log.pem"))
        {
            var name = Path.GetFileName(logPath)[..^".log.pem".Length];
            if (!names.Contains(name))
            {
                throw new ArgumentException($"'{logPath}' is the log certificate of instance '{name}', but '{name}.root.pem' is missing beside it.", nameof(directory));
            }
        }

        return names;
    }

    private static X509Certificate2 Load(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            throw new ArgumentException($"'{path}' is not a PEM certificate: {e.Message}", nameof(path), e);
        }
    }
}
