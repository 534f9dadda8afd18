using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>The documents being replayed together, in global order, so that each record's authority is judged with its related documents
/// (a noting's file, a file's notes and drafts) as they stood when it was signed.</summary>
/// <remarks>Not thread-safe.</remarks>
internal sealed class ReplaySet(AuthorityPolicy? policy, string? instance = null)
{
    private readonly List<(DocumentReplay Replay, long Position, VerificationFailure Failure)> deferred = [];

    private readonly Dictionary<DocumentId, DocumentReplay> replays = [];
    private readonly Dictionary<DocumentId, HashSet<DocumentId>> children = [];

    private readonly Dictionary<(DocumentId File, long Sequence), TransitionRecord> referrals = [];
    private readonly Dictionary<string, string> shared = new(StringComparer.Ordinal);
    private readonly Dictionary<(DocumentId File, long Sequence), HashSet<PostId>> answered = [];

    public IEnumerable<DocumentReplay> Replays => replays.Values;

    /// <summary>Remembers a file's referral, so the replies to it can be judged.</summary>
    public void AddReferral(TransitionRecord refer) => referrals[(refer.DocumentId, refer.Sequence)] = refer;

    public TransitionRecord? ReferralOf(DocumentId file, long sequence) => referrals.GetValueOrDefault((file, sequence));

    public IReadOnlySet<PostId> AnsweredOf(DocumentId file, long sequence) => answered.TryGetValue((file, sequence), out var set) ? set : new HashSet<PostId>();

    public void MarkAnswered(DocumentId file, long sequence, PostId post)
    {
        if (!answered.TryGetValue((file, sequence), out var set))
        {
            answered[(file, sequence)] = set = [];
        }

        set.Add(post);
    }

    /// <summary>Gets this instance's name; when set, records another instance made are accepted as far as this instance's receipt of them vouches.</summary>
    public string? Instance => instance;

    /// <summary>Holds an authority problem until the end: a receipt from another instance may vouch for the record.</summary>
    public void Defer(DocumentReplay replay, long position, VerificationFailure failure) => deferred.Add((replay, position, failure));

    /// <summary>A receipt at <paramref name="position"/> vouches for the <paramref name="imported"/> records appended just before it.</summary>
    public void Vouch(long position, long imported) =>
        deferred.RemoveAll(d => d.Position >= position - imported && d.Position < position);

    /// <summary>Fails each document with the first authority problem no receipt vouched for.</summary>
    public void Finish()
    {
        foreach (var (replay, _, failure) in deferred.OrderBy(d => d.Position))
        {
            replay.Fail(failure);
        }

        deferred.Clear();
    }

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

    /// <summary>Returns <paramref name="head"/> with its post and officer ids (and service and authority names) as one string per value across all
    /// documents: each record decodes its own copies, and a year's heads would otherwise keep millions of copies of a few thousand ids.</summary>
    public DocumentHead Share(DocumentHead head) => head with
    {
        Holder = Share(head.Holder),
        LastActor = Share(head.LastActor),
        LastActingAs = Share(head.LastActingAs),
        PreviousHolder = Share(head.PreviousHolder),
        SentBy = head.SentBy is { } sentBy ? Share(sentBy) : null,
        CreatedBy = Share(head.CreatedBy),
        Creator = Share(head.Creator),
        Applicant = head.Applicant is { } applicant ? Share(applicant) : null,
        ServiceId = Share(head.ServiceId),
        Authority = Share(head.Authority),
    };

    private PostId Share(PostId id) => id.Value is null ? id : new(Share(id.Value)!);

    private OfficerId Share(OfficerId id) => id.Value is null ? id : new(Share(id.Value)!);

    private string? Share(string? value)
    {
        if (value is null)
        {
            return null;
        }

        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(shared, value, out _);
        return slot ??= value;
    }

    public DocumentHead? HeadOf(DocumentId id) => replays.TryGetValue(id, out var replay) ? replay.Head : null;

    public IEnumerable<DocumentHead> ChildrenOf(DocumentId id) =>
        children.TryGetValue(id, out var set) ? set.Select(HeadOf).OfType<DocumentHead>() : [];
}
