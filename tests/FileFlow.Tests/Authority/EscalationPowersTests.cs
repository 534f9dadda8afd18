using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Routing;
using FileFlow.Services;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Authority;

/// <summary>Regression (issue 14, defects 1 and 2): escalation for delay granted the appellate officer powers the rules deny, and could escalate a file to the post already in default.</summary>
public sealed class EscalationPowersTests
{
    private static ImmutableSortedDictionary<string, string> Gpf(int amount) => ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
    {
        ["kind"] = "advance", ["purpose"] = "house", ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["balance"] = "900000",
    });

    private static async Task<DocumentId> OpenGpfAsync(TestOffice office, int amount)
    {
        var file = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "GPF", "GPF advance") { ServiceId = "gpf", Inputs = Gpf(amount) });
        return file.Head.Id;
    }

    [Fact]
    public async Task An_escalated_GPF_advance_of_six_lakh_cannot_be_sanctioned_by_the_head_of_department_who_sends_it_up()
    {
        var office = TestOffice.WithServices();
        var id = await OpenGpfAsync(office, 600_000);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        office.Clock.Advance(TimeSpan.FromDays(16));
        var escalated = (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle().Which;
        escalated.Head.Holder.Should().Be(TestOffice.JointSecretary);
        escalated.Head.Authority.Should().Be("administrative-department");

        var sanction = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Approve, TestOffice.Meera) { Reason = "Sanctioned" });
        (await sanction.Should().ThrowAsync<RoutingException>()).Which.Message.Should().Contain("administrative-department").And.Contain("send it up");
        (await office.Engine.GetUncheckedAsync(id)).Should().Be(escalated.Head, "a refused sanction stores nothing");

        var sentUp = await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Meera);
        sentUp.Holder.Should().Be(TestOffice.Secretary);
        (await office.FireAsync(id, DocumentTrigger.Approve, TestOffice.Rajiv, reason: "Sanctioned")).State.Should().Be(DocumentState.Approved);
        await Forgery.VerifiesAsync(office);
    }

    [Fact]
    public async Task A_sanction_by_the_head_of_department_signed_behind_the_engines_back_fails_verification()
    {
        var office = TestOffice.WithServices();
        var id = await OpenGpfAsync(office, 600_000);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        office.Clock.Advance(TimeSpan.FromDays(16));
        await office.Engine.EscalateOverdueAsync();

        var forged = await Forgery.AppendAsync(office, id, DocumentTrigger.Approve, TestOffice.Meera, TestOffice.JointSecretary, ActingCapacity.Holder, DocumentState.Approved, TestOffice.JointSecretary);

        (await Forgery.SingleFailureAsync(office, forged)).Reason.Should().Contain("administrative-department");
    }

    [Fact]
    public async Task An_appellate_officer_within_its_powers_decides_an_escalated_file()
    {
        var office = TestOffice.WithServices();
        var id = await OpenGpfAsync(office, 50_000);   // the head of office sanctions; the head of department is above it
        office.Clock.Advance(TimeSpan.FromDays(16));
        (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle().Which.Head.Holder.Should().Be(TestOffice.JointSecretary);

        (await office.FireAsync(id, DocumentTrigger.Approve, TestOffice.Meera, reason: "Sanctioned")).State.Should().Be(DocumentState.Approved);
        await Forgery.VerifiesAsync(office);
    }

    [Fact]
    public async Task What_the_appellate_officer_may_do_on_escalation_is_read_from_the_service_definition_and_enforced()
    {
        var office = TestOffice.WithServices(catalog: c => c.WithOverrides("state.json", """{ "gpf": { "appeals": { "onEscalation": ["orderDelivery"] } } }"""));
        office.Engine.Services!.Get("gpf").Appeals.OnEscalation.Should().Be(EscalationPowers.OrderDelivery);
        ServiceCatalog.LoadDefaults().Get("gpf").Appeals.OnEscalation.Should().Be(EscalationPowers.All);
        var id = await OpenGpfAsync(office, 50_000);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        office.Clock.Advance(TimeSpan.FromDays(16));
        await office.Engine.EscalateOverdueAsync();

        var decide = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Approve, TestOffice.Meera) { Reason = "Sanctioned" });
        (await decide.Should().ThrowAsync<RoutingException>()).Which.Message.Should().Contain("OrderDelivery");
        var sendUp = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, TestOffice.Meera) { Recipient = TestOffice.Secretary });
        await sendUp.Should().ThrowAsync<RoutingException>();

        var ordered = await office.FireAsync(id, DocumentTrigger.Return, TestOffice.Meera, TestOffice.UnderSecretary, "Deliver within 7 days.");
        ordered.Holder.Should().Be(TestOffice.UnderSecretary);
        await Forgery.VerifiesAsync(office);
    }

    [Fact]
    public void An_unknown_escalation_power_in_a_definition_is_refused_naming_its_path()
    {
        var load = () => ServiceCatalog.LoadDefaults().WithOverrides("state.json", """{ "gpf": { "appeals": { "onEscalation": ["decideAnything"] } } }""");
        load.Should().Throw<ServiceDefinitionException>().Which.Message.Should().Contain("appeals.onEscalation[0]").And.Contain("decideAnything");
    }

    [Fact]
    public async Task A_GPF_file_overdue_with_the_head_of_department_escalates_strictly_above_it()
    {
        var office = TestOffice.WithServices();
        var id = await OpenGpfAsync(office, 200_000);   // competent authority: the head of department, also the first appellate officer
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Sunita);
        (await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Arvind)).Holder.Should().Be(TestOffice.JointSecretary);
        office.Clock.Advance(TimeSpan.FromDays(16));

        var escalated = (await office.Engine.EscalateOverdueAsync()).Should().ContainSingle().Which;

        escalated.Head.Holder.Should().Be(TestOffice.Secretary, "the first appellate level is the post in default itself, so it is skipped");
        escalated.Head.EscalationLevel.Should().Be(2);
        (await office.Engine.EscalateOverdueAsync()).Should().BeEmpty();
        await Forgery.VerifiesAsync(office);
    }

    [Fact]
    public async Task An_escalation_to_the_post_in_default_signed_behind_the_engines_back_fails_verification()
    {
        var office = TestOffice.WithServices();
        var id = await OpenGpfAsync(office, 200_000);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Sunita);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Arvind);
        office.Clock.Advance(TimeSpan.FromDays(16));

        var forged = await Forgery.AppendAsync(office, id, DocumentTrigger.Escalate, TestOffice.System, TestOffice.JointSecretary, ActingCapacity.System, DocumentState.Forwarded,
            TestOffice.JointSecretary, new Dictionary<string, string> { [FileFlow.Storage.RecordAttributes.Escalation] = "1" });

        (await Forgery.SingleFailureAsync(office, forged)).Reason.Should().Contain("EST-JS");
    }
}
