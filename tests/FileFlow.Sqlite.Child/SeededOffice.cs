using System.Text;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Sqlite.Child;

/// <summary>The test office's chart with Ed25519 keys derived from a fixed seed, so a parent test and its child processes sign and verify with the same keys.</summary>
public sealed class SeededOffice
{
    private static readonly Lazy<OrganisationChart> SharedChart = new(() => TestOffice.Create().Chart);

    private SeededOffice(IDocumentStore store, TimeProvider time)
    {
        Chart = SharedChart.Value;
        Signers = new SignerRegistry();
        Keys = new PublicKeyDirectory();
        foreach (var officer in Chart.Officers)
        {
            var key = KeyFor(officer.Id);
            Signers.Register(officer.Id, key.CreateSigner());
            Keys.Register(key, officer.Id);
        }

        Engine = new FileFlowEngine(store, Signers, Chart, new FileFlowEngineOptions { TimeProvider = time });
    }

    public OrganisationChart Chart { get; }

    public SignerRegistry Signers { get; }

    public PublicKeyDirectory Keys { get; }

    public FileFlowEngine Engine { get; }

    public static SeededOffice Create(IDocumentStore store, TimeProvider? time = null) => new(store, time ?? TimeProvider.System);

    /// <summary>Derives an officer's key from a seeded SHA-256 PRNG: the same officer always gets the same key.</summary>
    public static SoftwareKey KeyFor(OfficerId officer)
    {
        return SoftwareKey.FromSeed(officer.Value + "-seeded", SignatureAlgorithms.Ed25519, Encoding.UTF8.GetBytes("fileflow-sqlite-tests/" + officer.Value));
    }
}
