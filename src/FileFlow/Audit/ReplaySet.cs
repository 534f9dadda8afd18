using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>The documents being replayed together, in global order, so that each record's authority is judged with its related documents
/// (a noting's file, a file's notes and drafts) as they stood when it was signed.</summary>
/// <remarks>Not thread-safe.</remarks>
internal sealed class ReplaySet(AuthorityPolicy? policy)
{
    private readonly Dictionary<DocumentId, DocumentReplay> replays = [];
    private readonly Dictionary<DocumentId, HashSet<DocumentId>> children = [];

    public IEnumerable<DocumentReplay> Replays => replays.Values;

    public int Count => replays.Count;

    public DocumentReplay Get(DocumentId id)
    {
        if (!replays.TryGetValue(id, out var replay))
        {
            replays[id] = replay = new DocumentReplay(id, policy, this);
        }

        return replay;
    }

    public bool Contains(DocumentId id) => replays.ContainsKey(id);

    public void Apply(SignedRecord stored, SignatureCheck signature)
    {
        var replay = Get(stored.DocumentId);
        replay.Apply(stored, signature);
        if (replay.Head?.Parent is { } parent)
        {
            if (!children.TryGetValue(parent, out var set))
            {
                children[parent] = set = [];
            }

            set.Add(stored.DocumentId);
        }
    }

    public DocumentHead? HeadOf(DocumentId id) => replays.TryGetValue(id, out var replay) ? replay.Head : null;

    public IEnumerable<DocumentHead> ChildrenOf(DocumentId id) =>
        children.TryGetValue(id, out var set) ? set.Select(HeadOf).OfType<DocumentHead>() : [];
}
