using System.Diagnostics;
using System.Security.Cryptography;
using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Simulation;

/// <summary>The bound a signed record cannot beat: one native signature and one native verification with the officers' key type.</summary>
internal static class RawPrimitive
{
    /// <summary>Returns the CPU microseconds of one native sign plus one native verify of a record-sized message, measured now (after a warm-up); <see langword="null"/> for Ed25519, which .NET has no native form of.</summary>
    public static double? SignVerifyMicroseconds(CertificateKeyAlgorithm algorithm, int count = 2000)
    {
        var data = RandomNumberGenerator.GetBytes(300);
        Func<bool> once;
        IDisposable key;
        switch (algorithm)
        {
            case CertificateKeyAlgorithm.Rsa2048:
                var rsa = RSA.Create(2048);
                key = rsa;
                once = () => rsa.VerifyData(data, rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                count /= 10;
                break;
            case CertificateKeyAlgorithm.EcdsaP256:
                var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                key = ecdsa;
                once = () => ecdsa.VerifyData(data, ecdsa.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256);
                break;
            default:
                return null; // .NET has no native Ed25519
        }

        using (key)
        {
            for (var i = 0; i < count / 10; i++)
            {
                once();
            }

            var thread = ThreadCpu();
            for (var i = 0; i < count; i++)
            {
                if (!once())
                {
                    throw new CryptographicException("A raw signature did not verify.");
                }
            }

            return (ThreadCpu() - thread).TotalMicroseconds / count;
        }
    }

    // The process's CPU time: the loop runs on one thread and the rest of the process is idle once the year has ended.
    private static TimeSpan ThreadCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
