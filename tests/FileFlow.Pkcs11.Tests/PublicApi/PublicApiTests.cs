using System.Reflection;
using FileFlow.Hosting.Tests.PublicApi;

namespace FileFlow.Pkcs11.Tests.PublicApi;

/// <summary>The public API of FileFlow.Pkcs11 is approved text checked in next to this test, as FileFlow's own is in FileFlow.Hosting.Tests.</summary>
/// <remarks>To accept an intended change, run the tests with <c>FILEFLOW_ACCEPT_API=1</c>, which rewrites <c>FileFlow.Pkcs11.approved.txt</c>, and commit it.</remarks>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_API_matches_the_approved_file()
    {
        var assembly = typeof(Pkcs11Module).Assembly;
        var received = PublicApiText.Of(assembly);
        var folder = Path.Combine(Root(), "tests", "FileFlow.Pkcs11.Tests", "PublicApi");
        var approvedPath = Path.Combine(folder, assembly.GetName().Name + ".approved.txt");
        var receivedPath = Path.Combine(folder, assembly.GetName().Name + ".received.txt");
        if (Environment.GetEnvironmentVariable("FILEFLOW_ACCEPT_API") == "1")
        {
            File.WriteAllText(approvedPath, received);
            File.Delete(receivedPath);
            return;
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail($"The public API of FileFlow.Pkcs11 changed. If the change is intended, run the tests with FILEFLOW_ACCEPT_API=1 and commit {approvedPath}. Received: {receivedPath}");
    }

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FileFlow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FileFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
