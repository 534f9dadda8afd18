using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>Consultation: a file's question referred to several posts for comment by a date, each reply a signed noting in the file; the file moves on meanwhile.</content>
public sealed partial class FileFlowEngine
{
    /// <summary>Answers a referral of <paramref name="file"/>'s question: a noting written by an officer of a post it was referred to, signed and frozen
    /// into the file at once (it follows the file from then on), naming the referral.</summary>
    /// <param name="actor">The officer answering, for the referred post they hold or are in charge of.</param>
    /// <param name="file">The file referred.</param>
    /// <param name="referral">The sequence of the file's <see cref="DocumentTrigger.Refer"/> record (<see cref="Referral.Sequence"/>).</param>
    /// <param name="paragraphs">The comment.</param>
    /// <param name="actionId">The action's identifier; a retry with it returns what landed.</param>
    /// <param name="cancellationToken">Cancels the action.</param>
    /// <exception cref="InvalidActionException">The record named is not a referral, or the post already answered it.</exception>
    /// <exception cref="NotCurrentHolderException">The officer acts for none of the posts it was referred to.</exception>
    public async Task<ActionResult> ReplyToReferralAsync(OfficerId actor, DocumentId file, long referral, IReadOnlyList<NotingParagraph> paragraphs, Guid? actionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        var content = NotingContent.Encode(paragraphs);
        var id = actionId ?? Guid.NewGuid();
        var request = ActionRequest.InFile("referral-reply/" + referral.ToString(CultureInfo.InvariantCulture), DocumentTrigger.Create, actor, file, null, content);
        if (await FindLandedAsync(actionId, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return landed;
        }

        using var telemetry = BeginAction(file, DocumentTrigger.Create, actor);
        var head = await LoadAsync(file, cancellationToken).ConfigureAwait(false);
        var refer = await RecordAtAsync(file, referral, cancellationToken).ConfigureAwait(false);
        var answered = (await ReferralsAsync(file, cancellationToken).ConfigureAwait(false)).Where(r => r.Sequence == referral && !r.IsOutstanding).Select(r => r.Post).ToHashSet();
        var now = Now();
        var (post, capacity) = authority.AuthoriseReferralReply(head, refer, actor, answered, now);
        CheckActorClearance(head, actor);
        var signer = signers.GetSigner(actor);
        var result = await CommitAsync(id, request, async (_, token) =>
        {
            var attributes = ChildAttributes(head).SetItem(RecordAttributes.Referral, referral.ToString(CultureInfo.InvariantCulture)).SetItem(RecordAttributes.Request, request.Fingerprint);
            var created = new RecordDraft(DocumentKind.Noting, DocumentTrigger.Create, DocumentState.Draft, actor, post, capacity, post, id, now, attributes)
            {
                NewId = DocumentId.ForAction(id, "created"),
                Content = content,
            };
            var noting = await created.SignAsync(signer, token).ConfigureAwait(false);
            // Frozen at once and handed to the file's holder: a reply is a comment given, not a draft kept. A store takes one record per action and
            // document, so the freezing record carries an action id derived from the reply's.
            var frozenId = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("fileflow-referral-reply-frozen/" + id)).AsSpan(0, 16));
            var frozen = new RecordDraft(DocumentKind.Noting, DocumentTrigger.Forward, DocumentState.Forwarded, actor, post, capacity, head.Holder, frozenId, now, ImmutableSortedDictionary<string, string>.Empty)
            {
                Before = noting.Head,
            };
            return [noting, await frozen.SignAsync(signer, token).ConfigureAwait(false)];
        }, cancellationToken).ConfigureAwait(false);
        return telemetry.Complete(result);
    }

    /// <summary>Lists every referral of a file, one entry per post asked, with its reply when given, in the order they were made.</summary>
    /// <exception cref="DocumentNotFoundException">The file does not exist.</exception>
    public async Task<IReadOnlyList<Referral>> ReferralsAsync(DocumentId file, CancellationToken cancellationToken = default)
    {
        var referrals = new List<Referral>();
        await foreach (var stored in store.ReadStreamAsync(file, cancellationToken).ConfigureAwait(false))
        {
            var record = stored.Record;
            if (record.Trigger == DocumentTrigger.Refer)
            {
                var due = DateTimeOffset.Parse(record.Attribute(RecordAttributes.ReplyBy)!, CultureInfo.InvariantCulture);
                referrals.AddRange(ReferredPosts(record).Select(p => new Referral(file, record.Sequence, record.ActingAs, p, record.Attribute(RecordAttributes.Reason) ?? string.Empty, due, null, null)));
            }
        }

        if (referrals.Count == 0)
        {
            _ = await LoadAsync(file, cancellationToken).ConfigureAwait(false);
            return referrals;
        }

        await foreach (var noting in store.QueryAllAsync(new DocumentQuery { Parent = file, Kind = DocumentKind.Noting, Limit = 1000 }, cancellationToken).ConfigureAwait(false))
        {
            var first = await RecordAtAsync(noting.Id, 0, cancellationToken).ConfigureAwait(false);
            if (long.TryParse(first.Attribute(RecordAttributes.Referral), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && referrals.FindIndex(r => r.Sequence == sequence && r.Post == first.ActingAs) is var i and >= 0)
            {
                referrals[i] = referrals[i] with { Reply = noting.Id, RepliedAt = first.OccurredAt };
            }
        }

        return referrals;
    }

    /// <summary>Lists the referrals a post has not answered yet, across the files in the store, the oldest due first: its consultation pendency.</summary>
    public async IAsyncEnumerable<Referral> OutstandingReferralsAsync(PostId post, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var outstanding = new List<Referral>();
        await foreach (var file in store.QueryAllAsync(new DocumentQuery { Kind = DocumentKind.File, Limit = 1000 }, cancellationToken).ConfigureAwait(false))
        {
            if (DocumentStates.IsPending(file.Kind, file.State))
            {
                outstanding.AddRange((await ReferralsAsync(file.Id, cancellationToken).ConfigureAwait(false)).Where(r => r.Post == post && r.IsOutstanding));
            }
        }

        foreach (var referral in outstanding.OrderBy(r => r.ReplyBy))
        {
            yield return referral;
        }
    }

    internal static IEnumerable<PostId> ReferredPosts(TransitionRecord refer) =>
        (refer.Attribute(RecordAttributes.ReferredTo) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => new PostId(p));

    // Step 5 of a referral: the file stays with its holder; each post asked must exist, be staffed and cleared for the file.
    private ActionStep PlanReferral(ActionStep step)
    {
        var head = step.Head;
        foreach (var post in step.Action.CopyTo.Distinct())
        {
            organisation.GetPost(post);
            if (post == head.Holder)
            {
                throw new InvalidActionException(head.Id, step.Action.Trigger, $"post '{post}' holds the file; refer it to other posts.");
            }

            authority.CheckRecipient(head.Id, post, step.At);
            CheckClearance(head, post, step.Action.Trigger, step.At);
        }

        return step with { Holder = head.Holder };
    }

    private async ValueTask<TransitionRecord> RecordAtAsync(DocumentId id, long sequence, CancellationToken cancellationToken)
    {
        await foreach (var stored in store.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            if (stored.Sequence == sequence)
            {
                return stored.Record;
            }
        }

        throw new InvalidActionException(id, DocumentTrigger.Create, $"it has no record {sequence}.");
    }
}
