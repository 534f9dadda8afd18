using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Sqlite.Bench;

/// <summary>Builds chained records of synthetic files quickly: signed for real, or all carrying one reused signature (for loading big stores).</summary>
public sealed class RecordFactory
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SoftwareKey key;
    private readonly ISigner signer;
    private readonly RecordSignature reused;
    private readonly int posts;
    private long clock;

    /// <param name="posts">How many posts files are sent between.</param>
    /// <param name="algorithm">The key type of the signer.</param>
    /// <param name="reuse">The signature unsigned records carry; by default one made by this factory's key.</param>
    public RecordFactory(int posts, string algorithm = SignatureAlgorithms.Ed25519, RecordSignature? reuse = null)
    {
        this.posts = posts;
        key = SoftwareKey.Generate("bench-key", algorithm);
        signer = key.CreateSigner();
        reused = reuse ?? signer.SignAsync(new byte[] { 1, 2, 3 }, Epoch).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Gets the key every record is signed with.</summary>
    public SoftwareKey Key => key;

    /// <summary>Gets the officer every record names as its actor.</summary>
    public static OfficerId Officer { get; } = new("officer");

    public static PostId Post(int i) => new($"POST-{i:D4}");

    /// <summary>Gets the subject of synthetic file number <paramref name="n"/>: one in five in Hindi, the rest in English.</summary>
    public static string Subject(int n) => n % 5 == 0 ? $"अर्जित अवकाश स्वीकृति — कर्मचारी {n}" : $"Medical leave of officer {n}, {(n % 29) + 1} days";

    /// <summary>Builds the next record of a file (creation when <paramref name="head"/> is null).</summary>
    public RecordAppend Next(DocumentHead? head, Random random, bool sign, int? subjectNumber = null)
    {
        var at = Epoch.AddMilliseconds(Interlocked.Increment(ref clock));
        var id = head?.Id ?? DocumentId.New();
        var attributes = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (head is null)
        {
            attributes = attributes
                .Add(RecordAttributes.FileNumber, $"HEALTH/EST/LEAVE/{random.Next(1, 1_000_000)}/2026")
                .Add(RecordAttributes.Subject, subjectNumber is { } n ? Subject(n) : $"Medical leave of officer {random.Next(100_000)}, {random.Next(1, 30)} days");
        }

        var record = new TransitionRecord
        {
            DocumentId = id,
            Kind = DocumentKind.File,
            Sequence = head is null ? 0 : head.Sequence + 1,
            ActionId = Guid.NewGuid(),
            Trigger = head is null ? DocumentTrigger.Create : DocumentTrigger.Forward,
            From = head?.State ?? DocumentState.None,
            To = head is null ? DocumentState.Draft : DocumentState.Forwarded,
            Actor = Officer,
            ActingAs = head?.Holder ?? Post(0),
            Capacity = ActingCapacity.Holder,
            Holder = Post(random.Next(posts)),
            OccurredAt = at,
            PreviousHash = head?.LastHash ?? Hash256.Zero,
            Attributes = attributes,
            SignerKeyId = signer.KeyId,
        };
        var bytes = RecordCodec.Encode(record);
        var signature = sign ? signer.SignAsync(bytes, at).AsTask().GetAwaiter().GetResult() : reused;
        var signed = new SignedRecord(record, bytes, signature);
        return new RecordAppend(signed, DocumentProjection.Apply(head, record, signed.Hash));
    }
}
