using System.Collections.Immutable;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Routing;
using FileFlow.Services;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Services;

public sealed class ServiceRoutingTests
{
    public static TheoryData<string> Services() => new(ServiceSamples.Inputs.Keys);

    private static Task<ActionResult> OpenAsync(TestOffice office, string service, ImmutableSortedDictionary<string, string>? inputs = null) =>
        office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "SVC", $"{service} application") { ServiceId = service, Inputs = inputs ?? ServiceSamples.Inputs[service] });

    /// <summary>Moves a service file up its route with no recipient named until it reaches the competent authority, which decides.</summary>
    private static async Task<DocumentHead> ToDecisionAsync(TestOffice office, DocumentId id, DocumentTrigger decision = DocumentTrigger.Approve)
    {
        var head = await office.Engine.GetUncheckedAsync(id);
        var authority = ServiceSamples.PostOf(head.Authority!);
        for (var hops = 0; head.Holder != authority; hops++)
        {
            hops.Should().BeLessThan(6);
            head = await office.FireAsync(id, DocumentTrigger.Forward, Lifecycle(office, head.Holder));
        }

        return await office.FireAsync(id, decision, Lifecycle(office, head.Holder), reason: decision == DocumentTrigger.Reject ? "Not admissible" : "Sanctioned");
    }

    private static OfficerId Lifecycle(TestOffice office, PostId post) => Engine.Lifecycle.HolderOf(office, post);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Each_service_runs_its_route_to_sanction_and_closure_every_step_signed_and_verified(string service)
    {
        var office = TestOffice.WithServices();
        var opened = await OpenAsync(office, service);
        var definition = office.Engine.Services!.Get(service);
        opened.Head.ServiceVersion.Should().Be(1);
        opened.Head.Authority.Should().Be(ServiceInputs.CompetentAuthority(definition, ServiceSamples.Inputs[service]));
        opened.Head.DueAt.Should().Be(TestOffice.Start.AddDays(definition.TimeLimit.Days));
        opened.Record.Record.Attribute(RecordAttributes.ServiceDigest).Should().Be(definition.Digest.ToString());

        var decided = await ToDecisionAsync(office, opened.Head.Id);
        decided.State.Should().Be(DocumentState.Approved);
        decided.Holder.Should().Be(ServiceSamples.PostOf(decided.Authority!));
        await office.FireAsync(decided.Id, DocumentTrigger.Return, Lifecycle(office, decided.Holder), TestOffice.DealingAssistant);
        var closed = await office.FireAsync(decided.Id, DocumentTrigger.Close, TestOffice.Ramesh);

        closed.State.Should().Be(DocumentState.Closed);
        var history = new List<FileFlow.Records.SignedRecord>();
        await foreach (var r in office.Engine.HistoryUncheckedAsync(decided.Id))
        {
            history.Add(r);
        }

        foreach (var r in history)
        {
            office.Keys.Verify(r.Record, r.CanonicalBytes.Span, r.Signature).IsValid.Should().BeTrue();
        }

        history.Select(r => r.Record.Trigger).Should().StartWith(DocumentTrigger.Create).And.EndWith(DocumentTrigger.Close);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        report.Failures.Should().BeEmpty();
        report.Records.Should().Be(history.Count);
    }

    [Theory]
    [InlineData("gpf", "amount", "100000", "head-of-office")]
    [InlineData("gpf", "amount", "100001", "head-of-department")]
    [InlineData("gpf", "amount", "500000", "head-of-department")]
    [InlineData("gpf", "amount", "500001", "administrative-department")]
    [InlineData("medical-leave", "days", "60", "head-of-office")]
    [InlineData("medical-leave", "days", "61", "head-of-department")]
    [InlineData("medical-reimbursement", "amount", "50000", "head-of-office")]
    [InlineData("medical-reimbursement", "amount", "50000.01", "head-of-department")]
    public async Task Just_below_and_just_above_a_threshold_land_at_different_competent_authorities(string service, string input, string value, string authority)
    {
        var office = TestOffice.WithServices();
        var inputs = ServiceSamples.Inputs[service].SetItem(input, value);
        if (service == "gpf")
        {
            inputs = inputs.SetItem("balance", "900000");
        }
        else if (service == "medical-leave")
        {
            inputs = inputs.SetItem("to", DateOnly.Parse("2026-04-01", System.Globalization.CultureInfo.InvariantCulture).AddDays(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        var file = await OpenAsync(office, service, inputs);
        file.Head.Authority.Should().Be(authority);
        var decided = await ToDecisionAsync(office, file.Head.Id);
        decided.Holder.Should().Be(ServiceSamples.PostOf(authority));
        decided.State.Should().Be(DocumentState.Approved);
    }

    [Fact]
    public async Task Only_the_competent_authority_may_sanction()
    {
        var office = TestOffice.WithServices();
        var file = await OpenAsync(office, "gpf");   // 1.5 lakh: the head of department sanctions
        await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh);
        var atHoO = await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Sunita);
        atHoO.Holder.Should().Be(TestOffice.UnderSecretary);

        var act = async () => await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Approve, TestOffice.Arvind));
        (await act.Should().ThrowAsync<RoutingException>()).Which.Message.Should().Contain("head-of-department (EST-JS)");
    }

    [Fact]
    public async Task A_forward_off_the_route_is_refused_and_skipping_up_to_the_authority_is_allowed()
    {
        var office = TestOffice.WithServices();
        var file = await OpenAsync(office, "gpf");
        var sideways = async () => await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.AccountsOfficer });
        (await sideways.Should().ThrowAsync<RoutingException>()).Which.Message.Should().Contain("allowed: section-officer (EST-SO)");
        var beyond = async () => await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.Secretary });
        await beyond.Should().ThrowAsync<RoutingException>();
        var skip = await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.JointSecretary);
        skip.Holder.Should().Be(TestOffice.JointSecretary);
    }

    [Fact]
    public async Task A_file_forwarded_to_a_post_whose_holder_is_on_leave_reaches_the_delegate_whose_action_verifies()
    {
        var leave = TestOffice.Start.AddDays(1);
        var office = TestOffice.WithServices(extend: b => b.Delegate(TestOffice.UnderSecretary, TestOffice.AccountsOfficer, leave, leave.AddDays(15)));
        var file = await OpenAsync(office, "salary");   // the head of office (EST-US) sanctions
        await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh);
        office.Clock.SetUtcNow(leave.AddHours(1));

        var sent = await office.FireAsync(file.Head.Id, DocumentTrigger.Forward, TestOffice.Sunita);
        sent.Holder.Should().Be(TestOffice.UnderSecretary, "the file goes to the post; Arvind is on leave and Pooja holds its current charge");
        var inbox = await office.Engine.InboxAsync(TestOffice.Pooja, new DocumentQuery());
        inbox.Items.Select(h => h.Id).Should().Contain(file.Head.Id);
        (await office.Engine.InboxAsync(TestOffice.Arvind, new DocumentQuery())).Items.Should().Contain(h => h.Id == file.Head.Id, "the post's own holder still sees it");

        var approved = await office.Engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.Approve, TestOffice.Pooja));
        approved.Record.Record.Capacity.Should().Be(ActingCapacity.Delegate);
        approved.Record.Record.ActingAs.Should().Be(TestOffice.UnderSecretary);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();

        // After the leave ends the delegate's charge is gone.
        office.Clock.SetUtcNow(leave.AddDays(16));
        await office.FireAsync(file.Head.Id, DocumentTrigger.Return, TestOffice.Arvind, TestOffice.DealingAssistant);
        (await office.Engine.InboxAsync(TestOffice.Pooja, new DocumentQuery())).Items.Should().NotContain(h => h.Id == file.Head.Id);
    }

    [Fact]
    public async Task The_opt_in_redirecting_rule_sends_files_to_the_delegates_own_post()
    {
        var leave = TestOffice.Start.AddDays(1);
        var office = TestOffice.Create(
            extend: b => b.Delegate(TestOffice.SectionOfficer, TestOffice.AccountsOfficer, leave, leave.AddDays(10)),
            options: new FileFlowEngineOptions { Routing = new DelegationRouting(ExplicitRecipientRouting.Instance) });
        var file = await office.OpenFileAsync();
        office.Clock.SetUtcNow(leave.AddHours(1));
        var sent = await office.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
        sent.Head.Holder.Should().Be(TestOffice.AccountsOfficer);
        sent.Record.Record.Attribute("routing").Should().Contain("delegated");
    }

    [Fact]
    public async Task Invalid_inputs_are_refused_by_name_and_nothing_is_stored()
    {
        var office = TestOffice.WithServices();
        var cases = new (string Service, ImmutableSortedDictionary<string, string> Inputs, string Input)[]
        {
            ("gpf", ServiceSamples.Inputs["gpf"].SetItem("amount", "700000"), "amount"),
            ("gpf", ServiceSamples.Inputs["gpf"].Remove("purpose"), "purpose"),
            ("gpf", ServiceSamples.Inputs["gpf"].SetItem("kind", "loan"), "kind"),
            ("earned-leave", ServiceSamples.Inputs["earned-leave"].SetItem("days", "14"), "days"),
            ("earned-leave", ServiceSamples.Inputs["earned-leave"].SetItem("to", "2026-04-15"), "to"),
            ("salary", ServiceSamples.Inputs["salary"].SetItem("payMonth", "March"), "payMonth"),
            ("salary", ServiceSamples.Inputs["salary"].Add("bonus", "1"), "bonus"),
        };
        foreach (var (service, inputs, input) in cases)
        {
            var act = async () => await OpenAsync(office, service, inputs);
            (await act.Should().ThrowAsync<InvalidServiceInputException>()).Which.Input.Should().Be(input);
        }

        ((InMemoryDocumentStore)office.Store).Count.Should().Be(0);
        var unknown = async () => await OpenAsync(office, "ration-card", ServiceSamples.Inputs["salary"]);
        await unknown.Should().ThrowAsync<UnknownServiceException>();
    }

    [Fact]
    public async Task A_file_keeps_the_service_version_it_started_on()
    {
        var office = TestOffice.WithServices();
        var old = await OpenAsync(office, "gpf");
        var stricter = office.Engine.Services!.WithOverrides("2027.json", """{ "gpf": { "timeLimit": { "days": 5 }, "route": { "thresholds": [ { "input": "amount", "above": 1000, "unit": "INR", "authority": "administrative-department" } ] } } }""");
        var next = new FileFlowEngine(office.Store, office.Signers, office.Chart, new FileFlowEngineOptions { Services = stricter, TimeProvider = office.Clock });

        var fresh = await next.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "SVC", "gpf") { ServiceId = "gpf", Inputs = ServiceSamples.Inputs["gpf"] });
        fresh.Head.ServiceVersion.Should().Be(2);
        fresh.Head.Authority.Should().Be("administrative-department");
        fresh.Head.DueAt.Should().Be(fresh.Head.CreatedAt.AddDays(5));

        // The old file still follows version 1 under the new engine: the head of department sanctions it.
        var oldHead = await next.GetUncheckedAsync(old.Head.Id);
        oldHead.ServiceVersion.Should().Be(1);
        await next.FireAsync(new DocumentAction(old.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.JointSecretary });
        var decided = await next.FireAsync(new DocumentAction(old.Head.Id, DocumentTrigger.Approve, TestOffice.Meera));
        decided.Head.State.Should().Be(DocumentState.Approved);
    }

    [Fact]
    public async Task The_clock_starts_when_the_application_was_diarised()
    {
        var office = TestOffice.WithServices();
        var receipt = await office.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication());
        office.Clock.Advance(TimeSpan.FromDays(3));
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "SVC", "leave") { ServiceId = "medical-leave", Inputs = ServiceSamples.Inputs["medical-leave"], Application = receipt.Head.Id });
        file.Head.DueAt.Should().Be(receipt.Head.CreatedAt.AddDays(15));
    }
}
