using System.Text;
using FileFlow.Engine;
using FileFlow.Signing;
using FileFlow.Storage;
using FileFlow.StoreContract;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Security;

namespace FileFlow.PostgreSql.Child;

/// <summary>The test office with Ed25519 keys derived from a fixed seed, so separate processes sign with the same keys and verify each other.</summary>
public sealed class SeededOffice
{
    private SeededOffice(IDocumentStore store, DateTimeOffset now)
    {
        Chart = TestOffice.Create(store).Chart;
        Clock = new FakeTimeProvider(now);
        var signers = new SignerRegistry();
        Keys = new PublicKeyDirectory();
        foreach (var officer in Chart.Officers)
        {
            var random = SecureRandom.GetInstance("SHA256PRNG", false);
            random.SetSeed(Encoding.UTF8.GetBytes("fileflow-postgresql-tests/" + officer.Id.Value));
            var key = SoftwareKey.Generate($"{officer.Id.Value}-seeded", SignatureAlgorithms.Ed25519, random);
            signers.Register(officer.Id, key.CreateSigner());
            Keys.Register(key, officer.Id);
        }

        Engine = new FileFlowEngine(store, signers, Chart, new FileFlowEngineOptions { TimeProvider = Clock });
    }

    public Organisation.OrganisationChart Chart { get; }

    public FakeTimeProvider Clock { get; }

    public PublicKeyDirectory Keys { get; }

    public FileFlowEngine Engine { get; }

    public static SeededOffice Create(IDocumentStore store, DateTimeOffset now) => new(store, now);
}
