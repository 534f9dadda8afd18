using FileFlow.Cli.Infrastructure;
using FileFlow.Cli.Simulation;
using FileFlow.Organisation;
using FileFlow.Signing.Certificates;

namespace FileFlow.Cli.Tests;

/// <summary>The officers' keyring the simulator provisions before the year: one key per officer, reused by the same seed and organisation only.</summary>
public sealed class OfficerKeyringTests : IDisposable
{
    private static readonly OfficerId[] Officers = [new("o-a"), new("o-b"), new("o-c"), new("o-d")];

    private readonly string directory = Directory.CreateTempSubdirectory("fileflow-keyring-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256)]
    [InlineData(CertificateKeyAlgorithm.Ed25519)]
    public void LoadOrCreate_gives_every_officer_a_key_of_their_own_and_a_second_load_returns_the_same_keys(CertificateKeyAlgorithm algorithm)
    {
        var made = new List<int>();

        var first = OfficerKeyring.LoadOrCreate(directory, 5, algorithm, Officers, n => { lock (made) { made.Add(n); } }, CancellationToken.None);
        var second = OfficerKeyring.LoadOrCreate(directory, 5, algorithm, Officers, null, CancellationToken.None);

        first.Reused.Should().BeFalse();
        second.Reused.Should().BeTrue();
        second.Path.Should().Be(first.Path);
        made.Should().HaveCount(Officers.Length).And.Contain(Officers.Length);
        first.Keys.Values.Select(k => Convert.ToBase64String(k.PublicKeyInfo.Span)).Should().OnlyHaveUniqueItems("no key is shared between officers");
        foreach (var officer in Officers)
        {
            second.Keys[officer].PublicKeyInfo.ToArray().Should().Equal(first.Keys[officer].PublicKeyInfo.ToArray());
        }
    }

    [Fact]
    public void LoadOrCreate_with_another_seed_or_organisation_does_not_reuse_the_keyring()
    {
        var first = OfficerKeyring.LoadOrCreate(directory, 5, CertificateKeyAlgorithm.EcdsaP256, Officers, null, CancellationToken.None);

        var otherSeed = OfficerKeyring.LoadOrCreate(directory, 6, CertificateKeyAlgorithm.EcdsaP256, Officers, null, CancellationToken.None);
        var otherOrganisation = OfficerKeyring.LoadOrCreate(directory, 5, CertificateKeyAlgorithm.EcdsaP256, Officers[..3], null, CancellationToken.None);

        otherSeed.Reused.Should().BeFalse();
        otherOrganisation.Reused.Should().BeFalse();
        new[] { first.Path, otherSeed.Path, otherOrganisation.Path }.Should().OnlyHaveUniqueItems();
        otherSeed.Keys[Officers[0]].PublicKeyInfo.ToArray().Should().NotEqual(first.Keys[Officers[0]].PublicKeyInfo.ToArray());
    }

    [Fact]
    public void LoadOrCreate_of_a_damaged_keyring_fails_naming_the_file()
    {
        var first = OfficerKeyring.LoadOrCreate(directory, 5, CertificateKeyAlgorithm.EcdsaP256, Officers, null, CancellationToken.None);
        var bytes = File.ReadAllBytes(first.Path);
        File.WriteAllBytes(first.Path, bytes[..(bytes.Length / 2)]);

        var load = () => OfficerKeyring.LoadOrCreate(directory, 5, CertificateKeyAlgorithm.EcdsaP256, Officers, null, CancellationToken.None);

        load.Should().Throw<CliException>().WithMessage($"*'{first.Path}'*delete it*");
    }

    [Fact]
    public async Task Simulate_twice_with_the_same_seed_reuses_the_keyring_reports_provisioning_apart_and_verifies()
    {
        string[] Args(string db, int seed) =>
            ["simulate", "--files", "40", "--offices", "2", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--days", "20",
             "--keyring", directory, "--db", Path.Combine(directory, db), "--json"];

        var first = await Cli.RunInProcessAsync(Args("k1.db", 3));
        var second = await Cli.RunInProcessAsync(Args("k2.db", 3));
        var other = await Cli.RunInProcessAsync(Args("k3.db", 4));
        var verify = await Cli.RunInProcessAsync("verify", "--db", Path.Combine(directory, "k2.db"), "--json");

        first.ExitCode.Should().Be(0, first.ToString());
        second.ExitCode.Should().Be(0, second.ToString());
        first.Json.GetProperty("keyringReused").GetBoolean().Should().BeFalse();
        second.Json.GetProperty("keyringReused").GetBoolean().Should().BeTrue();
        second.Json.GetProperty("keyring").GetString().Should().Be(first.Json.GetProperty("keyring").GetString()).And.StartWith(directory);
        other.Json.GetProperty("keyringReused").GetBoolean().Should().BeFalse("another seed is another organisation's keys");
        second.Json.GetProperty("provisioningSeconds").GetDouble().Should().BeGreaterThan(0);
        second.Json.GetProperty("certificatesIssued").GetInt32().Should().BeGreaterThanOrEqualTo(second.Json.GetProperty("officers").GetInt32());
        second.Json.GetProperty("posts").GetInt32().Should().Be(second.Json.GetProperty("officers").GetInt32());
        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Json.GetProperty("valid").GetBoolean().Should().BeTrue("records signed with keyring keys verify against the run's root");
    }
}
