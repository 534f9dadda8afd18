namespace FileFlow.Cli.Tests;

/// <summary>Two small simulated stores (2 offices, 30 files each, seeds 7 and 8), made once by the real tool in child processes, each with a vault
/// folder away from the store holding its log and system credentials and every officer's credential (<c>simulate --officer-credentials</c>), so
/// tests can act as officers and as instances; tests that change a store work on a <see cref="Copy"/>.</summary>
public sealed class OfficerStores : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("fileflow-cli-officers-").FullName;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(SimulateAsync("a", 7), SimulateAsync("b", 8));
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Returns the vault of store <paramref name="source"/> ("a" or "b"): log.pfx, system.pfx and officers/&lt;officer&gt;.pfx.</summary>
    public string Vault(string source) => Path.Combine(Directory, "vault-" + source);

    /// <summary>Returns an officer's credential in the vault of store <paramref name="source"/>.</summary>
    public string Credential(string source, string officer) => Path.Combine(Vault(source), "officers", officer + ".pfx");

    /// <summary>Copies store <paramref name="source"/> ("a" or "b") and its sidecars to a new name in the same folder.</summary>
    public string Copy(string source, string name)
    {
        var target = Path.Combine(Directory, name);
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, source + ".db*"))
        {
            File.Copy(file, target + Path.GetFileName(file)[(source + ".db").Length..]);
        }

        return target;
    }

    private async Task SimulateAsync(string name, int seed)
    {
        System.IO.Directory.CreateDirectory(Vault(name));
        var run = await Cli.RunProcessAsync(Directory, "simulate", "--files", "30", "--days", "20", "--offices", "2", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--db", Path.Combine(Directory, name + ".db"), "--log-credential", Path.Combine(Vault(name), "log.pfx"), "--system-credential", Path.Combine(Vault(name), "system.pfx"),
            "--officer-credentials", Path.Combine(Vault(name), "officers"), "--json");
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("simulate failed: " + run);
        }
    }
}
