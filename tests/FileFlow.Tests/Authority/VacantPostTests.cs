using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Authority;

/// <summary>Regression (issue 14, defect 5): files could be sent to a vacant post (no holder, no delegate), where no inbox shows them.</summary>
public sealed class VacantPostTests
{
    private static readonly PostId Vacant = new("EST-SO2");

    private static TestOffice Office(Func<OrganisationChartBuilder, OrganisationChartBuilder>? more = null) => TestOffice.Create(extend: b =>
    {
        b.AddPost(new Post(Vacant, "Section Officer (II)", 2, new OfficeId("HEALTH-DTE")) { Section = "EST", ReportsTo = TestOffice.UnderSecretary });
        return more?.Invoke(b) ?? b;
    });

    [Fact]
    public async Task Sending_a_file_to_a_vacant_post_is_refused_naming_the_post_and_nothing_is_stored()
    {
        var office = Office();
        var file = await office.OpenFileAsync();

        var send = async () => await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = Vacant });

        var refused = (await send.Should().ThrowAsync<VacantPostException>()).Which;
        refused.Post.Should().Be(Vacant);
        refused.Message.Should().Contain("EST-SO2");
        (await office.Engine.GetUncheckedAsync(file.Id)).Should().Be(file);
        new AuthorityPolicy(office.Chart).IsStaffed(Vacant, office.Clock.GetUtcNow()).Should().BeFalse();
    }

    [Fact]
    public async Task A_post_without_a_holder_whose_charge_is_delegated_receives_files()
    {
        var office = Office(b => b.Delegate(Vacant, TestOffice.SectionOfficer, TestOffice.Start, TestOffice.Start.AddDays(30)));
        var file = await office.OpenFileAsync();

        var sent = await office.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, Vacant);

        sent.Holder.Should().Be(Vacant);
        (await office.FireAsync(file.Id, DocumentTrigger.Return, TestOffice.Sunita, TestOffice.DealingAssistant)).Holder.Should().Be(TestOffice.DealingAssistant);
        await Forgery.VerifiesAsync(office);
    }

    [Fact]
    public async Task Copies_of_a_receipt_and_transfers_to_a_vacant_post_are_refused()
    {
        var office = Office();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        var copies = async () => await office.Engine.FireAsync(new DocumentAction(receipt.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh)
        {
            Recipient = TestOffice.SectionOfficer,
            CopyTo = [Vacant],
        });
        (await copies.Should().ThrowAsync<VacantPostException>()).Which.Post.Should().Be(Vacant);

        var transfer = async () => await office.Engine.TransferAsync(TestOffice.Neha, TestOffice.DealingAssistant, Vacant, "Post abolished");
        (await transfer.Should().ThrowAsync<VacantPostException>()).Which.Post.Should().Be(Vacant);
        (await office.Engine.GetUncheckedAsync(receipt.Head.Id)).Should().Be(receipt.Head);
    }

    [Fact]
    public async Task A_file_sent_to_a_vacant_post_behind_the_engines_back_fails_verification()
    {
        var office = Office();
        var file = await office.OpenFileAsync();

        var forged = await Forgery.AppendAsync(office, file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.DealingAssistant, ActingCapacity.Holder, DocumentState.Forwarded, Vacant);

        (await Forgery.SingleFailureAsync(office, forged)).Reason.Should().Contain("EST-SO2");
    }
}
