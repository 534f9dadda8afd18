using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Records;
using FileFlow.Signing;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Engine;

/// <summary>Regression for issue 14, defect 8: file, diary and dispatch numbers are taken only by an action that lands, with its record.</summary>
public sealed class RegisterNumberTests
{
    [Fact]
    public async Task A_refused_OpenFileAsync_takes_no_file_number()
    {
        var office = TestOffice.Create();
        var first = await office.OpenFileAsync("First");

        var notHolder = async () => await office.Engine.OpenFileAsync(TestOffice.Karan, TestOffice.DealingAssistant, TestOffice.LeaveFile("Refused"));
        var badService = async () => await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile("Refused") with { Applicant = new("nobody") });
        await notHolder.Should().ThrowAsync<NotCurrentHolderException>();
        await badService.Should().ThrowAsync<FileFlow.Organisation.UnknownOfficerException>();
        var second = await office.OpenFileAsync("Second");

        second.Reference.Should().Be(first.Reference!.Replace("/1/", "/2/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_DiariseReceiptAsync_takes_no_diary_number()
    {
        var office = TestOffice.Create();
        var first = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());

        var refused = async () => await office.Engine.DiariseReceiptAsync(TestOffice.Karan, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        await refused.Should().ThrowAsync<NotCurrentHolderException>();
        var second = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());

        DiaryRunning(second).Should().Be(DiaryRunning(first) + 1);
    }

    [Fact]
    public async Task A_refused_dispatch_takes_no_dispatch_number()
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var first = await ApprovedDraftAsync(office, file.Id, "First letter");
        var second = await ApprovedDraftAsync(office, file.Id, "Second letter");

        var notHolder = async () => await office.Engine.FireAsync(new DocumentAction(first, DocumentTrigger.Dispatch, TestOffice.Karan) { Addressee = "Accountant General" });
        var noAddressee = async () => await office.Engine.FireAsync(new DocumentAction(first, DocumentTrigger.Dispatch, TestOffice.Ramesh));
        await notHolder.Should().ThrowAsync<NotCurrentHolderException>();
        await noAddressee.Should().ThrowAsync<InvalidActionException>();
        var one = await office.Engine.FireAsync(new DocumentAction(first, DocumentTrigger.Dispatch, TestOffice.Ramesh) { Addressee = "Accountant General" });
        var two = await office.Engine.FireAsync(new DocumentAction(second, DocumentTrigger.Dispatch, TestOffice.Ramesh) { Addressee = "Treasury Officer" });

        one.Record.Record.Attribute(RecordAttributes.DispatchNumber).Should().Be("D-1/2026/EST");
        two.Record.Record.Attribute(RecordAttributes.DispatchNumber).Should().Be("D-2/2026/EST");
    }

    [Fact]
    public async Task A_number_another_process_takes_meanwhile_is_read_again_and_the_record_signed_with_the_next()
    {
        var store = new TakesFirstStore(new InMemoryDocumentStore());
        var office = TestOffice.Create(store);

        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());

        FileNumber.Parse(opened.Head.Reference!).Serial.Should().Be(2, "serial 1 went to the other process between the engine's read and its append");
        (await new FileFlow.Audit.StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_forward_with_copies_signs_its_record_once_and_each_copy_once_with_consecutive_diary_numbers()
    {
        var office = TestOffice.Create();
        var counting = new CountingSigner(office.Signers.GetSigner(TestOffice.Ramesh));
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        office.Signers.Register(TestOffice.Ramesh, counting);

        var forward = await office.Engine.FireAsync(new DocumentAction(receipt.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh)
        {
            Recipient = TestOffice.JointSecretary,
            CopyTo = [TestOffice.UnderSecretary, TestOffice.SectionOfficer],
        });

        counting.Count.Should().Be(3, "the forward and its two copies, each signed once");
        forward.Record.Record.Attribute(RecordAttributes.CopiesTo).Should().Be($"{TestOffice.UnderSecretary},{TestOffice.SectionOfficer}");
        forward.Related.Select(r => DiaryNumber.Parse(r.Record.Attribute(RecordAttributes.DiaryNumber)!).Running).Should().Equal(2, 3);
        (await new FileFlow.Audit.StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_forward_refused_for_one_of_its_copies_takes_no_diary_number()
    {
        var office = TestOffice.Create();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());

        var refused = async () => await office.Engine.FireAsync(new DocumentAction(receipt.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh)
        {
            Recipient = TestOffice.SectionOfficer,
            CopyTo = [TestOffice.UnderSecretary, TestOffice.SectionOfficer],
        });
        await refused.Should().ThrowAsync<InvalidActionException>();
        var next = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());

        DiaryRunning(next).Should().Be(DiaryRunning(receipt) + 1);
    }

    private static long DiaryRunning(ActionResult receipt) => DiaryNumber.Parse(receipt.Head.Reference!).Running;

    private static async Task<DocumentId> ApprovedDraftAsync(TestOffice office, DocumentId file, string subject)
    {
        var draft = await office.Engine.DraftForApprovalAsync(TestOffice.Ramesh, file, subject, NotingContent.Number("Sanction is accorded."));
        await office.FireAsync(draft.Head.Id, DocumentTrigger.Approve, TestOffice.Ramesh);
        return draft.Head.Id;
    }

    private sealed class CountingSigner(ISigner inner) : ISigner
    {
        public int Count { get; private set; }

        public string KeyId => inner.KeyId;

        public async ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default)
        {
            Count++;
            return await inner.SignAsync(data, signingTime, cancellationToken);
        }
    }

    /// <summary>Another process takes the number the engine has just read, once, before the engine's append.</summary>
    private sealed class TakesFirstStore(InMemoryDocumentStore inner) : DelegatingStore(inner)
    {
        private bool taken;

        public override async ValueTask<long> PeekSerialAsync(string scope, CancellationToken cancellationToken = default)
        {
            var next = await Inner.PeekSerialAsync(scope, cancellationToken);
            if (!taken)
            {
                taken = true;
                await Inner.NextSerialAsync(scope, cancellationToken);
            }

            return next;
        }
    }
}
