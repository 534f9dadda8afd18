using System.IO.Compression;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Instances;
using FileFlow.Records;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Instances;

public sealed class InstanceTransfersTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "fileflow-instances-" + Guid.NewGuid().ToString("N"));
    private readonly TestInstance a = TestInstance.Create("district-a", new InMemoryDocumentStore());
    private readonly TestInstance b = TestInstance.Create("secretariat-b", new InMemoryDocumentStore());

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SendReceiveAndBack_ContinuesOneChain_AndVerifiesOnBothSides()
    {
        var file = await a.Office.OpenFileAsync();
        var send = await a.Transfers(folder, b).SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        send.Head.State.Should().Be(DocumentState.TransferredOut);
        (await a.Transfers(folder, b).DispatchAsync()).Should().Be(1);

        b.Office.Clock.SetUtcNow(a.Office.Clock.GetUtcNow().AddMinutes(5));
        var (received, rejected) = await b.Transfers(folder, a).ReceiveAsync();
        rejected.Should().BeEmpty();
        var receipt = received.Should().ContainSingle().Subject;
        receipt.FromInstance.Should().Be(a.Name);
        receipt.Imported.Should().Be(2);
        receipt.Receipt.Record.PreviousHash.Should().Be(send.Record.Hash);
        receipt.Receipt.Record.Trigger.Should().Be(DocumentTrigger.ReceiveFromInstance);

        // At B the file is in the section officer's inbox and moves on as any file.
        (await b.Engine.GetUncheckedAsync(file.Id)).Holder.Should().Be(TestOffice.SectionOfficer);
        b.Office.Tick();
        await b.Office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
        var back = await b.Transfers(folder, a).SendAsync(file.Id, TestOffice.Arvind, a.Name, TestOffice.DealingAssistant);
        (await b.Transfers(folder, a).DispatchAsync()).Should().Be(1);

        a.Office.Clock.SetUtcNow(b.Office.Clock.GetUtcNow().AddMinutes(5));
        var home = (await a.Transfers(folder, b).ReceiveAsync()).Received.Should().ContainSingle().Subject;
        home.Imported.Should().Be(3);
        home.Receipt.Record.PreviousHash.Should().Be(back.Record.Hash);
        await a.Office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);

        var history = await a.Engine.HistoryUncheckedAsync(file.Id).ToListAsync();
        history.Select(r => r.Record.Trigger).Should().Equal(
            DocumentTrigger.Create, DocumentTrigger.SendToInstance, DocumentTrigger.ReceiveFromInstance, DocumentTrigger.Forward,
            DocumentTrigger.SendToInstance, DocumentTrigger.ReceiveFromInstance, DocumentTrigger.Forward);
        (await a.Verifier(b).VerifyAllAsync(a.Store)).Failures.Should().BeEmpty();
        (await b.Verifier(a).VerifyAllAsync(b.Store)).Failures.Should().BeEmpty();
        (await a.Verifier(b).VerifyDocumentAsync(a.Store, file.Id)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task OneDispatcher_DeliversEachNewSendOnce_AcrossDispatches_AndProvesEachBatchAgainstOneCheckpoint()
    {
        var transfers = a.Transfers(folder, b);
        async Task SendAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var file = await a.Office.OpenFileAsync($"File {i}");
                await transfers.SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
            }
        }

        await SendAsync(3);
        (await transfers.DispatchAsync()).Should().Be(3);
        var first = Checkpoints();
        first.Should().HaveCount(3).And.OnlyContain(c => c == first[0], "one checkpoint is signed for the whole dispatch");

        // The dispatcher reads only what was appended since: the two new sends, then nothing.
        await a.Office.OpenFileAsync("Not sent");
        await SendAsync(2);
        (await transfers.DispatchAsync()).Should().Be(2);
        (await transfers.DispatchAsync()).Should().Be(0);
        Checkpoints().Distinct().Should().HaveCount(2);

        b.Office.Clock.SetUtcNow(a.Office.Clock.GetUtcNow().AddMinutes(5));
        var (received, rejected) = await b.Transfers(folder, a).ReceiveAsync();
        rejected.Should().BeEmpty();
        received.Should().HaveCount(5).And.OnlyContain(r => !r.AlreadyReceived);
        (await b.Verifier(a).VerifyAllAsync(b.Store)).Failures.Should().BeEmpty();

        List<string> Checkpoints() => [.. Directory.EnumerateFiles(Path.Combine(folder, b.Name), "*.zip").Select(path =>
        {
            using var zip = ZipFile.OpenRead(path);
            using var reader = new StreamReader(zip.GetEntry(BundleManifest.CheckpointName)!.Open());
            return reader.ReadToEnd();
        })];
    }

    [Fact]
    public async Task ADispatcher_WhoseStoreNoLongerEndsAsRead_ReadsItAgainFromTheStart()
    {
        // The same dispatcher over a store replaced underneath it (a restore from an older copy): what it read before is not trusted.
        var swappable = new SwappableStore(new InMemoryDocumentStore());
        var district = TestInstance.Create("district-a", swappable);
        var transfers = district.Transfers(folder, b);
        for (var i = 0; i < 3; i++)
        {
            var file = await district.Office.OpenFileAsync($"File {i}");
            await transfers.SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        }

        (await transfers.DispatchAsync()).Should().Be(3);
        Directory.Delete(Path.Combine(folder, b.Name), recursive: true);

        swappable.Swap(new InMemoryDocumentStore());
        var other = await district.Office.OpenFileAsync("File of the restored store");
        await transfers.SendAsync(other.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        (await transfers.DispatchAsync()).Should().Be(1);
        b.Office.Clock.SetUtcNow(district.Office.Clock.GetUtcNow().AddMinutes(5));
        var (received, rejected) = await b.Transfers(folder, district).ReceiveAsync();
        rejected.Should().BeEmpty();
        received.Should().ContainSingle().Which.File.Should().Be(other.Id);
    }

    private sealed class SwappableStore(IDocumentStore inner) : DelegatingStore(inner)
    {
        private IDocumentStore current = inner;

        public void Swap(IDocumentStore store) => current = store;

        public override ValueTask AppendAsync(IReadOnlyList<RecordAppend> batch, CancellationToken cancellationToken = default) => current.AppendAsync(batch, cancellationToken);

        public override ValueTask<DocumentHead?> GetHeadAsync(DocumentId id, CancellationToken cancellationToken = default) => current.GetHeadAsync(id, cancellationToken);

        public override IAsyncEnumerable<SignedRecord> ReadStreamAsync(DocumentId id, CancellationToken cancellationToken = default) => current.ReadStreamAsync(id, cancellationToken);

        public override IAsyncEnumerable<SignedRecord> ReadAllAsync(long fromPosition = 0, CancellationToken cancellationToken = default) => current.ReadAllAsync(fromPosition, cancellationToken);

        public override ValueTask<IReadOnlyList<SignedRecord>> FindActionAsync(Guid actionId, CancellationToken cancellationToken = default) => current.FindActionAsync(actionId, cancellationToken);

        public override ValueTask<Page<DocumentHead>> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default) => current.QueryAsync(query, cancellationToken);

        public override ValueTask<IReadOnlyList<PendencyCount>> PendencyAsync(PendencyGrouping grouping, DocumentKind kind = DocumentKind.File, CancellationToken cancellationToken = default) =>
            current.PendencyAsync(grouping, kind, cancellationToken);

        public override ValueTask<long> NextSerialAsync(string scope, CancellationToken cancellationToken = default) => current.NextSerialAsync(scope, cancellationToken);

        public override ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default) => current.PeekSerialAsync(scope, cancellationToken);
    }

    [Fact]
    public async Task CombinedHistory_ExportedFromEitherSide_VerifiesWithBothRoots()
    {
        var file = await MoveOneFileToBAsync();
        var bundle = Path.Combine(folder, "combined.zip");
        var options = b.TransferOptions(folder, a);
        await BundleExporter.ExportAsync(b.Store, file, new BundleExportOptions { ManifestSigner = options.ManifestSigner, LogSigner = options.LogSigner, Origin = b.Name, TimeProvider = b.Office.Clock }, bundle);
        var verification = new BundleVerificationOptions();
        verification.TrustAnchors.Add(a.Root.Root);
        verification.TrustAnchors.Add(b.Root.Root);
        (await BundleVerifier.VerifyAsync(bundle, verification)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task ForeignRecords_AreAcceptedAsFarAsThisInstancesReceiptVouches_NotWithoutTheInstanceName()
    {
        // District A has a post and an officer the secretariat's chart does not know.
        var district = new FileFlow.Organisation.PostId("DIST-DA");
        var asha = new FileFlow.Organisation.OfficerId("asha");
        var c = TestInstance.Create("district-c", new InMemoryDocumentStore(), builder => builder
            .AddPost(new FileFlow.Organisation.Post(district, "District Dealing Assistant", 1, new FileFlow.Organisation.OfficeId("HEALTH-DTE")) { Section = "EST" })
            .AddOfficer(new FileFlow.Organisation.Officer(asha, "Asha Devi"))
            .Assign(asha, district, TestOffice.Start.AddYears(-1)));
        var file = await c.Engine.OpenFileAsync(asha, district, TestOffice.LeaveFile());
        await c.Transfers(folder, b).SendAsync(file.Head.Id, asha, b.Name, TestOffice.SectionOfficer);
        await c.Transfers(folder, b).DispatchAsync();
        b.Office.Clock.SetUtcNow(c.Office.Clock.GetUtcNow().AddMinutes(5));
        (await b.Transfers(folder, c).ReceiveAsync()).Received.Should().ContainSingle();

        (await b.Verifier(c).VerifyAllAsync(b.Store)).Failures.Should().BeEmpty();
        (await b.Verifier(c).VerifyDocumentAsync(b.Store, file.Head.Id)).Failures.Should().BeEmpty();
        var withoutInstance = new StoreVerifier(new FileFlow.Signing.Certificates.CertificateSignatureVerifier(Trust(b, c)), b.Office.Chart);
        var failure = (await withoutInstance.VerifyAllAsync(b.Store)).Failures.Should().ContainSingle().Subject;
        failure.Kind.Should().Be(VerificationFailureKind.Unauthorised);
        failure.Sequence.Should().Be(0);
    }

    [Fact]
    public async Task RecordsSignedUnderAnUntrustedRoot_FailVerification_NamingTheRecord()
    {
        var file = await MoveOneFileToBAsync();
        var report = await b.Verifier().VerifyAllAsync(b.Store);
        report.Failures.Should().ContainSingle().Which.Should().Match<VerificationFailure>(f => f.DocumentId == file && f.Sequence == 0 && f.Kind == VerificationFailureKind.BadSignature);
    }

    [Fact]
    public async Task ActionsAtTheSender_AfterTheSend_AreRefused()
    {
        var file = await a.Office.OpenFileAsync();
        await a.Transfers(folder, b).SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);

        var forward = () => a.Office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        (await forward.Should().ThrowAsync<DocumentTransferredOutException>()).Which.DocumentId.Should().Be(file.Id);
        var noting = () => a.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("A note written after the file left."));
        await noting.Should().ThrowAsync<FileFlowException>();
        var receive = () => a.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.ReceiveFromInstance, TestOffice.Ramesh));
        await receive.Should().ThrowAsync<DocumentTransferredOutException>();
        (await a.Engine.GetUncheckedAsync(file.Id)).Sequence.Should().Be(1);
    }

    [Fact]
    public async Task SendingToThisInstanceOrWithoutAPost_IsRefused()
    {
        var file = await a.Office.OpenFileAsync();
        var self = () => a.Transfers(folder, b).SendAsync(file.Id, TestOffice.Ramesh, a.Name, TestOffice.SectionOfficer);
        await self.Should().ThrowAsync<InvalidActionException>().WithMessage("*is this instance*");
        var nowhere = () => a.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.SendToInstance, TestOffice.Ramesh) { ToInstance = b.Name });
        await nowhere.Should().ThrowAsync<InvalidActionException>().WithMessage("*Recipient*");
        (await a.Engine.GetUncheckedAsync(file.Id)).Sequence.Should().Be(0);
    }

    [Fact]
    public async Task TheSameBundleTwice_IsAppliedOnce()
    {
        var file = await a.Office.OpenFileAsync();
        await a.Transfers(folder, b).SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        await a.Transfers(folder, b).DispatchAsync();
        var bundle = Directory.GetFiles(Path.Combine(folder, b.Name), "*.zip").Single();
        var transfers = b.Transfers(folder, a);

        var first = await transfers.ReceiveBundleAsync(bundle);
        var second = await transfers.ReceiveBundleAsync(bundle);

        first.AlreadyReceived.Should().BeFalse();
        second.AlreadyReceived.Should().BeTrue();
        second.Imported.Should().Be(0);
        second.Receipt.Hash.Should().Be(first.Receipt.Hash);
        (await b.Engine.HistoryUncheckedAsync(file.Id).CountAsync()).Should().Be(3);
    }

    [Fact]
    public async Task ADispatchAfterDelivery_DeliversNothingMore()
    {
        var file = await a.Office.OpenFileAsync();
        var transfers = a.Transfers(folder, b);
        await transfers.SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        (await transfers.DispatchAsync()).Should().Be(1);
        (await a.Transfers(folder, b).DispatchAsync()).Should().Be(0);
        (await a.Store.PeekSerialAsync(InstanceTransfers.OutboxCounter)).Should().Be(2);
    }

    [Fact]
    public async Task ATamperedBundle_IsRefusedNamingTheRecord_AndNothingIsStored()
    {
        var file = await a.Office.OpenFileAsync();
        await a.Transfers(folder, b).SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        await a.Transfers(folder, b).DispatchAsync();
        var bundle = Directory.GetFiles(Path.Combine(folder, b.Name), "*.zip").Single();
        using (var zip = ZipFile.Open(bundle, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry($"records/{file.Id}/0.bin")!;
            byte[] bytes;
            using (var stream = entry.Open())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            entry.Delete();
            bytes[^3] ^= 0x20;
            using var written = zip.CreateEntry($"records/{file.Id}/0.bin").Open();
            written.Write(bytes);
        }

        var receive = () => b.Transfers(folder, a).ReceiveBundleAsync(bundle);
        var refused = (await receive.Should().ThrowAsync<InstanceTransferRejectedException>()).Which;
        refused.DocumentId.Should().Be(file.Id);
        refused.Sequence.Should().Be(0);
        (await b.Store.GetHeadAsync(file.Id)).Should().BeNull();
    }

    [Fact]
    public async Task ABundleFromAnUntrustedInstance_IsRefused_AndMovedAside()
    {
        var file = await a.Office.OpenFileAsync();
        await a.Transfers(folder, b).SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        await a.Transfers(folder, b).DispatchAsync();

        var (received, rejected) = await b.Transfers(folder).ReceiveAsync();

        received.Should().BeEmpty();
        rejected.Should().ContainSingle().Which.Message.Should().Contain($"instance '{a.Name}' is not trusted");
        Directory.GetFiles(Path.Combine(folder, b.Name, "rejected")).Should().ContainSingle();
        (await b.Store.GetHeadAsync(file.Id)).Should().BeNull();
    }

    [Fact]
    public async Task ABundleSentToAnotherInstance_IsRefusedNamingTheSendRecord()
    {
        var c = TestInstance.Create("hod-c", new InMemoryDocumentStore());
        var file = await a.Office.OpenFileAsync();
        await a.Transfers(folder, b).SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        await a.Transfers(folder, b).DispatchAsync();
        var bundle = Directory.GetFiles(Path.Combine(folder, b.Name), "*.zip").Single();

        var receive = () => c.Transfers(folder, a).ReceiveBundleAsync(bundle);

        var refused = (await receive.Should().ThrowAsync<InstanceTransferRejectedException>()).Which;
        refused.Sequence.Should().Be(1);
        refused.Problem.Should().Contain("not a send from 'district-a' to this instance 'hod-c'");
        (await c.Store.GetHeadAsync(file.Id)).Should().BeNull();
    }

    [Fact]
    public async Task AForkedHistoryOfTheSameFile_IsRefusedNamingTheFirstDifferentRecord()
    {
        var actionId = Guid.NewGuid();
        var file = await a.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile(), actionId);
        await a.Transfers(folder, b).SendAsync(file.Head.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        await a.Transfers(folder, b).DispatchAsync();
        (await b.Transfers(folder, a).ReceiveAsync()).Received.Should().ContainSingle();

        // A restored copy of instance A makes the same file again with other content, and sends it too.
        var restored = TestInstance.Create(a.Name, new InMemoryDocumentStore());
        restored.Office.Tick(30);
        await restored.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("Another subject"), actionId);
        await restored.Transfers(folder, b).SendAsync(file.Head.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        await restored.Transfers(folder, b).DispatchAsync();
        var bundle = Directory.GetFiles(Path.Combine(folder, b.Name), "*.zip").Single();

        var receive = () => b.Transfers(folder, restored).ReceiveBundleAsync(bundle);

        var refused = (await receive.Should().ThrowAsync<InstanceTransferRejectedException>()).Which;
        refused.Sequence.Should().Be(0);
        refused.Problem.Should().Contain("forked");
        (await b.Engine.HistoryUncheckedAsync(file.Head.Id).CountAsync()).Should().Be(3);
    }

    [Fact]
    public async Task TrustDirectory_LoadsRootsAndLogCertificates_AndRefusesALogWithoutRoot()
    {
        var trust = Directory.CreateDirectory(Path.Combine(folder, "trust")).FullName;
        File.WriteAllText(Path.Combine(trust, a.Name + ".root.pem"), a.Root.Root.ExportCertificatePem());
        File.WriteAllText(Path.Combine(trust, a.Name + ".log.pem"), a.Log.Certificate.ExportCertificatePem());
        var options = new InstanceTransferOptions();

        InstanceTrustDirectory.Load(trust, options).Should().Equal(a.Name);
        options.TrustAnchors.Should().ContainSingle();
        options.TrustedLogs.Keys.Should().Equal(a.Name);

        File.WriteAllText(Path.Combine(trust, "orphan.log.pem"), a.Log.Certificate.ExportCertificatePem());
        var load = () => InstanceTrustDirectory.Load(trust, new InstanceTransferOptions());
        load.Should().Throw<ArgumentException>().WithMessage("*orphan.root.pem*");
    }

    private async Task<DocumentId> MoveOneFileToBAsync()
    {
        var file = await a.Office.OpenFileAsync();
        await a.Transfers(folder, b).SendAsync(file.Id, TestOffice.Ramesh, b.Name, TestOffice.SectionOfficer);
        await a.Transfers(folder, b).DispatchAsync();
        b.Office.Clock.SetUtcNow(a.Office.Clock.GetUtcNow().AddMinutes(5));
        (await b.Transfers(folder, a).ReceiveAsync()).Received.Should().ContainSingle();
        return file.Id;
    }

    private static FileFlow.Signing.Certificates.CertificateTrustOptions Trust(params TestInstance[] instances)
    {
        var trust = new FileFlow.Signing.Certificates.CertificateTrustOptions();
        foreach (var instance in instances)
        {
            trust.TrustAnchors.Add(instance.Root.Root);
        }

        return trust;
    }
}
