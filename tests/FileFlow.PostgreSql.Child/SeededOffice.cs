using System.Text;
using FileFlow.Engine;
using FileFlow.Signing;
using FileFlow.Storage;
using FileFlow.StoreContract;
using Microsoft.Extensions.Time.Testing;

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
            var key = SoftwareKey.FromSeed($"{officer.Id.Value}-seeded", SignatureAlgorithms.Ed25519, Encoding.UTF8.GetBytes("fileflow-postgresql-tests/" + officer.Id.Value));
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
