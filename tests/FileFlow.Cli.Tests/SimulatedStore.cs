namespace FileFlow.Cli.Tests;

/// <summary>One small simulated store (200 files, 2 offices), made once by the real tool in a child process and shared by the tests that only read it.</summary>
public sealed class SimulatedStore : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("fileflow-cli-").FullName;

    public string Db => Path.Combine(Directory, "sim.db");

    internal CliRun Simulation { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Simulation = await Cli.RunProcessAsync(Directory, "simulate", "--files", "200", "--offices", "2", "--seed", "7", "--db", Db, "--json");

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Copies the store and its sidecars to a new name in the same folder (for tests that change it).</summary>
    public string Copy(string name)
    {
        var target = Path.Combine(Directory, name);
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "sim.db*"))
        {
            File.Copy(file, target + Path.GetFileName(file)["sim.db".Length..]);
        }

        return target;
    }
}
