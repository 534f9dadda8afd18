using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>Files that cross instances: the send goes through <see cref="FireAsync"/> like every action; the receipt imports the sender's verified
/// records and the system's signed receipt in one append.</content>
public sealed partial class FileFlowEngine
{
    /// <summary>Gets this instance's name, or <see langword="null"/> when the engine neither sends nor receives across instances.</summary>
    internal string? Instance => instance;

    // Step 5 of a send to another instance: no routing here, the file goes to the post the sender names in the other instance.
    private ActionStep PlanInstanceSend(ActionStep step)
    {
        var (head, action) = (step.Head, step.Action);
        if (instance is null)
        {
            throw new InvalidActionException(head.Id, action.Trigger, "this engine has no instance name (FileFlowEngineOptions.Instance), so it sends no files to other instances.");
        }

        if (head.Kind != DocumentKind.File || head.Parent is not null)
        {
            throw new InvalidActionException(head.Id, action.Trigger, "only a file (not a part, volume or paper) is sent to another instance.");
        }

        if (string.IsNullOrWhiteSpace(action.ToInstance) || action.Recipient is not { } post)
        {
            throw new InvalidActionException(head.Id, action.Trigger, "name the instance (ToInstance) and its post (Recipient) to send the file to.");
        }

        var to = Instances.InstanceName.Check(action.ToInstance, nameof(action));
        if (string.Equals(to, instance, StringComparison.Ordinal))
        {
            throw new InvalidActionException(head.Id, action.Trigger, $"'{to}' is this instance; forward the file instead.");
        }

        var attributes = step.Attributes.SetItem(RecordAttributes.ToInstance, to).SetItem(RecordAttributes.Instance, instance);
        return step with { Attributes = attributes, Holder = post };
    }

    /// <summary>Appends a file's records received from another instance (already verified against that instance's trust anchors and checkpoint) and
    /// this instance's receipt, signed by the system officer, naming the sender's last record by its hash; all in one append.</summary>
    /// <param name="file">The file received.</param>
    /// <param name="imported">The records new to this store, in an order in which each document's records follow each other.</param>
    /// <param name="cancellationToken">Cancels the append.</param>
    internal async Task<ActionResult> ReceiveFromInstanceAsync(DocumentId file, IReadOnlyList<SignedRecord> imported, CancellationToken cancellationToken)
    {
        var system = systemOfficer ?? throw new InvalidOperationException("This engine was built with no SystemOfficer, which signs the receipt of files from other instances.");
        if (instance is null)
        {
            throw new InvalidOperationException("This engine has no instance name (FileFlowEngineOptions.Instance), so it receives no files from other instances.");
        }

        using var telemetry = BeginAction(file, DocumentTrigger.ReceiveFromInstance, system);
        var heads = new Dictionary<DocumentId, DocumentHead?>();
        var batch = new List<RecordAppend>(imported.Count + 1);
        foreach (var stored in imported)
        {
            if (!heads.TryGetValue(stored.DocumentId, out var before))
            {
                before = await store.GetHeadAsync(stored.DocumentId, cancellationToken).ConfigureAwait(false);
            }

            var head = DocumentProjection.Apply(before, stored.Record, stored.Hash);
            heads[stored.DocumentId] = head;
            batch.Add(new RecordAppend(SignedRecord.FromStored(stored.DocumentId, stored.Sequence, stored.CanonicalBytes, stored.Signature, stored.Content, -1), head));
        }

        var arrived = heads.GetValueOrDefault(file) ?? await store.GetHeadAsync(file, cancellationToken).ConfigureAwait(false) ?? throw new DocumentNotFoundException(file);
        var last = arrived.LastHash.ToString();
        var request = ActionRequest.InstanceReceipt(file, last, system);
        var actionId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("fileflow-instance-receipt/" + file + "/" + last)).AsSpan(0, 16));
        if (await FindLandedAsync(actionId, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return telemetry.Complete(landed);
        }

        var now = Now();
        var to = Permit(arrived, DocumentTrigger.ReceiveFromInstance);
        var sentTo = imported.LastOrDefault(r => r.DocumentId == file)?.Record.Attribute(RecordAttributes.ToInstance);
        authority.AuthoriseInstanceReceipt(arrived, instance, now, sentTo ?? string.Empty);
        var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            [RecordAttributes.Instance] = instance,
            [RecordAttributes.Imported] = imported.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [RecordAttributes.Request] = request.Fingerprint,
        });
        var draft = new RecordDraft(arrived.Kind, DocumentTrigger.ReceiveFromInstance, to, system, arrived.Holder, ActingCapacity.System, arrived.Holder, actionId, now, attributes)
        {
            Before = arrived,
        };
        var receipt = await draft.SignAsync(signers.GetSigner(system), cancellationToken).ConfigureAwait(false);
        batch.Add(receipt);
        try
        {
            await TimedAppendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConcurrencyException or DuplicateActionException)
        {
            // The same file received at the same time by another receiver: what landed is the answer.
            if (await FindLandedAsync(actionId, request, CancellationToken.None).ConfigureAwait(false) is { } raced)
            {
                return telemetry.Complete(raced);
            }

            throw;
        }

        return telemetry.Complete(new ActionResult(receipt.Record, receipt.Head, [.. batch.Take(batch.Count - 1).Select(a => a.Record)]));
    }
}
