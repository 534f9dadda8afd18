using System.Collections.Immutable;
using System.Globalization;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Services;

public sealed class RightToInformationTests
{
    private static readonly PostId Pio = new("HEALTH-PIO");
    private static readonly PostId Faa = new("HEALTH-FAA");
    private static readonly PostId Commission = new("UPSIC");
    private static readonly OfficerId Asha = new("asha");        // public information officer
    private static readonly OfficerId Vikram = new("vikram");    // first appellate authority, senior to the PIO
    private static readonly OfficerId Commissioner = new("sic");  // State Information Commissioner
    private static readonly OfficerId Citizen = new("lata");     // the applicant

    private static readonly ImmutableSortedDictionary<string, string> Request = ImmutableSortedDictionary<string, string>.Empty
        .Add("informationSought", "Copies of the tender file for the district hospital's oxygen plant, 2025")
        .Add("publicAuthority", "Directorate of Health Services");

    private static TestOffice Office() => TestOffice.Create(
        extend: b => b
            .AddOffice(new Office(new OfficeId("UP-SIC"), "Uttar Pradesh State Information Commission"))
            .AddPost(new Post(Faa, "Additional Director (First Appellate Authority)", 4, new OfficeId("HEALTH-DTE")) { Role = "first-appellate-authority" })
            .AddPost(new Post(Pio, "Deputy Director (Public Information Officer)", 3, new OfficeId("HEALTH-DTE")) { Role = "public-information-officer", ReportsTo = Faa })
            .AddPost(new Post(Commission, "State Information Commissioner", 9, new OfficeId("UP-SIC")) { Role = "information-commission" })
            .AddOfficer(new Officer(Asha, "Asha Rani"))
            .AddOfficer(new Officer(Vikram, "Vikram Chauhan"))
            .AddOfficer(new Officer(Commissioner, "State Information Commissioner"))
            .AddOfficer(new Officer(Citizen, "Lata Devi"))
            .Assign(Asha, Pio, TestOffice.Start.AddYears(-1))
            .Assign(Vikram, Faa, TestOffice.Start.AddYears(-1))
            .Assign(Commissioner, Commission, TestOffice.Start.AddYears(-1)),
        options: new FileFlowEngineOptions { Services = ServiceCatalog.LoadDefaults().WithRightToInformation() });

    // The RTI cell's dealing assistant diarises the request and puts it up to the PIO (the route's first step); the clock runs from receipt.
    private static async Task<ActionResult> ApplyAsync(TestOffice office, string service)
    {
        var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "RTI", "RTI request of Smt Lata Devi") { ServiceId = service, Inputs = Request, Applicant = Citizen });
        var forwarded = await office.Engine.FireAsync(new DocumentAction(opened.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh));
        forwarded.Head.Holder.Should().Be(Pio, "the route puts the request up to the public information officer");
        forwarded.Head.DueAt.Should().Be(opened.Head.DueAt);
        return opened;
    }

    [Fact]
    public void The_RTI_definitions_cite_the_sections_of_the_act_and_carry_its_time_limits()
    {
        var catalog = ServiceCatalog.LoadDefaults().WithRightToInformation();
        var info = catalog.Get("rti-information");
        info.Origin.Should().Be("act");
        info.TimeLimit.Days.Should().Be(30);
        info.TimeLimit.Source.Should().Contain("s.7(1)");
        catalog.Get("rti-life-liberty").TimeLimit.Days.Should().Be(2);
        catalog.Get("rti-life-liberty").TimeLimit.Source.Should().Contain("48 hours").And.Contain("proviso");
        catalog.Get("rti-transfer").TimeLimit.Days.Should().Be(5);
        catalog.Get("rti-transfer").TimeLimit.Source.Should().Contain("s.6(3)");
        info.Appeals.Should().Match<AppellateChain>(a => a.FirstAppealWindowDays == 30 && a.FirstAppealDecisionDays == 30 && a.SecondAppealWindowDays == 90
            && a.FirstAppealExtendedDays == 45 && a.FirstAppellate == "first-appellate-authority" && a.SecondAppellate == "information-commission");
        info.Appeals.Should().Be(catalog.Get("rti-life-liberty").Appeals).And.Be(catalog.Get("rti-transfer").Appeals);
        ServiceCatalog.LoadDefaults().Services.Should().OnlyContain(s => s.Appeals.FirstAppealExtendedDays == null, "the employee services' acts allow no extension");
        info.Penalty.PerDay.Should().Be(250);
        info.Penalty.Cap.Should().Be(25000);
        ServiceCatalog.LoadDefaults().Services.Should().HaveCount(10, "the ten employee services stay as they are");
    }

    [Fact]
    public void The_organisation_must_have_the_RTI_roles()
    {
        var catalog = ServiceCatalog.LoadDefaults().WithRightToInformation();
        var act = () => catalog.ValidateAgainst(TestOffice.Create().Chart);
        act.Should().Throw<ServiceDefinitionException>().Which.Message.Should().Contain("public-information-officer");
        catalog.ValidateAgainst(Office().Chart);
    }

    [Fact]
    public async Task A_request_is_due_in_30_days_and_the_PIO_supplies_the_information()
    {
        var office = Office();
        var opened = await ApplyAsync(office, "rti-information");
        opened.Head.DueAt.Should().Be(office.Clock.GetUtcNow().AddDays(30));
        office.Clock.Advance(TimeSpan.FromDays(21));
        var supplied = await office.Engine.FireAsync(new DocumentAction(opened.Head.Id, DocumentTrigger.Approve, Asha));
        supplied.Head.State.Should().Be(DocumentState.Approved);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Information_concerning_life_or_liberty_is_due_in_48_hours_to_the_minute()
    {
        var office = Office();
        office.Clock.Advance(TimeSpan.FromHours(7.25));
        var received = office.Clock.GetUtcNow();
        var opened = await ApplyAsync(office, "rti-life-liberty");
        (opened.Head.DueAt - received).Should().Be(TimeSpan.FromHours(48));
    }

    [Fact]
    public async Task A_transfer_to_another_public_authority_is_due_in_5_days()
    {
        var office = Office();
        var opened = await ApplyAsync(office, "rti-transfer");
        opened.Head.DueAt.Should().Be(office.Clock.GetUtcNow().AddDays(5));
        office.Clock.Advance(TimeSpan.FromDays(3));
        var transferred = await office.Engine.FireAsync(new DocumentAction(opened.Head.Id, DocumentTrigger.Approve, Asha)
        {
            Reason = "Held by the Medical Education Department: transferred under s.6(3), applicant told",
        });
        transferred.Head.State.Should().Be(DocumentState.Approved);
    }

    [Fact]
    public async Task A_refusal_goes_to_first_appeal_in_30_days_then_to_the_Information_Commission_within_90()
    {
        var office = Office();
        var opened = await ApplyAsync(office, "rti-information");
        var id = opened.Head.Id;
        office.Clock.Advance(TimeSpan.FromDays(12));
        var refused = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Reject, Asha) { Reason = "Exempt: commercial confidence, s.8(1)(d)" });
        refused.Record.Record.Attribute(RecordAttributes.AppealTo).Should().Be(Faa.Value);
        DateTimeOffset.Parse(refused.Record.Record.Attribute(RecordAttributes.AppealBy)!, CultureInfo.InvariantCulture)
            .Should().Be(office.Clock.GetUtcNow().AddDays(30), "s.19(1): 30 days");

        office.Clock.Advance(TimeSpan.FromDays(20));
        var appeal = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, Citizen) { Reason = "Larger public interest, s.8(2)" });
        appeal.Head.State.Should().Be(DocumentState.UnderAppeal);
        appeal.Head.Holder.Should().Be(Faa);
        appeal.Head.DueAt.Should().Be(office.Clock.GetUtcNow().AddDays(30), "s.19(6): decided in 30 days");

        office.Clock.Advance(TimeSpan.FromDays(25));
        var dismissed = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.DismissAppeal, Vikram) { Reason = "The exemption under s.8(1)(d) applies" });
        DateTimeOffset.Parse(dismissed.Record.Record.Attribute(RecordAttributes.AppealBy)!, CultureInfo.InvariantCulture)
            .Should().Be(office.Clock.GetUtcNow().AddDays(90), "s.19(3): second appeal within 90 days");
        dismissed.Record.Record.Attribute(RecordAttributes.AppealTo).Should().Be(Commission.Value);

        office.Clock.Advance(TimeSpan.FromDays(80));
        var second = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, Citizen) { Reason = "The public interest outweighs the harm" });
        second.Head.State.Should().Be(DocumentState.UnderSecondAppeal);
        second.Head.Holder.Should().Be(Commission);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_appeal_after_90_days_without_cause_is_refused()
    {
        var office = Office();
        var id = (await ApplyAsync(office, "rti-information")).Head.Id;
        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Reject, Asha) { Reason = "Exempt, s.8(1)(j)" });
        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, Citizen) { Reason = "Not personal information" });
        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.DismissAppeal, Vikram) { Reason = "Personal information, s.8(1)(j)" });
        office.Clock.Advance(TimeSpan.FromDays(91));
        var late = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, Citizen) { Reason = "Late" });
        await late.Should().ThrowAsync<AppealWindowClosedException>();
    }

    // A request refused, and the refusal appealed to the first appellate authority: the file under appeal, due in 30 days.
    private static async Task<(TestOffice Office, DocumentId Id, DateTimeOffset Filed)> UnderFirstAppealAsync()
    {
        var office = Office();
        var id = (await ApplyAsync(office, "rti-information")).Head.Id;
        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Reject, Asha) { Reason = "Exempt: commercial confidence, s.8(1)(d)" });
        office.Clock.Advance(TimeSpan.FromDays(10));
        var filed = office.Clock.GetUtcNow();
        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, Citizen) { Reason = "Larger public interest, s.8(2)" });
        return (office, id, filed);
    }

    [Fact]
    public async Task The_first_appellate_authority_extends_the_appeal_to_45_days_with_recorded_reasons_and_the_default_moves_with_it()
    {
        var (office, id, filed) = await UnderFirstAppealAsync();
        office.Clock.Advance(TimeSpan.FromDays(25));
        (await office.Engine.PermittedTriggersAsync(id, Vikram)).Should().Contain(DocumentTrigger.ExtendAppealTime);
        var extended = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.ExtendAppealTime, Vikram)
        {
            Reason = "The third party's submissions under s.11 are awaited",
        });
        extended.Head.State.Should().Be(DocumentState.UnderAppeal);
        extended.Head.Holder.Should().Be(Faa);
        extended.Head.DueAt.Should().Be(filed.AddDays(45), "s.19(6): 45 days from the appeal, with reasons recorded");
        extended.Record.Record.Attribute(RecordAttributes.Reason).Should().Contain("s.11");

        // Day 31: within the extended time, so no default yet to take to the Commission; day 46: the default is there.
        office.Clock.Advance(TimeSpan.FromDays(6));
        var early = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, Citizen) { Reason = "Not decided in 30 days" });
        (await early.Should().ThrowAsync<InvalidActionException>()).Which.Message.Should().Contain("still within its time");
        office.Clock.Advance(TimeSpan.FromDays(15));
        var second = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, Citizen) { Reason = "Not decided in 45 days" });
        second.Head.Holder.Should().Be(Commission);
        (await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store)).Failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Without_an_extension_the_first_appeal_is_in_default_after_30_days()
    {
        var (office, id, filed) = await UnderFirstAppealAsync();
        (await office.Store.GetHeadAsync(id))!.DueAt.Should().Be(filed.AddDays(30));
        office.Clock.Advance(TimeSpan.FromDays(31));
        var second = await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.SecondAppeal, Citizen) { Reason = "Not decided in 30 days" });
        second.Head.State.Should().Be(DocumentState.UnderSecondAppeal);
    }

    [Fact]
    public async Task An_extension_without_reasons_twice_after_the_30_days_or_by_another_officer_is_refused_and_stores_nothing()
    {
        var (office, id, _) = await UnderFirstAppealAsync();
        var store = (InMemoryDocumentStore)office.Store;
        var before = store.Count;
        var head = await office.Store.GetHeadAsync(id);

        var unreasoned = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.ExtendAppealTime, Vikram));
        (await unreasoned.Should().ThrowAsync<InvalidActionException>()).Which.Message.Should().Contain("reasons");
        var byThePio = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.ExtendAppealTime, Asha) { Reason = "More time" });
        await byThePio.Should().ThrowAsync<FileFlowException>();
        store.Count.Should().Be(before);
        (await office.Store.GetHeadAsync(id)).Should().Be(head);

        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.ExtendAppealTime, Vikram) { Reason = "Records are being retrieved from the archive" });
        var twice = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.ExtendAppealTime, Vikram) { Reason = "Still retrieving" });
        (await twice.Should().ThrowAsync<InvalidActionException>()).Which.Message.Should().Contain("extended once");

        var (late, lateId, _) = await UnderFirstAppealAsync();
        late.Clock.Advance(TimeSpan.FromDays(31));
        (await late.Engine.PermittedTriggersAsync(lateId, Vikram)).Should().NotContain(DocumentTrigger.ExtendAppealTime);
        var afterTime = async () => await late.Engine.FireAsync(new DocumentAction(lateId, DocumentTrigger.ExtendAppealTime, Vikram) { Reason = "Too late" });
        (await afterTime.Should().ThrowAsync<InvalidActionException>()).Which.Message.Should().Contain("has passed");
    }

    [Fact]
    public async Task A_service_whose_act_allows_no_extension_refuses_one()
    {
        var office = TestOffice.Create(options: new FileFlowEngineOptions { Services = ServiceCatalog.LoadDefaults() });
        var id = (await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "PAY", "Salary for March of Shri Karan Mehta") { ServiceId = "salary", Inputs = ServiceSamples.Inputs["salary"], Applicant = TestOffice.Karan })).Head.Id;
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Ramesh);
        await office.FireAsync(id, DocumentTrigger.Forward, TestOffice.Sunita);
        await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Reject, TestOffice.Arvind) { Reason = "Attendance not verified" });
        (await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Appeal, TestOffice.Karan) { Reason = "Certificate attached" })).Head.Holder.Should().Be(TestOffice.JointSecretary);
        var extend = async () => await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.ExtendAppealTime, TestOffice.Meera) { Reason = "More time" });
        (await extend.Should().ThrowAsync<InvalidActionException>()).Which.Message.Should().Contain("allows no extension");
    }

    [Fact]
    public void An_extension_no_longer_than_the_time_to_decide_is_refused_naming_its_path()
    {
        var catalog = ServiceCatalog.LoadDefaults().WithRightToInformation();
        var act = () => catalog.WithOverrides("overrides.json", """{ "rti-information": { "appeals": { "firstAppealExtendedDays": 30 } } }""");
        act.Should().Throw<ServiceDefinitionException>().Which.Message.Should().Contain("firstAppealExtendedDays").And.Contain("more than the 30 days");
    }
}
