using FileFlow.Audit;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing.Certificates;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Audit;

/// <summary>A log's leaves and its Log-role certificate (issued by the development authority), signing real CMS checkpoints of any prefix or of a forked history.</summary>
internal sealed class CheckpointHistory
{
    public const string Origin = "health-dte.example.gov.in/fileflow";
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<OfficerCredential> LazyLog = new(() => DevPki.Service(ServiceRole.Log, new OfficerId("fileflow-log")));
    private static readonly Lazy<OfficerCredential> LazyWitness = new(() => DevPki.Service(ServiceRole.Witness, new OfficerId("fileflow-witness")));

    public CheckpointHistory(int size, string seed = "genuine")
    {
        Leaves = Enumerable.Range(0, size).Select(i => MerkleHasher.LeafHash(System.Text.Encoding.ASCII.GetBytes($"{seed} record {i}"))).ToList();
    }

    public static OfficerCredential Log => LazyLog.Value;

    public static OfficerCredential Witness => LazyWitness.Value;

    public List<Hash256> Leaves { get; }

    public static CertificateTrustOptions Trust()
    {
        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(DevPki.Root.Root);
        return trust;
    }

    public static LogVerifier Verifier() => new(new CertificateCheckpointVerifier(Trust(), Origin, Log.KeyId));

    public static string NewDirectory() => Directory.CreateTempSubdirectory("fileflow-checkpoints-").FullName;

    public Task<SignedCheckpoint> SignAsync(int size) =>
        new Checkpoint(Origin, size, MerkleTree.ComputeRoot(Leaves, size), Start.AddMinutes(size)).SignAsync(Log.CreateSigner()).AsTask();

    public ConsistencyProof Proof(int first, int second) => MerkleTree.CreateConsistencyProof(Leaves, first, second);
}
