using System.Globalization;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using FileFlow.Authority;
using FileFlow.Diagnostics;
using FileFlow.Documents;
using FileFlow.Machines;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Routing;
using FileFlow.Services;
using FileFlow.Time;
using FileFlow.Signing;
using FileFlow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FileFlow.Engine;

/// <summary>The one entry point for acting on documents: it checks the machine and the actor's authority, routes, signs a chained record and appends it atomically.</summary>
/// <remarks>Immutable after construction and thread-safe. Two actions racing on one document: exactly one lands, the other gets <see cref="ConcurrencyException"/>.</remarks>
public sealed partial class FileFlowEngine
{
    // How often an action reads its numbers again when other actions keep taking them first.
    private const int MaxNumberAttempts = 64;

    private readonly IDocumentStore store;
    private readonly ISignerProvider signers;
    private readonly OrganisationChart organisation;
    private readonly TimeProvider time;
    private readonly IRoutingRule routing;
    private readonly IFileNumberGenerator? numberGenerator;
    private readonly RegisterNumbers.Locks numberLocks = new();
    private readonly ServiceCatalog? services;
    private readonly ServiceClock clock;
    private readonly OfficerId? systemOfficer;
    private readonly string? instance;
    private readonly bool requireAcknowledgment;
    private readonly AuthorityPolicy authority;
    private readonly Penalties.PenaltyLedger penalties;

    /// <summary>Initializes an engine over a store, the officers' signers and the organisation chart, checking that the configuration can work.</summary>
    /// <exception cref="ServiceDefinitionException">A service names a role no post in the chart holds; the message names the service, path and role.</exception>
    /// <exception cref="EngineConfigurationException">Services are configured but the system officer who signs escalations has no signer.</exception>
    public FileFlowEngine(IDocumentStore store, ISignerProvider signers, OrganisationChart organisation, FileFlowEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signers);
        ArgumentNullException.ThrowIfNull(organisation);
        options ??= new FileFlowEngineOptions();
        time = options.TimeProvider ?? throw new ArgumentException("TimeProvider must be set.", nameof(options));
        EngineConfiguration.Validate(organisation, signers, options);
        this.store = store;
        instruments = EngineInstruments.For(options.MeterFactory);
        logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<FileFlowEngine>();
        this.signers = new TimedSignerProvider(signers, instruments);
        this.organisation = organisation;
        services = options.Services;
        routing = options.Routing ?? (services is null ? ExplicitRecipientRouting.Instance : new ServiceRouting(services));
        numberGenerator = options.NumberGenerator;
        clock = new ServiceClock(options.Calendar);
        systemOfficer = options.SystemOfficer;
        instance = options.Instance is null ? null : Instances.InstanceName.Check(options.Instance, nameof(options));
        requireAcknowledgment = options.RequireAcknowledgment;
        authority = new AuthorityPolicy(organisation, services);
        penalties = new Penalties.PenaltyLedger(store, services, organisation, time);
    }

    /// <summary>Gets the store the engine appends to.</summary>
    public IDocumentStore Store => store;

    /// <summary>Gets the organisation chart the engine checks authority against.</summary>
    public OrganisationChart Organisation => organisation;

    /// <summary>Gets the service definitions, or <see langword="null"/> when none are configured.</summary>
    public ServiceCatalog? Services => services;

    /// <summary>Gets the clock that computes due dates.</summary>
    public ServiceClock Clock => clock;

    /// <summary>Opens a file: checks it, allocates its number (in the same transaction as its record), signs its creation record and puts it with the creating post as a draft.</summary>
    /// <param name="actor">The officer opening the file.</param>
    /// <param name="asPost">The post they open it for; they must hold it or act for it.</param>
    /// <param name="file">The file's numbering, subject, service and inputs.</param>
    /// <param name="actionId">The action's identifier; a retry with the same one returns the file opened the first time.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    public async Task<ActionResult> OpenFileAsync(OfficerId actor, PostId asPost, NewFile file, Guid? actionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(file.Subject);
        var id = actionId ?? Guid.NewGuid();
        var request = ActionRequest.OpenFile(actor, asPost, file);
        if (await FindLandedAsync(actionId, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return landed;
        }

        var now = Now();
        _ = new FileNumber(file.Department, file.Section, file.SubjectHead, 1, now.Year);   // a malformed part fails here, before anything is taken
        var attributes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        attributes[RecordAttributes.Subject] = file.Subject;
        if (file.ServiceId is { } service)
        {
            attributes[RecordAttributes.Service] = service;
            if (services is not null)
            {
                var definition = services.Get(service);
                ServiceInputs.Validate(definition, file.Inputs);
                var start = now;
                if (file.Application is { } application)
                {
                    var receipt = await LoadAsync(application, cancellationToken).ConfigureAwait(false);
                    start = receipt.Kind == DocumentKind.Receipt
                        ? receipt.CreatedAt
                        : throw new InvalidActionException(application, DocumentTrigger.Create, $"the application must be a diarised receipt, not a {receipt.Kind}.");
                }

                attributes[RecordAttributes.ServiceVersion] = definition.Version.ToString(CultureInfo.InvariantCulture);
                attributes[RecordAttributes.ServiceDigest] = definition.Digest.ToString();
                attributes[RecordAttributes.Authority] = ServiceInputs.CompetentAuthority(definition, file.Inputs);
                if (!requireAcknowledgment)
                {
                    attributes[RecordAttributes.ClockStart] = RecordAttributes.FormatTime(start);
                    attributes[RecordAttributes.DueAt] = RecordAttributes.FormatTime(clock.DueAt(start, definition.TimeLimit));
                }
            }
        }

        if (file.Applicant is { } applicant)
        {
            organisation.GetOfficer(applicant);
            attributes[RecordAttributes.Applicant] = applicant.Value;
        }

        if (file.Grading != SecurityGrading.Normal)
        {
            attributes[RecordAttributes.Grading] = file.Grading.ToString();
        }

        foreach (var input in file.Inputs)
        {
            attributes[RecordAttributes.InputPrefix + input.Key] = input.Value;
        }

        return await CreateAsync(
            new Creation(DocumentKind.File, actor, asPost, id, request, now, attributes.ToImmutable())
            {
                Number = async (numbers, token) => (RecordAttributes.FileNumber,
                    (await numbers.FileNumberAsync(file.Department, file.Section, file.SubjectHead, now, token).ConfigureAwait(false)).ToString()),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Diarises a receipt: allocates its diary number (in the same transaction as its record) and puts it with the diarising post as a draft.</summary>
    public async Task<ActionResult> DiariseReceiptAsync(OfficerId actor, PostId asPost, NewReceipt receipt, Guid? actionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentException.ThrowIfNullOrWhiteSpace(receipt.Subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(receipt.ReceivedFrom);
        var id = actionId ?? Guid.NewGuid();
        var request = ActionRequest.DiariseReceipt(actor, asPost, receipt);
        if (await FindLandedAsync(actionId, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return landed;
        }

        var now = Now();
        _ = new DiaryNumber(1, now.Year, receipt.Section);   // a malformed section fails here, before anything is taken
        var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            [RecordAttributes.Subject] = receipt.Subject,
            [RecordAttributes.ReceivedFrom] = receipt.ReceivedFrom,
            [RecordAttributes.LetterDate] = receipt.LetterDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [RecordAttributes.Medium] = receipt.Medium.ToString(),
        });
        if (receipt.Grading != SecurityGrading.Normal)
        {
            attributes = attributes.Add(RecordAttributes.Grading, receipt.Grading.ToString());
        }

        foreach (var (key, value) in receipt.Attributes)
        {
            if (RecordAttributes.IsReserved(key))
            {
                throw new ArgumentException($"Attribute '{key}' is reserved for FileFlow; use another key.", nameof(receipt));
            }

            attributes = attributes.Add(key, value);
        }

        return await CreateAsync(
            new Creation(DocumentKind.Receipt, actor, asPost, id, request, now, attributes)
            {
                Number = async (numbers, token) => (RecordAttributes.DiaryNumber, (await numbers.DiaryNumberAsync(receipt.Section, now, token).ConfigureAwait(false)).ToString()),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a noting on a file the actor holds; it stays the author's editable draft until it moves on with the file.</summary>
    /// <exception cref="NotCurrentHolderException">The actor does not hold (or act for) the file.</exception>
    /// <exception cref="InvalidActionException">The file is parked or closed.</exception>
    public async Task<ActionResult> WriteNotingAsync(OfficerId actor, DocumentId file, IReadOnlyList<NotingParagraph> paragraphs, Guid? actionId = null, CancellationToken cancellationToken = default)
    {
        var content = NotingContent.Encode(paragraphs);
        var id = actionId ?? Guid.NewGuid();
        var request = ActionRequest.InFile("noting", DocumentTrigger.Create, actor, file, null, content);
        if (await FindLandedAsync(actionId, request, cancellationToken).ConfigureAwait(false) is { } landed)
        {
            return landed;
        }

        var head = await LoadAsync(file, cancellationToken).ConfigureAwait(false);
        if (head.Kind != DocumentKind.File)
        {
            throw new InvalidActionException(file, DocumentTrigger.Create, "notings are written on files, and this document is a " + head.Kind + ".");
        }

        if (head.State is DocumentState.Closed or DocumentState.Parked)
        {
            throw new InvalidActionException(file, DocumentTrigger.Create, $"the file is {head.State}; reopen it before writing a noting.");
        }

        var now = Now();
        authority.AuthoriseCreate(actor, head.Holder, now, head);
        CheckActorClearance(head, actor);
        var attributes = ChildAttributes(head);
        return await CreateAsync(new Creation(DocumentKind.Noting, actor, head.Holder, id, request, now, attributes) { Content = content }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Acts on an existing document: fires the trigger if the machine permits it and the actor may act, routes, signs and appends.</summary>
    /// <exception cref="DocumentNotFoundException">The document does not exist.</exception>
    /// <exception cref="TransitionNotPermittedException">The trigger is not permitted in the document's state.</exception>
    /// <exception cref="NotCurrentHolderException">The actor neither holds nor acts for the document's post.</exception>
    /// <exception cref="InvalidActionException">The arguments are wrong for the action.</exception>
    /// <exception cref="ConcurrencyException">Another action on the document landed first.</exception>
    /// <exception cref="ActionIdReusedException">The action id already landed with a different request.</exception>
    public async Task<ActionResult> FireAsync(DocumentAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var telemetry = BeginAction(action.DocumentId, action.Trigger, action.Actor);
        var request = ActionRequest.Of(action);
        try
        {
            var step = new ActionStep(await LoadOrLandedAsync(action, cancellationToken).ConfigureAwait(false), action, request, Now());
            step = Permit(step);
            step = await AuthoriseAsync(step, cancellationToken).ConfigureAwait(false);
            step = await ValidateArgumentsAsync(step, cancellationToken).ConfigureAwait(false);
            step = await PlanAndRouteAsync(step, cancellationToken).ConfigureAwait(false);
            var result = await CommitAsync(action.ActionId, request, (numbers, token) => BuildBatchAsync(step, numbers, token), cancellationToken).ConfigureAwait(false);
            return telemetry.Complete(result);
        }
        catch (Exception e) when (MayHaveLanded(e))
        {
            // Refused as the document is now: a retry of an action that landed returns what it landed (or the id was reused: say so).
            if (await FindLandedAsync(action.ActionId, request, CancellationToken.None).ConfigureAwait(false) is not { } landed)
            {
                throw;
            }

            return telemetry.Complete(landed);
        }
    }

    /// <summary>Returns a document's current head without a clearance check, for auditors and the system; officers read with <see cref="GetAsync(DocumentId, OfficerId, CancellationToken)"/>.</summary>
    /// <exception cref="DocumentNotFoundException">The document does not exist.</exception>
    public async ValueTask<DocumentHead> GetUncheckedAsync(DocumentId id, CancellationToken cancellationToken = default) =>
        await LoadAsync(id, cancellationToken).ConfigureAwait(false);

    /// <summary>Streams a document's movement history, its signed records in order, without a clearance check, for auditors and the system; officers read with <see cref="HistoryAsync(DocumentId, OfficerId, CancellationToken)"/>.</summary>
    public async IAsyncEnumerable<SignedRecord> HistoryUncheckedAsync(DocumentId id, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in store.ReadStreamAsync(id, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>Returns the triggers permitted on a document now (before authority checks); a file not yet forwarded lists Approve and Reject only once escalated, as only then may it be decided where it lies.</summary>
    public async ValueTask<IReadOnlyList<DocumentTrigger>> PermittedTriggersAsync(DocumentId id, CancellationToken cancellationToken = default)
    {
        var head = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        return MachinePermitted(head);
    }

    private static IReadOnlyList<DocumentTrigger> MachinePermitted(DocumentHead head)
    {
        var permitted = DocumentMachine.For(head.Kind).PermittedTriggers(head.State);
        return head.EscalationLevel == 0 && IsUnforwardedFile(head) ? permitted.Where(t => t is not (DocumentTrigger.Approve or DocumentTrigger.Reject)).ToList() : permitted;
    }

    private DateTimeOffset Now() => RecordCodec.Normalize(time.GetUtcNow());

    /// <summary>Returns the triggers <paramref name="officer"/> may fire on a document now: those its machine permits that the authority policy grants
    /// them (holder or officer in charge, sender for a pull back, creator for a close, applicant for an appeal, the competent authority for a decision),
    /// within their clearance. A desk shows exactly these actions; an action also needs its arguments (a recipient, a reason) when fired.</summary>
    /// <exception cref="DocumentNotFoundException">The document does not exist.</exception>
    public async ValueTask<IReadOnlyList<DocumentTrigger>> PermittedTriggersAsync(DocumentId id, OfficerId officer, CancellationToken cancellationToken = default)
    {
        organisation.GetOfficer(officer);
        var head = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        var now = Now();
        var permitted = new List<DocumentTrigger>();
        foreach (var trigger in MachinePermitted(head))
        {
            if (trigger is DocumentTrigger.Escalate or DocumentTrigger.Transfer or DocumentTrigger.PutInFile)
            {
                continue; // by operation of law, by the administrator's transfer, or by attaching to a file: never fired directly
            }

            try
            {
                var (_, capacity) = await AuthoriseAsync(head, new DocumentAction(id, trigger, officer), now, cancellationToken).ConfigureAwait(false);
                if (capacity != ActingCapacity.Applicant)
                {
                    CheckActorClearance(head, officer);
                }

                if (AppealStageProblem(head, trigger, officer, now) is not null)
                {
                    continue; // an appeal the file's stage does not allow yet, or any longer
                }

                permitted.Add(trigger);
            }
            catch (FileFlowException)
            {
                // Refused by the policy or by clearance: not this officer's action now.
            }
        }

        return permitted;
    }

    private async ValueTask<DocumentHead> LoadAsync(DocumentId id, CancellationToken cancellationToken) =>
        await store.GetHeadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new DocumentNotFoundException(id);

    private static DocumentState Permit(DocumentHead head, DocumentTrigger trigger)
    {
        var machine = DocumentMachine.For(head.Kind);
        return machine.TryFire(head.State, trigger)
            ?? throw new TransitionNotPermittedException(head.Id, head.Kind, head.State, trigger, machine.PermittedTriggers(head.State));
    }

    private async Task<ActionResult> CreateAsync(Creation creation, CancellationToken cancellationToken)
    {
        using var telemetry = BeginAction(null, DocumentTrigger.Create, creation.Actor);
        organisation.GetOfficer(creation.Actor);
        organisation.GetPost(creation.AsPost);
        var capacity = authority.AuthoriseCreate(creation.Actor, creation.AsPost, creation.At);

        var decision = await routing.RouteAsync(
            new RoutingContext(null, creation.Kind, DocumentTrigger.Create, creation.Actor, creation.AsPost, null, organisation, creation.At),
            cancellationToken).ConfigureAwait(false);
        var signer = signers.GetSigner(creation.Actor);
        var result = await CommitAsync(creation.ActionId, creation.Request, async (numbers, token) =>
        {
            var attributes = creation.Attributes.SetItem(RecordAttributes.Request, creation.Request.Fingerprint);
            if (creation.Number is { } number)
            {
                var (key, value) = await number(numbers, token).ConfigureAwait(false);
                attributes = attributes.SetItem(key, value);
            }

            var draft = new RecordDraft(
                creation.Kind, DocumentTrigger.Create, DocumentState.Draft, creation.Actor, creation.AsPost, capacity, decision.NextHolder, creation.ActionId, creation.At, attributes)
            {
                NewId = DocumentId.ForAction(creation.ActionId, "created"),
                Content = creation.Content,
            };
            return [await draft.SignAsync(signer, token).ConfigureAwait(false)];
        }, cancellationToken).ConfigureAwait(false);
        return telemetry.Complete(result);
    }

    // Steps 6 to 9 of an action: allocate its numbers, build and sign its records, append them. A number another action took
    // meanwhile fails the append with nothing stored; the numbers are then read again and the records signed again.
    private async Task<ActionResult> CommitAsync(
        Guid actionId, ActionRequest request, Func<RegisterNumbers, CancellationToken, Task<List<RecordAppend>>> build, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var numbers = new RegisterNumbers(store, numberGenerator, numberLocks);
            var batch = await build(numbers, cancellationToken).ConfigureAwait(false);
            if (numbers.Claims is { IsEmpty: false } claims)
            {
                batch[0] = batch[0] with { Serials = claims };
            }

            try
            {
                return await AppendAsync(batch, actionId, request, cancellationToken).ConfigureAwait(false);
            }
            catch (SerialTakenException) when (attempt < MaxNumberAttempts)
            {
                // Another action took the number first: read the counters again.
            }
        }
    }

    private async Task<ActionResult> AppendAsync(List<RecordAppend> batch, Guid actionId, ActionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await TimedAppendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConcurrencyException or DuplicateActionException)
        {
            // A retry of the same action that raced its first attempt: return what landed, never apply twice.
            if (await FindLandedAsync(actionId, request, CancellationToken.None).ConfigureAwait(false) is { } landed)
            {
                return landed;
            }

            throw;
        }

        var consequences = ImmutableArray.CreateBuilder<SignedRecord>(batch.Count - 1);
        for (var i = 1; i < batch.Count; i++)
        {
            consequences.Add(batch[i].Record);
        }

        return new ActionResult(batch[0].Record, batch[0].Head, consequences.MoveToImmutable());
    }
}
