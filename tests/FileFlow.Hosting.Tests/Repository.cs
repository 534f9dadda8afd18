namespace FileFlow.Hosting.Tests;

/// <summary>Finds files of the repository the tests were built from.</summary>
internal static class Repository
{
    /// <summary>Returns the folder holding FileFlow.sln, above the test's output folder.</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FileFlow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FileFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
