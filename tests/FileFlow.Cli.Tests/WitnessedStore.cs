namespace FileFlow.Cli.Tests;

/// <summary>A small simulated store whose log credential and a witness credential were written to a vault folder away from the store (as
/// <c>simulate --log-credential --witness-credential</c> does), made once by the real tool; each test works on its own copy of the whole folder.</summary>
public sealed class WitnessedStore : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("fileflow-witness-").FullName;

    internal CliRun Simulation { get; private set; } = null!;

    private string Pristine => Path.Combine(Directory, "pristine");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Pristine, "vault"));
        Simulation = await Cli.RunProcessAsync(Pristine, "simulate", "--files", "80", "--offices", "2", "--seed", "11", "--db", "sim.db",
            "--log-credential", Path.Combine("vault", "log.pfx"), "--witness-credential", Path.Combine("vault", "witness.pfx"), "--json");
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Copies the store, its sidecars, its checkpoint log and the vault (credentials, witness state) to a folder of its own.</summary>
    public Office Copy(string name)
    {
        Simulation.ExitCode.Should().Be(0, Simulation.ToString());
        var target = Path.Combine(Directory, name);
        foreach (var file in System.IO.Directory.EnumerateFiles(Pristine, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(Pristine, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return new Office(target);
    }

    /// <summary>One copy: the store and what sits beside it, and the vault held elsewhere.</summary>
    public sealed record Office(string Directory)
    {
        public string Db => Path.Combine(Directory, "sim.db");

        public string CheckpointLog => Db + ".checkpoints";

        public string LogCredential => Path.Combine(Directory, "vault", "log.pfx");

        public string WitnessCredential => Path.Combine(Directory, "vault", "witness.pfx");

        public string WitnessState => Path.Combine(Directory, "vault", "witness-state");

        public string Vault(string name) => Path.Combine(Directory, "vault", name);
    }
}
