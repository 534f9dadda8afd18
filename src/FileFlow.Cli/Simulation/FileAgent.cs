using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Storage;

namespace FileFlow.Cli.Simulation;

/// <summary>One application's life: diarised, opened, noted, forwarded up its service route, sometimes returned to the applicant, decided (or escalated when officers are slow), returned for issue and closed.</summary>
/// <remarks>All randomness comes from the file's own generator, so its course depends only on the seed, its index and the virtual times at which it is escalated.</remarks>
internal sealed class FileAgent
{
    private static readonly string[] RejectionReasons =
    [
        "Not admissible under the rules: the applicant is not eligible.",
        "Required certificate not furnished within the time allowed.",
        "Claim exceeds the admissible amount.",
        "Leave not due to the applicant on the dates applied for.",
    ];

    private static readonly string[] ApplicantReasons =
    [
        "Attach the medical certificate in the prescribed form.",
        "Supply the original bills and the essentiality certificate.",
        "The application is unsigned; sign and resubmit.",
    ];

    private readonly Random random;
    private bool returnedToApplicant;
    private DocumentHead? head;

    public FileAgent(int index, Random random, PostId dealingAssistant, string office, string section, ServiceDefinition service, DateTimeOffset arrival, string applicant)
    {
        Index = index;
        this.random = random;
        DealingAssistant = dealingAssistant;
        Office = office;
        Section = section;
        Service = service;
        Arrival = arrival;
        Applicant = applicant;
    }

    public int Index { get; }

    public PostId DealingAssistant { get; }

    public string Office { get; }

    public string Section { get; }

    public ServiceDefinition Service { get; }

    public DateTimeOffset Arrival { get; }

    public string Applicant { get; }

    /// <summary>Gets or sets the file's head while it is in flight; a finished file keeps only its id and state (<see cref="Document"/>, <see cref="State"/>),
    /// so a state-scale year does not hold every file's head to the end.</summary>
    public DocumentHead? Head
    {
        get => head;
        set
        {
            head = value;
            if (value is not null)
            {
                Document = value.Id;
                State = value.State;
            }
        }
    }

    /// <summary>Gets the file's id once it is opened.</summary>
    public DocumentId? Document { get; private set; }

    /// <summary>Gets the file's last known state.</summary>
    public DocumentState? State { get; private set; }

    /// <summary>Gets or sets the version of the agent's plan; an escalation bumps it so the event planned before it is dropped.</summary>
    public int Version { get; set; }

    public DateTimeOffset? InitialDue { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public DocumentState? Outcome { get; private set; }

    public bool Finished
    {
        get;
        private set
        {
            field = value;
            if (value)
            {
                head = null;
            }
        }
    }

    public bool ReturnedToApplicant => returnedToApplicant;

    public async Task<DateTimeOffset?> StepAsync(SimulationWorld world, DateTimeOffset now)
    {
        try
        {
            return Head is null ? await ArriveAsync(world, now).ConfigureAwait(false) : await ActAsync(world, Head, now).ConfigureAwait(false);
        }
        catch (FileFlowException e)
        {
            world.Fail(e);
            Finished = true;
            return null;
        }
    }

    /// <summary>Plans the next action of whoever holds the file now.</summary>
    public DateTimeOffset NextAfter(SimulationWorld world, DateTimeOffset now) => now + Delay(world.Chart.GetPost(Head!.Holder).Role);

    private async Task<DateTimeOffset?> ArriveAsync(SimulationWorld world, DateTimeOffset now)
    {
        var engine = world.Engine;
        var actor = world.ActorFor(DealingAssistant, now);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (inputs, subject) = ApplicationGenerator.Create(Service.Id, random, today, Applicant);
        world.Clock.Use(now);
        var receipt = world.Count(await engine.DiariseReceiptAsync(actor, DealingAssistant,
            new NewReceipt(Section, Applicant, today.AddDays(-random.Next(0, 4)), $"Application: {Service.NameEnglish} ({Service.NameHindi})", ReceiptMedium.Electronic)).ConfigureAwait(false));
        world.Clock.Use(now.AddMinutes(2));
        actor = world.ActorFor(DealingAssistant, now.AddMinutes(2));
        var file = world.Count(await engine.OpenFileAsync(actor, DealingAssistant, new NewFile(Office, Section, ServiceCode(Service.Id), subject)
        {
            ServiceId = Service.Id,
            Inputs = inputs,
            Application = receipt.Head.Id,
        }).ConfigureAwait(false));
        InitialDue = file.Head.DueAt;
        world.Clock.Use(now.AddMinutes(4));
        actor = world.ActorFor(DealingAssistant, now.AddMinutes(4));
        Head = world.Count(await engine.FireAsync(new DocumentAction(file.Head.Id, DocumentTrigger.AttachReceipt, actor) { Receipt = receipt.Head.Id }).ConfigureAwait(false)).Head;
        if (random.NextDouble() < 0.5)
        {
            world.Clock.Use(now.AddMinutes(15));
            actor = world.ActorFor(DealingAssistant, now.AddMinutes(15));
            world.Count(await engine.WriteNotingAsync(actor, file.Head.Id, NotingContent.Number(
                $"{Applicant} has applied for {Service.NameEnglish.ToLowerInvariant()}; the application is complete.",
                "Put up for orders.")).ConfigureAwait(false));
        }

        world.Clock.Use(null);
        return NextAfter(world, now.AddMinutes(15));
    }

    private async Task<DateTimeOffset?> ActAsync(SimulationWorld world, DocumentHead head, DateTimeOffset now)
    {
        var actor = world.ActorFor(head.Holder, now);
        switch (head.State)
        {
            case DocumentState.Closed:
                Finished = true;
                return null;
            case DocumentState.WithApplicant:
                await FireAsync(world, now, new DocumentAction(head.Id, DocumentTrigger.Resubmit, actor) { Reason = "The applicant supplied what was asked for." }).ConfigureAwait(false);
                return NextAfter(world, now);
            case DocumentState.Approved or DocumentState.Rejected:
                if (head.Holder != head.CreatedBy)
                {
                    await FireAsync(world, now, new DocumentAction(head.Id, DocumentTrigger.Return, actor) { Recipient = head.CreatedBy, Reason = "For issue of the order." }).ConfigureAwait(false);
                    return now + TimeSpan.FromHours(random.Next(2, 36));
                }

                await FireAsync(world, now, new DocumentAction(head.Id, DocumentTrigger.Close, actor) { Reason = "Order issued to the applicant." }).ConfigureAwait(false);
                Finished = true;
                return null;
        }

        if (IsDecider(world, head) && head.State == DocumentState.Draft)
        {
            // Escalated before the dealing hand put it up: the appellate officer calls for the complete application first.
            returnedToApplicant = true;
            await FireAsync(world, now, new DocumentAction(head.Id, DocumentTrigger.ReturnToApplicant, actor) { Reason = "Called for by the appellate officer: resubmit the complete application." }).ConfigureAwait(false);
            return now + TimeSpan.FromHours(random.Next(24, 5 * 24));
        }

        if (IsDecider(world, head))
        {
            var reject = random.NextDouble() < 0.12;
            await FireAsync(world, now, reject
                ? new DocumentAction(head.Id, DocumentTrigger.Reject, actor) { Reason = RejectionReasons[random.Next(RejectionReasons.Length)] }
                : new DocumentAction(head.Id, DocumentTrigger.Approve, actor) { Reason = "Sanctioned." }).ConfigureAwait(false);
            Outcome = reject ? DocumentState.Rejected : DocumentState.Approved;
            DecidedAt = now;
            return now + TimeSpan.FromHours(random.Next(1, 12));
        }

        if (!returnedToApplicant && head.EscalationLevel == 0 && random.NextDouble() < 0.05)
        {
            returnedToApplicant = true;
            await FireAsync(world, now, new DocumentAction(head.Id, DocumentTrigger.ReturnToApplicant, actor) { Reason = ApplicantReasons[random.Next(ApplicantReasons.Length)] }).ConfigureAwait(false);
            return now + TimeSpan.FromHours(random.Next(48, 12 * 24));
        }

        await FireAsync(world, now, new DocumentAction(head.Id, DocumentTrigger.Forward, actor)).ConfigureAwait(false);
        return NextAfter(world, now);
    }

    // Whoever holds the file decides it if the authority policy gives that post the power (the competent authority, or an appellate officer within its powers).
    private static bool IsDecider(SimulationWorld world, DocumentHead head) => world.Authority.MayDecide(head, head.Holder);

    private async Task FireAsync(SimulationWorld world, DateTimeOffset now, DocumentAction action)
    {
        world.Clock.Use(now);
        try
        {
            Head = world.Count(await world.Engine.FireAsync(action).ConfigureAwait(false)).Head;
        }
        finally
        {
            world.Clock.Use(null);
        }
    }

    /// <summary>How long the holder takes: hours to days by seniority, and now and then a slow officer who lets the time limit pass.</summary>
    private TimeSpan Delay(string? role)
    {
        var (low, high) = role switch
        {
            OrganisationGenerator.DealingAssistant => (2, 36),
            OrganisationGenerator.SectionOfficer => (3, 48),
            OrganisationGenerator.HeadOfOffice => (6, 72),
            OrganisationGenerator.HeadOfDepartment => (12, 120),
            _ => (24, 168),
        };
        var hours = low + (random.NextDouble() * (high - low));
        if (random.NextDouble() < 0.06)
        {
            hours *= 4 + (random.NextDouble() * 6);
        }

        return TimeSpan.FromMinutes(Math.Round(hours * 60));
    }

    private static string ServiceCode(string serviceId) => serviceId switch
    {
        "acr-decision" => "ACR",
        "annual-increment" => "INCR",
        "earned-leave" => "EL",
        "gpf" => "GPF",
        "medical-leave" => "ML",
        "medical-reimbursement" => "MR",
        "pension" => "PEN",
        "promotion-decision" => "PROM",
        "salary" => "SAL",
        "ta-bill" => "TA",
        _ => "GEN",
    };
}
