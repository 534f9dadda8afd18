using FileFlow.Audit;
using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Instances;

/// <summary>Sends files to posts of other FileFlow instances and receives files from them, through a shared folder, with delivery that survives restarts.</summary>
/// <remarks>
/// <para>A send is an action like any other (<see cref="DocumentTrigger.SendToInstance"/>, through <see cref="FileFlowEngine.FireAsync"/>): its signed record
/// is the outbox entry, so it lands in the same transaction as the send. <see cref="DispatchAsync"/> delivers the entries not yet delivered, in log order,
/// as signed bundles (<see cref="BundleExporter"/>), each written under a temporary name and renamed, then moves the store's delivery counter on; a
/// restart delivers the entry it was writing again, which the receiver applies once. A dispatch reads only the records appended since the one before
/// (the first reads the log once), and proves every bundle it sends against one checkpoint.</para>
/// <para><see cref="ReceiveBundleAsync"/> verifies a bundle against the trusted instances' roots and the sender's signed checkpoint, checks that it
/// continues this instance's history of the file, and appends the new records with the system's signed receipt in one append.</para>
/// <para>Thread-safe; run one dispatcher per store.</para>
/// </remarks>
public sealed class InstanceTransfers
{
    /// <summary>The name of the durable counter that counts the send records delivered.</summary>
    public const string OutboxCounter = "instance-outbox";

    private readonly FileFlowEngine engine;
    private readonly InstanceTransferOptions options;
    private readonly string instance;
    private readonly string folder;
    private readonly OutboxLog outbox;
    private readonly SemaphoreSlim dispatching = new(1, 1);

    /// <summary>Initializes transfers for an engine built with an instance name.</summary>
    /// <exception cref="ArgumentException">The engine has no instance name, or the options give no folder.</exception>
    public InstanceTransfers(FileFlowEngine engine, InstanceTransferOptions options)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        this.engine = engine;
        this.options = options;
        instance = engine.Instance ?? throw new ArgumentException("Build the engine with FileFlowEngineOptions.Instance to send or receive files across instances.", nameof(engine));
        folder = string.IsNullOrWhiteSpace(options.Folder) ? throw new ArgumentException("Give the shared folder (InstanceTransferOptions.Folder).", nameof(options)) : options.Folder;
        outbox = new OutboxLog(instance);
    }

    /// <summary>Gets the folder bundles for this instance arrive in.</summary>
    public string Inbox => Path.Combine(folder, instance);

    /// <summary>Sends a file to a post of another instance: the signed send record makes it read-only here; <see cref="DispatchAsync"/> delivers it.</summary>
    /// <exception cref="InvalidActionException">The document is not a file, or the instance or post is not named, or is this instance.</exception>
    public Task<ActionResult> SendAsync(DocumentId file, OfficerId actor, string toInstance, PostId toPost, Guid? actionId = null, CancellationToken cancellationToken = default) =>
        engine.FireAsync(new DocumentAction(file, DocumentTrigger.SendToInstance, actor) { ToInstance = toInstance, Recipient = toPost, ActionId = actionId ?? Guid.NewGuid() }, cancellationToken);

    /// <summary>Delivers every send not yet delivered, in log order, to the shared folder; returns how many it delivered.</summary>
    /// <exception cref="InvalidOperationException">The options give no manifest signer or log signer.</exception>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken = default)
    {
        if (options.ManifestSigner is null || options.LogSigner is null)
        {
            throw new InvalidOperationException("Give InstanceTransferOptions.ManifestSigner and LogSigner to deliver bundles.");
        }

        await dispatching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var store = engine.Store;
            var delivered = await store.PeekSerialAsync(OutboxCounter, cancellationToken).ConfigureAwait(false) - 1;
            await outbox.CatchUpAsync(store, delivered, cancellationToken).ConfigureAwait(false);
            var pending = outbox.SendsFrom(delivered);
            if (pending.Count == 0)
            {
                return 0;
            }

            // One checkpoint for the whole dispatch, over the leaves read: every pending send lies within it.
            var export = new BundleExportOptions { ManifestSigner = options.ManifestSigner, LogSigner = options.LogSigner, Origin = instance, TimeProvider = options.TimeProvider };
            var snapshot = await LogSnapshot.TakeAsync(store, outbox.Leaves, export, cancellationToken).ConfigureAwait(false);
            foreach (var send in pending)
            {
                await DeliverAsync(store, send, export, snapshot, cancellationToken).ConfigureAwait(false);
                await store.NextSerialAsync(OutboxCounter, cancellationToken).ConfigureAwait(false);
            }

            return pending.Count;
        }
        finally
        {
            dispatching.Release();
        }
    }

    /// <summary>Receives every bundle in <see cref="Inbox"/>, oldest first, deleting each once applied; a refused bundle is moved to <c>Inbox/rejected/</c>.</summary>
    /// <returns>The receipts, and the refusals.</returns>
    public async Task<(IReadOnlyList<InstanceReceipt> Received, IReadOnlyList<InstanceTransferRejectedException> Rejected)> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var received = new List<InstanceReceipt>();
        var rejected = new List<InstanceTransferRejectedException>();
        if (!Directory.Exists(Inbox))
        {
            return (received, rejected);
        }

        foreach (var path in Directory.EnumerateFiles(Inbox, "*.zip").Where(p => !Path.GetFileName(p).StartsWith('.')).OrderBy(File.GetLastWriteTimeUtc).ThenBy(p => p, StringComparer.Ordinal).ToList())
        {
            try
            {
                received.Add(await ReceiveBundleAsync(path, cancellationToken).ConfigureAwait(false));
                File.Delete(path);
            }
            catch (InstanceTransferRejectedException e)
            {
                rejected.Add(e);
                var dir = Directory.CreateDirectory(Path.Combine(Inbox, "rejected"));
                File.Move(path, Path.Combine(dir.FullName, Path.GetFileName(path)), overwrite: true);
            }
        }

        return (received, rejected);
    }

    /// <summary>Verifies and applies one bundle: a file sent to this instance. A bundle already applied is applied once: the receipt then says so.</summary>
    /// <exception cref="InstanceTransferRejectedException">The bundle is from an untrusted instance, fails verification, is not addressed here, or does not continue this instance's history of the file; nothing was stored.</exception>
    public async Task<InstanceReceipt> ReceiveBundleAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bundle = await InstanceBundle.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var sender = bundle.Origin;
        if (!options.TrustedLogs.TryGetValue(sender, out var log) || sender == instance)
        {
            throw new InstanceTransferRejectedException(path, bundle.File, -1, sender == instance
                ? $"it comes from this instance's own log '{sender}'."
                : $"instance '{sender}' is not trusted here (add its root and log certificate to the trusted instances).");
        }

        var verification = new BundleVerificationOptions { CheckpointVerifier = log, OfficerResolver = options.OfficerResolver };
        foreach (var anchor in options.TrustAnchors)
        {
            verification.TrustAnchors.Add(anchor);
        }

        var report = await BundleVerifier.VerifyAsync(path, verification, cancellationToken).ConfigureAwait(false);
        if (report.Failures.FirstOrDefault() is { } failure)
        {
            throw new InstanceTransferRejectedException(path, failure.DocumentId, failure.Sequence, $"{failure.Kind}: {failure.Reason}");
        }

        var fileRecords = bundle.Documents[bundle.File];
        var send = fileRecords[^1];
        if (send.Record.Trigger != DocumentTrigger.SendToInstance || send.Record.Attribute(RecordAttributes.ToInstance) != instance
            || send.Record.Attribute(RecordAttributes.Instance) != sender)
        {
            throw new InstanceTransferRejectedException(path, bundle.File, send.Sequence,
                $"the file's last record is '{send.Record.Trigger}' (to instance '{send.Record.Attribute(RecordAttributes.ToInstance)}'), not a send from '{sender}' to this instance '{instance}'.");
        }

        var store = engine.Store;
        var imported = new List<SignedRecord>();
        SignedRecord? nextLocal = null;
        foreach (var (id, records) in bundle.Documents)
        {
            var local = new List<SignedRecord>();
            await foreach (var stored in store.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
            {
                local.Add(stored);
            }

            for (var i = 0; i < Math.Min(local.Count, records.Count); i++)
            {
                if (local[i].Hash != records[i].Hash)
                {
                    throw new InstanceTransferRejectedException(path, id, i, $"the bundle's record {i} ({records[i].Hash}) differs from this instance's record {i} ({local[i].Hash}): the histories have forked.");
                }
            }

            if (id == bundle.File)
            {
                if (records.Count <= local.Count)
                {
                    // Already applied: the bundle is a part of this instance's history.
                    nextLocal = local.Count > records.Count ? local[records.Count] : local[^1];
                    continue;
                }

                if (local.Count > 0 && (local[^1].Record.Trigger != DocumentTrigger.SendToInstance || local[^1].Record.Attribute(RecordAttributes.Instance) != instance))
                {
                    throw new InstanceTransferRejectedException(path, id, local.Count,
                        $"this instance's history of the file ends at record {local.Count - 1} ('{local[^1].Record.Trigger}'), which did not send it away, so the bundle's record {local.Count} cannot follow it: it arrived out of order.");
                }
            }

            imported.AddRange(records.Skip(local.Count));
        }

        if (nextLocal is not null)
        {
            return new InstanceReceipt(bundle.File, sender, 0, nextLocal, AlreadyReceived: true);
        }

        // The sender's log order is an order in which every document's records follow each other.
        imported.Sort((a, b) => a.Position.CompareTo(b.Position));
        try
        {
            var result = await engine.ReceiveFromInstanceAsync(bundle.File, imported, cancellationToken).ConfigureAwait(false);
            return new InstanceReceipt(bundle.File, sender, result.Replayed ? 0 : imported.Count, result.Record, result.Replayed);
        }
        catch (Exception e) when (e is InvalidActionException or VacantPostException or UnknownPostException)
        {
            throw new InstanceTransferRejectedException(path, bundle.File, send.Sequence + 1, e.Message);
        }
    }

    private async Task DeliverAsync(IDocumentStore store, SignedRecord send, BundleExportOptions export, LogSnapshot snapshot, CancellationToken cancellationToken)
    {
        var head = await store.GetHeadAsync(send.DocumentId, cancellationToken).ConfigureAwait(false);
        if (head is null || head.LastHash != send.Hash)
        {
            // The file moved on since: it was delivered, received and sent back before the delivery was counted.
            return;
        }

        var to = send.Record.Attribute(RecordAttributes.ToInstance)!;
        var directory = Directory.CreateDirectory(Path.Combine(folder, to)).FullName;
        var temporary = Path.Combine(directory, $".{Guid.NewGuid():N}.zip");
        try
        {
            await BundleExporter.ExportAgainstAsync(store, send.DocumentId, export, temporary, snapshot, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, Path.Combine(directory, $"{send.DocumentId}-{send.Sequence}.zip"), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
