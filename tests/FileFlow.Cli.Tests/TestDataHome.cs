using System.Runtime.CompilerServices;

namespace FileFlow.Cli.Tests;

/// <summary>Keeps what the CLI writes into the user's data folder by default (officers' keyrings) out of the home folder of whoever runs the tests:
/// every in-process and child-process run of this assembly sees a data home under the temporary folder.</summary>
internal static class TestDataHome
{
#pragma warning disable CA2255 // a test assembly's own set-up, not a library's
    [ModuleInitializer]
    internal static void Redirect() =>
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", Path.Combine(Path.GetTempPath(), "fileflow-cli-tests-data"));
#pragma warning restore CA2255
}
