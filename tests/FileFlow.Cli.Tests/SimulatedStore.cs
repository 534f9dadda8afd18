namespace FileFlow.Cli.Tests;

/// <summary>One small simulated store (200 files, 2 offices), made once by the real tool in a child process and shared by the tests that only read it;
/// the organisation administrator's credential is written to a vault folder away from the store (<c>simulate --org-credential</c>).</summary>
public sealed class SimulatedStore : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("fileflow-cli-").FullName;

    public string Db => Path.Combine(Directory, "sim.db");

    /// <summary>The organisation administrator's credential (Organisation role), held in a vault folder that <see cref="Copy"/> does not copy.</summary>
    public string OrganisationCredential => Path.Combine(Directory, "vault", "org.pfx");

    internal CliRun Simulation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(OrganisationCredential)!);
        Simulation = await Cli.RunProcessAsync(Directory, "simulate", "--files", "200", "--offices", "2", "--seed", "7", "--db", Db, "--org-credential", OrganisationCredential, "--json");
    }

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
