using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Routing;
using FileFlow.Services;
using FileFlow.Storage;

namespace FileFlow.Authority;

/// <summary>The one authority policy: who may act for which post, with which powers, at a time. The engine asks it before every action, verification
/// replays every record through it, and the simulator asks it who decides; no other copy of these rules exists.</summary>
/// <remarks>
/// <para>The rules, in order: the holder of the post the document is with acts for it, or the officer holding the post its charge is delegated to
/// (while a delegation is in force the absent holder does not act, unless the charge is concurrent). A recall is made by the sender, before the
/// recipient opens or acts on the document, its notes or its drafts. A file is closed by its creator's post or an administrator. An appeal is filed by
/// the applicant; a second appeal may also be opened by the second appellate authority on its own motion. Notings (once frozen) and drafts for
/// approval are acted on by whoever holds their file; a yellow note is edited or discarded by its author.</para>
/// <para>Powers: a service file is decided only by its competent authority, or by the appellate officer it was escalated to as far as the service's
/// <see cref="AppellateChain.OnEscalation"/> allows and only within that officer's own powers on the route: escalation never grants a power the
/// route denies. Escalation goes strictly above the post in default, skipping appellate levels that resolve to the same post, a lower one, or a
/// vacant one. Nothing is sent to a vacant post.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class AuthorityPolicy
{
    private readonly OrganisationChart organisation;
    private readonly ServiceCatalog? services;

    /// <summary>The role of the post that is a file's public information officer under the RTI Act: it withholds parts of the file and certifies copies of it.</summary>
    public const string PublicInformationOfficerRole = "public-information-officer";

    /// <summary>Initializes a policy over an organisation chart and, for service files, the service definitions.</summary>
    /// <param name="organisation">Who holds which post when, and the delegations.</param>
    /// <param name="services">The service definitions; without them the powers of service files are not checked.</param>
    public AuthorityPolicy(OrganisationChart organisation, ServiceCatalog? services = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        this.organisation = organisation;
        this.services = services;
    }

    /// <summary>Decides whether the action may be taken and for which post, in which capacity.</summary>
    /// <returns>The post acted for and the capacity.</returns>
    /// <exception cref="NotCurrentHolderException">The officer neither holds nor is in charge of the post the document is with.</exception>
    /// <exception cref="PullBackRefusedException">A recall by someone other than the sender, or after the recipient opened or acted on it.</exception>
    /// <exception cref="CloseNotPermittedException">A close by a post other than the file's creator.</exception>
    /// <exception cref="RoutingException">A decision beyond the acting post's powers.</exception>
    /// <exception cref="InvalidActionException">An appeal by someone other than the applicant, or a decision on a file not yet put up.</exception>
    public Authorisation Authorise(AuthorityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var acting = Who(request);
        CheckPowers(request, acting);
        return acting;
    }

    /// <summary>Returns whether <paramref name="post"/> may decide (approve or reject) the service file <paramref name="file"/> as it stands, by the powers of the service.</summary>
    /// <remarks>A general file (no service, or no definitions) is decided by whoever holds it, so this returns <see langword="true"/>.</remarks>
    public bool MayDecide(DocumentHead file, PostId post)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ServiceOf(file) is not { } service || WhyNotDecider(file, service, post) is null;
    }

    /// <summary>Decides whether an officer acts as the public information officer of a file at a time: the post with role
    /// <see cref="PublicInformationOfficerRole"/> that serves the post which opened the file (<see cref="OrganisationChart.ResolveRole"/>), held or in charge.</summary>
    /// <returns>The post acted for and the capacity.</returns>
    /// <exception cref="NotPublicInformationOfficerException">No such post serves the file, or the officer neither holds it nor is in charge of it.</exception>
    public Authorisation AuthorisePublicInformationOfficer(DocumentHead file, OfficerId officer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(file);
        var post = organisation.ContainsPost(file.CreatedBy) ? organisation.ResolveRole(PublicInformationOfficerRole, file.CreatedBy)?.Id : null;
        if (post is not { } pio)
        {
            throw new NotPublicInformationOfficerException(file.Id, officer, null);
        }

        var capacity = organisation.CapacityFor(officer, pio, at);
        return capacity == ActingCapacity.None ? throw new NotPublicInformationOfficerException(file.Id, officer, pio) : new(pio, capacity);
    }

    /// <summary>Checks a withholding as verification meets it: it names a document, a clause of section 8(1) and a reason, and leaves the file with its holder.</summary>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    internal static string? WithholdingProblem(DocumentHead file, TransitionRecord record) =>
        record.Attribute(RecordAttributes.Withheld) is { } withheld && Guid.TryParse(withheld, out var part) && part != file.Id.Value
            && RtiExemption.TryParse(record.Attribute(RecordAttributes.RtiSection), out _)
            && record.Attribute(RecordAttributes.Reason) is { Length: > 0 }
            && (record.Attribute(RecordAttributes.WithheldParagraph) is not { } paragraph || int.TryParse(paragraph, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            && record.Holder == file.Holder
            ? null
            : "a withholding names a part of the file (withheld), a clause of section 8(1) of the RTI Act (rtiSection) and the reason, and leaves the file with its holder";

    /// <summary>Returns whether anyone is in charge of <paramref name="post"/> at <paramref name="at"/>, so that a document sent there reaches an inbox.</summary>
    public bool IsStaffed(PostId post, DateTimeOffset at) => organisation.IsStaffed(post, at);

    /// <summary>Decides in what capacity an officer acts for a post at a time (holder, delegate in charge, or none).</summary>
    internal ActingCapacity CapacityFor(OfficerId officer, PostId post, DateTimeOffset at) => organisation.CapacityFor(officer, post, at);

    /// <summary>Refuses to send a document to a vacant post.</summary>
    internal void CheckRecipient(DocumentId document, PostId post, DateTimeOffset at)
    {
        organisation.GetPost(post);
        if (!organisation.IsStaffed(post, at))
        {
            throw new VacantPostException(document, post, at);
        }
    }

    /// <summary>Decides the capacity in which an officer creates a document for a post: a child of a file (noting, draft, part) by its holder, a yellow note by an officer of the holder's office.</summary>
    internal ActingCapacity AuthoriseCreate(OfficerId actor, PostId asPost, DateTimeOffset at, DocumentHead? parentFile = null, bool yellow = false)
    {
        var capacity = organisation.CapacityFor(actor, asPost, at);
        if (capacity == ActingCapacity.None)
        {
            throw new NotCurrentHolderException(parentFile?.Id ?? default, actor, parentFile?.Holder ?? asPost);
        }

        if (parentFile is { State: DocumentState.TransferredOut } away)
        {
            throw new DocumentTransferredOutException(away.Id, DocumentTrigger.Create);
        }

        if (parentFile is { } file && (yellow ? organisation.GetPost(asPost).Office != organisation.GetPost(file.Holder).Office : asPost != file.Holder))
        {
            throw new NotCurrentHolderException(file.Id, actor, file.Holder);
        }

        return capacity;
    }

    /// <summary>Decides whether a file sent from another instance may be received here: it must have been sent to this instance, to a post of
    /// this organisation that someone is in charge of.</summary>
    /// <exception cref="InvalidActionException">The file was not sent to this instance.</exception>
    /// <exception cref="UnknownPostException">The post it was sent to is not a post here.</exception>
    /// <exception cref="VacantPostException">Nobody is in charge of that post.</exception>
    internal void AuthoriseInstanceReceipt(DocumentHead file, string instance, DateTimeOffset at, string? sentTo = null)
    {
        if (file.State != DocumentState.TransferredOut || file.LastTrigger != DocumentTrigger.SendToInstance)
        {
            throw new InvalidActionException(file.Id, DocumentTrigger.ReceiveFromInstance, $"its last record is '{file.LastTrigger}', not a send to another instance.");
        }

        if (sentTo is not null && !string.Equals(sentTo, instance, StringComparison.Ordinal))
        {
            throw new InvalidActionException(file.Id, DocumentTrigger.ReceiveFromInstance, $"it was sent to instance '{sentTo}', not to '{instance}'.");
        }

        CheckRecipient(file.Id, file.Holder, at);
    }

    /// <summary>Checks a receipt from another instance as verification meets it: made by the system for the post the file was sent to, at this instance.</summary>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    internal string? InstanceReceiptProblem(DocumentHead file, TransitionRecord record, string? sentTo)
    {
        if (record.ActingAs != file.Holder || record.Holder != file.Holder || record.Attribute(RecordAttributes.Instance) is not { } instance)
        {
            return $"a receipt from another instance is made for the post the file was sent to ('{file.Holder}') and names the receiving instance";
        }

        AuthoriseInstanceReceipt(file, instance, record.OccurredAt, sentTo);
        return null;
    }

    /// <summary>Checks a send to another instance as verification meets it: it names both instances, and the post it goes to is the record's holder.</summary>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    internal static string? InstanceSendProblem(TransitionRecord record) =>
        record.Attribute(RecordAttributes.ToInstance) is { Length: > 0 } to && record.Attribute(RecordAttributes.Instance) is { Length: > 0 } from && to != from
            ? null
            : "a send to another instance names the instance it leaves (instance) and a different one it goes to (toInstance)";

    /// <summary>Decides for which referred post, in which capacity, an officer answers a referral of a file's question: the first post it names that
    /// the officer holds or is in charge of and that has not answered yet.</summary>
    /// <exception cref="InvalidActionException">The record is not a referral, or every such post has answered.</exception>
    /// <exception cref="NotCurrentHolderException">The officer acts for none of the posts referred to.</exception>
    /// <exception cref="DocumentTransferredOutException">The file was sent to another instance.</exception>
    internal (PostId Post, ActingCapacity Capacity) AuthoriseReferralReply(DocumentHead file, TransitionRecord refer, OfficerId actor, IReadOnlySet<PostId> answered, DateTimeOffset at)
    {
        if (refer.Trigger != DocumentTrigger.Refer || refer.DocumentId != file.Id)
        {
            throw new InvalidActionException(file.Id, DocumentTrigger.Create, $"record {refer.Sequence} of document {refer.DocumentId} is not a referral of this file.");
        }

        if (file.State == DocumentState.TransferredOut)
        {
            throw new DocumentTransferredOutException(file.Id, DocumentTrigger.Create);
        }

        var mine = FileFlowEngine.ReferredPosts(refer).Select(p => (Post: p, Capacity: organisation.ContainsPost(p) ? organisation.CapacityFor(actor, p, at) : ActingCapacity.None))
            .Where(p => p.Capacity != ActingCapacity.None).ToList();
        if (mine.Count == 0)
        {
            throw new NotCurrentHolderException(file.Id, actor, FileFlowEngine.ReferredPosts(refer).First());
        }

        return mine.FirstOrDefault(p => !answered.Contains(p.Post)) is { Post.Value: not null } open
            ? open
            : throw new InvalidActionException(file.Id, DocumentTrigger.Create, $"post '{mine[0].Post}' has already answered referral {refer.Sequence}.");
    }

    /// <summary>Checks a referral as verification meets it: it names a date and posts of this organisation, each staffed when it was made, none the holder.</summary>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    internal string? ReferralProblem(DocumentHead file, TransitionRecord record)
    {
        var posts = FileFlowEngine.ReferredPosts(record).ToList();
        if (posts.Count == 0 || record.Attribute(RecordAttributes.ReplyBy) is null || posts.Contains(file.Holder))
        {
            return "a referral names the posts asked (none of them the holder) and the date to comment by";
        }

        foreach (var post in posts)
        {
            CheckRecipient(file.Id, post, record.OccurredAt);
        }

        return null;
    }

    /// <summary>Refuses a transfer by an officer who is not an administrator.</summary>
    internal void AuthoriseTransfer(OfficerId administrator)
    {
        if (!organisation.GetOfficer(administrator).IsAdministrator)
        {
            throw new NotAdministratorException(administrator, "transfer documents between posts");
        }
    }

    /// <summary>Where an overdue service file escalates next: the first appellate level above the current one whose post is strictly above the post in
    /// default (the holder) and staffed; <see langword="null"/> when none is.</summary>
    internal EscalationTarget? EscalationTargetFor(DocumentHead file, ServiceDefinition service, DateTimeOffset at)
    {
        var inDefault = organisation.GetPost(file.Holder);
        for (var level = file.EscalationLevel + 1; level <= 2; level++)
        {
            var role = AppellateRole(service, level);
            if (organisation.ResolveRole(role, file.CreatedBy) is { } post && post.Id != inDefault.Id && post.Level > inDefault.Level && organisation.IsStaffed(post.Id, at))
            {
                return new EscalationTarget(level, role, post.Id);
            }
        }

        return null;
    }

    /// <summary>Whether the post a file was last sent to has acted on its notes, drafts or other papers since it arrived: each such act leaves
    /// the child's last record made by that post no earlier than the send.</summary>
    internal static bool RecipientHasActed(DocumentHead file, IEnumerable<DocumentHead> children) =>
        file.Kind == DocumentKind.File && children.Any(c => c.LastActingAs == file.Holder && c.UpdatedAt >= file.UpdatedAt);

    /// <summary>Checks an escalation record against where the file had to go: the level and post <see cref="EscalationTargetFor"/> names.</summary>
    /// <returns>The problem, or <see langword="null"/> when the escalation is the one the law made.</returns>
    internal string? EscalationProblem(DocumentHead file, TransitionRecord record)
    {
        if (record.Trigger != DocumentTrigger.Escalate || record.ActingAs != file.Holder)
        {
            return $"only an escalation of the current holder's file may be made by the system, not '{record.Trigger}' for post '{record.ActingAs}'";
        }

        if (ServiceOf(file) is not { } service)
        {
            return null;   // the definition is not known here: the level and target cannot be checked
        }

        var target = EscalationTargetFor(file, service, record.OccurredAt);
        var level = record.Attribute(RecordAttributes.Escalation);
        return target is not null && target.Post == record.Holder && level == target.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? null
            : $"the escalation to post '{record.Holder}' at level {level} is not the one the '{service.Id}' appellate chain gives "
                + (target is null ? "(no appellate level is strictly above the post in default)" : $"(level {target.Level}, post '{target.Post}')");
    }

    /// <summary>Checks a record made as a consequence of an action on another document (notings frozen as their file moves, a receipt put in a
    /// file): signed by the same officer for the same post in the same capacity, an administrator's only for a close.</summary>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    internal string? ConsequenceProblem(TransitionRecord record)
    {
        if (record.Capacity == ActingCapacity.Administrator)
        {
            return organisation.ContainsOfficer(record.Actor) && organisation.GetOfficer(record.Actor).IsAdministrator && record.Trigger == DocumentTrigger.Close
                ? null
                : $"officer '{record.Actor}' acted as an administrator for '{record.Trigger}' without being one, or for an action administrators do not take";
        }

        var capacity = organisation.CapacityFor(record.Actor, record.ActingAs, record.OccurredAt);
        return capacity == ActingCapacity.None
            ? $"officer '{record.Actor}' did not hold or act for post '{record.ActingAs}' at {record.OccurredAt:O}"
            : capacity != record.Capacity
                ? $"the record says officer '{record.Actor}' acted for post '{record.ActingAs}' as {record.Capacity}, but was {capacity}"
                : null;
    }

    /// <summary>Gets the service definition a file was opened under, or <see langword="null"/> for a general file or one whose definition is not known here.</summary>
    internal ServiceDefinition? ServiceOf(DocumentHead head)
    {
        if (services is null || head.ServiceId is not { } id || !services.Contains(id))
        {
            return null;
        }

        try
        {
            return head.ServiceVersion is { } v ? services.Get(id, v) : services.Get(id);
        }
        catch (UnknownServiceException)
        {
            return null;
        }
    }

    private static string AppellateRole(ServiceDefinition service, int level) => level == 1 ? service.Appeals.FirstAppellate : service.Appeals.SecondAppellate;

    private PostId? RolePost(DocumentHead file, string role) => organisation.ResolveRole(role, file.CreatedBy)?.Id;

    private Authorisation Who(AuthorityRequest request)
    {
        var (head, trigger, actor, at) = request;
        if (head.State == DocumentState.TransferredOut || request.ParentFile is { State: DocumentState.TransferredOut })
        {
            // Sent to another instance: read-only here until it comes back (received by the system, never by an officer).
            throw new DocumentTransferredOutException(head.Id, trigger);
        }

        switch (trigger)
        {
            case DocumentTrigger.Withhold when head.Kind == DocumentKind.File:
                return AuthorisePublicInformationOfficer(head, actor, at);

            case DocumentTrigger.Recall:
                if (head.LastTrigger == DocumentTrigger.Open)
                {
                    throw new PullBackRefusedException(head.Id, opened: true, $"post '{head.Holder}' has already opened it");
                }

                if (head.LastTrigger is not (DocumentTrigger.Forward or DocumentTrigger.Return) || head.LastActingAs == head.Holder)
                {
                    throw new PullBackRefusedException(head.Id, opened: false, $"only a document just sent can be pulled back, before the recipient acts; its last action was '{head.LastTrigger}'");
                }

                if (request.RecipientActed == true)
                {
                    throw new PullBackRefusedException(head.Id, opened: false, $"post '{head.Holder}' has already acted on it (a noting, a draft or another act on the file)");
                }

                var sender = organisation.CapacityFor(actor, head.LastActingAs, at);
                return sender == ActingCapacity.None
                    ? throw new PullBackRefusedException(head.Id, opened: false, $"only the sender, post '{head.LastActingAs}', may pull it back; officer '{actor}' does not act for that post")
                    : new(head.LastActingAs, sender);

            case DocumentTrigger.Close when head.Kind == DocumentKind.File:
                var isAdministrator = organisation.ContainsOfficer(actor) && organisation.GetOfficer(actor).IsAdministrator;
                var closer = organisation.CapacityFor(actor, head.Holder, at);
                if (isAdministrator && (closer == ActingCapacity.None || head.Holder != head.CreatedBy))
                {
                    return new(head.Holder, ActingCapacity.Administrator);
                }

                if (closer == ActingCapacity.None)
                {
                    throw new NotCurrentHolderException(head.Id, actor, head.Holder);
                }

                return head.Holder == head.CreatedBy ? new(head.Holder, closer) : throw new CloseNotPermittedException(head.Id, actor, head.CreatedBy);

            case DocumentTrigger.Appeal or DocumentTrigger.SecondAppeal when head.Applicant == actor:
                return new(head.Holder, ActingCapacity.Applicant);

            case DocumentTrigger.SecondAppeal when ServiceOf(head) is { } service:
                // The second appellate authority may open a second appeal on its own motion.
                if (RolePost(head, service.Appeals.SecondAppellate) is { } second && organisation.CapacityFor(actor, second, at) is var c && c != ActingCapacity.None)
                {
                    return new(second, c);
                }

                throw new InvalidActionException(head.Id, trigger, "a second appeal is filed by the applicant or opened by the second appellate authority on its own motion.");

            case DocumentTrigger.SecondAppeal when services is null && head.ServiceId is not null && request.ClaimedActingAs is { } claimed:
                // Verified without the definitions: the second appellate post cannot be named, so the record's post is taken and the capacity checked.
                var own = organisation.CapacityFor(actor, claimed, at);
                return own == ActingCapacity.None ? throw new NotCurrentHolderException(head.Id, actor, claimed) : new(claimed, own);

            case DocumentTrigger.Appeal or DocumentTrigger.SecondAppeal:
                throw new InvalidActionException(head.Id, trigger, head.Applicant is null
                    ? "the file names no applicant who could appeal."
                    : $"only the applicant, officer '{head.Applicant}', may appeal.");
        }

        var holder = head.Holder;
        // Frozen notings and drafts for approval move with their file: whoever holds the file acts on them.
        var followsFile = (head.Kind == DocumentKind.Noting && head.State is not (DocumentState.Draft or DocumentState.Yellow)) || head.Kind == DocumentKind.DraftForApproval;
        if (followsFile && request.ParentFile is { } parent)
        {
            holder = parent.Holder;
        }

        if (head.Kind == DocumentKind.Noting && head.State == DocumentState.Yellow && trigger is DocumentTrigger.Edit or DocumentTrigger.Discard
            && head.Creator == actor && organisation.CapacityFor(actor, head.CreatedBy, at) is var author && author != ActingCapacity.None)
        {
            return new(head.CreatedBy, author);
        }

        var capacity = organisation.CapacityFor(actor, holder, at);
        return capacity == ActingCapacity.None
            ? throw new NotCurrentHolderException(head.Id, actor, holder)
            : new(holder, capacity);
    }

    private void CheckPowers(AuthorityRequest request, Authorisation acting)
    {
        var (head, trigger, _, _) = request;
        if (head.Kind == DocumentKind.DraftForApproval && trigger == DocumentTrigger.Approve && request.ParentFile is { } parent)
        {
            CheckDraftApprover(parent, acting.ActingAs);
            return;
        }

        if (head.Kind != DocumentKind.File)
        {
            return;
        }

        var service = ServiceOf(head);
        if (trigger is DocumentTrigger.Approve or DocumentTrigger.Reject)
        {
            if (head.State is DocumentState.Draft or DocumentState.Returned or DocumentState.Recalled)
            {
                CheckDecidedWhereItLies(head, trigger, service, head.ServiceId is not null && services is null);
            }

            if (service is not null && WhyNotDecider(head, service, acting.ActingAs) is { } why)
            {
                throw new RoutingException(trigger, why);
            }
        }
        else if (trigger is DocumentTrigger.Forward or DocumentTrigger.Return && service is not null && head.EscalationLevel >= 1)
        {
            CheckEscalatedMove(head, trigger, service, acting.ActingAs);
        }
    }

    // A file is decided once it is forwarded to the deciding officer. A service file escalated by operation of law reaches the appellate
    // officer in whatever state it was (a draft, returned, recalled); that officer decides it where it lies, without moving it first.
    private void CheckDecidedWhereItLies(DocumentHead head, DocumentTrigger trigger, ServiceDefinition? service, bool definitionsUnknown)
    {
        if (head.EscalationLevel == 0 || (service is null && !definitionsUnknown))
        {
            throw new InvalidActionException(head.Id, trigger, $"the file is {head.State}: forward it to the deciding officer first (only a file escalated to the appellate officer is decided where it lies).");
        }

        if (service is null)
        {
            return;   // verified without the service definitions: the escalation level is all that can be checked
        }

        var role = AppellateRole(service, head.EscalationLevel);
        var appellate = RolePost(head, role)
            ?? throw new RoutingException(trigger, $"No post in the organisation has role '{role}' for file {head.Id}.");
        if (head.Holder != appellate)
        {
            throw new InvalidActionException(head.Id, trigger, $"the file is {head.State} with post '{head.Holder}'; only the appellate officer it was escalated to (post '{appellate}') decides it without forwarding.");
        }
    }

    private string? WhyNotDecider(DocumentHead file, ServiceDefinition service, PostId post)
    {
        var competentRole = file.Authority ?? service.Route.Authority;
        var competent = RolePost(file, competentRole);
        if (competent == post)
        {
            return null;
        }

        for (var level = 1; level <= file.EscalationLevel; level++)
        {
            var role = AppellateRole(service, level);
            if (RolePost(file, role) != post)
            {
                continue;
            }

            if (!service.Appeals.OnEscalation.HasFlag(EscalationPowers.DecideWithinPowers))
            {
                return $"The '{service.Id}' service gives the appellate officer ({role}, post '{post}') these powers on escalation: {service.Appeals.OnEscalation}; "
                    + $"deciding is for the competent authority, {competentRole} ({competent?.Value ?? "no post"}).";
            }

            return WithinPowers(service, role, post, competentRole, competent)
                ? null
                : $"The {role} (post '{post}') may not decide this '{service.Id}' application: the rules reserve it to the {competentRole} "
                    + $"(post '{competent?.Value ?? "no post"}'), and escalation grants no power the rules deny; send it up to the competent authority.";
        }

        var deciders = new List<string> { $"{competentRole} ({competent?.Value ?? "no post"})" };
        for (var level = 1; level <= file.EscalationLevel; level++)
        {
            deciders.Add($"{AppellateRole(service, level)} within its powers");
        }

        return $"Only the competent authority for this '{service.Id}' application may decide it: {string.Join(" or ", deciders)}; post '{post}' may not.";
    }

    // Decide within one's own powers: the appellate role stands at or above the competent authority on the route (or, off the route, its post is as senior).
    private bool WithinPowers(ServiceDefinition service, string role, PostId post, string competentRole, PostId? competent)
    {
        var steps = service.Route.Steps;
        int mine = steps.IndexOf(role), needed = steps.IndexOf(competentRole);
        if (mine >= 0 && needed >= 0)
        {
            return mine >= needed;
        }

        return competent is { } c && organisation.GetPost(post).Level >= organisation.GetPost(c).Level;
    }

    private void CheckEscalatedMove(DocumentHead file, DocumentTrigger trigger, ServiceDefinition service, PostId actingAs)
    {
        var role = AppellateRole(service, file.EscalationLevel);
        var competentRole = file.Authority ?? service.Route.Authority;
        if (RolePost(file, role) != actingAs || RolePost(file, competentRole) == actingAs)
        {
            return;
        }

        var needed = trigger == DocumentTrigger.Forward ? EscalationPowers.SendUp : EscalationPowers.OrderDelivery;
        if (!service.Appeals.OnEscalation.HasFlag(needed))
        {
            throw new RoutingException(trigger, $"The '{service.Id}' service does not let the appellate officer ({role}, post '{actingAs}') {(trigger == DocumentTrigger.Forward ? "send an escalated file up" : "return an escalated file with an order to deliver")}; its powers on escalation are: {service.Appeals.OnEscalation}.");
        }
    }

    // The competent authority approves a draft on a file; so may an appellate officer hearing an appeal on it, or one it was escalated to within their powers.
    private void CheckDraftApprover(DocumentHead file, PostId actingAs)
    {
        if (file.Authority is not { } role || ServiceOf(file) is not { } service)
        {
            return;
        }

        for (var level = 1; level <= file.AppealLevel; level++)
        {
            if (RolePost(file, AppellateRole(service, level)) == actingAs)
            {
                return;
            }
        }

        if (WhyNotDecider(file, service, actingAs) is not null)
        {
            throw new RoutingException(DocumentTrigger.Approve, $"Only the competent authority ({role}, post '{RolePost(file, role)?.Value ?? "no post"}') may approve a draft on this file.");
        }
    }
}
