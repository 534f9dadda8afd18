using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FileFlow;
using FileFlow.Audit;

// Verifies a FileFlow export bundle in a fresh process with the root certificate as the only trust input.
// Exit codes: 0 valid, 1 invalid (failures printed), 2 usage error or unreadable bundle.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: FileFlow.BundleCheck <bundle folder or .zip> <root.pem>");
    return 2;
}

X509Certificate2 root;
try
{
    root = X509Certificate2.CreateFromPem(File.ReadAllText(args[1]));
}
catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"cannot read the root certificate '{args[1]}': {e.Message}");
    return 2;
}

var options = new BundleVerificationOptions();
options.TrustAnchors.Add(root);
try
{
    var report = await BundleVerifier.VerifyAsync(args[0], options);
    if (report.IsValid)
    {
        Console.WriteLine($"valid: {report.Documents} documents, {report.Records} records, trusted root {root.Subject}");
        Console.WriteLine($"manifest signed by {report.ManifestSigner}");
        return 0;
    }

    Console.WriteLine($"INVALID: {report.Failures.Length} problems in {report.Documents} documents, {report.Records} records");
    foreach (var failure in report.Failures)
    {
        Console.WriteLine(failure);
    }

    return 1;
}
catch (FileFlowException e)
{
    Console.Error.WriteLine("unreadable bundle: " + e.Message);
    return 2;
}
