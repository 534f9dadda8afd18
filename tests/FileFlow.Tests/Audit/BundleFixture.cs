using FileFlow.Audit;

namespace FileFlow.Tests.Audit;

/// <summary>One scenario and one pristine exported bundle folder shared by the bundle tests; each tampering test works on its own copy.</summary>
public sealed class BundleFixture : IAsyncLifetime
{
    private readonly List<string> paths = [];

    public BundleScenario Scenario { get; private set; } = null!;

    public string Pristine { get; private set; } = null!;

    public BundleExportResult Export { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Scenario = await BundleScenario.CreateAsync();
        Pristine = NewPath();
        Export = await Scenario.ExportAsync(Pristine);
    }

    public Task DisposeAsync()
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A new temporary path, deleted when the tests are done.</summary>
    public string NewPath(string suffix = "")
    {
        var path = BundleScenario.NewTempPath(suffix);
        lock (paths)
        {
            paths.Add(path);
        }

        return path;
    }

    /// <summary>A fresh copy of the pristine bundle folder.</summary>
    public string Copy()
    {
        var target = NewPath();
        foreach (var file in Directory.EnumerateFiles(Pristine, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Pristine, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
