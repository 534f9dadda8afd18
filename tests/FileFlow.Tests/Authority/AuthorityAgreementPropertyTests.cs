using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using FileFlow.Audit;
using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Machines;
using FileFlow.Organisation;
using FileFlow.Records;
using FileFlow.Routing;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace FileFlow.Tests.Authority;

/// <summary>Random action sequences on random small organisations (vacant posts, delegations, concurrent charges, service files with powers):
/// the engine's accept and refuse agree with the verifier's replay. Everything the engine accepted verifies; an act it refused for want of
/// authority, signed and appended behind its back, fails verification naming that record.</summary>
public sealed class AuthorityAgreementPropertyTests
{
    private static readonly string[] Roles = ["dealing-assistant", "section-officer", "head-of-office", "head-of-department", "administrative-department"];
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly OfficerId System = new("fileflow-system");
    private static readonly OfficerId Admin = new("admin");
    private static readonly OfficerId Applicant = new("applicant");
    private static readonly ConcurrentDictionary<string, SoftwareKey> Keys = new();
    private static readonly ServiceCatalog Catalog = ServiceCatalog.LoadDefaults();

    [Property(MaxTest = 100)]
    public Property Engine_and_verifier_agree_on_every_attempted_action(int seed, int[] steps) =>
        Prop.ToProperty(RunAsync(seed, steps ?? []).GetAwaiter().GetResult());

    private static async Task<bool> RunAsync(int seed, int[] steps)
    {
        var world = World.Create(seed);
        foreach (var step in steps.Take(40))
        {
            await world.AttemptAsync((uint)step);
        }

        // Whatever the engine accepted, the verifier accepts.
        var report = await world.VerifyAsync();
        report.IsValid.Should().BeTrue($"seed {seed}: {string.Join("; ", report.Failures)}\n{await world.DescribeAsync(report.Failures)}");

        // Keep acting until the engine refuses something for want of authority, then sign that act anyway and append it behind its back.
        for (var extra = 0; extra < 30; extra++)
        {
            var (refused, forgeable) = await world.AttemptAsync((uint)HashCode.Combine(seed, extra, steps.Length));
            if (refused is not null && forgeable)
            {
                var sound = await world.VerifyAsync();
                sound.IsValid.Should().BeTrue($"seed {seed}: {string.Join("; ", sound.Failures)}\n{await world.DescribeAsync(sound.Failures)}");
                var forged = await world.ForgeAsync(refused);
                var failures = (await world.VerifyAsync()).Failures;
                failures.Should().ContainSingle($"seed {seed}: the forged {refused.Trigger} by '{refused.Actor}' (refused: {world.Refusal?.Message}) must fail, and only it")
                    .Which.Should().Match<VerificationFailure>(f => f.DocumentId == forged.DocumentId && f.Sequence == forged.Sequence);
                return true;
            }
        }

        return true;
    }

    private sealed class World
    {
        private readonly Random random;
        private readonly List<PostId> posts = [];
        private readonly List<OfficerId> officers = [];
        private readonly List<DocumentId> files = [];
        private readonly List<DocumentId> children = [];

        private World(int seed) => random = new Random(seed);

        public FakeTimeProvider Clock { get; } = new(Start);

        /// <summary>Gets the engine's last refusal.</summary>
        public FileFlowException? Refusal { get; private set; }

        public OrganisationChart Chart { get; private set; } = OrganisationChart.Empty;

        public InMemoryDocumentStore Store { get; } = new();

        public FileFlowEngine Engine { get; private set; } = null!;

        public PublicKeyDirectory Directory { get; } = new();

        public SignerRegistry Signers { get; } = new();

        public static World Create(int seed)
        {
            var world = new World(seed);
            world.Build();
            return world;
        }

        public Task<VerificationReport> VerifyAsync() => new StoreVerifier(Directory, Chart, services: Catalog).VerifyAllAsync(Store);

        /// <summary>Attempts one random action; returns the action if the engine refused it, and whether the refusal is the authority policy's.</summary>
        public async Task<(DocumentAction? Refused, bool Forgeable)> AttemptAsync(uint s)
        {
            Clock.Advance(TimeSpan.FromMinutes(5 + (s % 7)));
            var actor = officers[(int)((s / 16) % (uint)officers.Count)];
            var recipient = (s & 0x100) == 0 ? (PostId?)null : posts[(int)((s / 512) % (uint)posts.Count)];
            var kind = s % 16;
            try
            {
                switch (kind)
                {
                    case 0 or 1 when files.Count == 0 || (kind == 0 && (s & 0x200) != 0):
                        await OpenAsync(actor, s);
                        return (null, false);
                    case 2 when files.Count > 0:
                        children.Add((await Engine.WriteNotingAsync(actor, Pick(files, s), NotingContent.Number("Seen."))).Head.Id);
                        return (null, false);
                    case 3 when files.Count > 0:
                        children.Add((await Engine.DraftForApprovalAsync(actor, Pick(files, s), "Order", NotingContent.Number("Ordered."))).Head.Id);
                        return (null, false);
                    case 4 when files.Count > 0:
                        await Engine.MarkOpenedAsync(Pick(files, s), actor);
                        return (null, false);
                    case 5:
                        Clock.Advance(TimeSpan.FromDays(8));
                        await Engine.EscalateOverdueAsync();
                        return (null, false);
                }
            }
            catch (FileFlowException)
            {
                return (null, false);
            }

            if (files.Count == 0)
            {
                return (null, false);
            }

            DocumentTrigger[] triggers =
            [
                DocumentTrigger.Forward, DocumentTrigger.Return, DocumentTrigger.Recall, DocumentTrigger.Approve, DocumentTrigger.Reject, DocumentTrigger.Close,
                DocumentTrigger.Park, DocumentTrigger.Reopen, DocumentTrigger.Appeal, DocumentTrigger.Edit,
            ];
            var trigger = triggers[(int)((s / 4096) % (uint)triggers.Length)];
            var onChild = children.Count > 0 && (s & 0x40) != 0 && trigger is DocumentTrigger.Approve or DocumentTrigger.Edit;
            var document = onChild ? Pick(children, s) : Pick(files, s);
            if ((s & 0x20) != 0 && await Store.GetHeadAsync(document) is { } current)
            {
                // Half the time the officer in charge of the post acts (the sender, for a recall), so that powers, not only presence, are tried.
                var post = trigger == DocumentTrigger.Recall ? current.LastActingAs : current.Holder;
                actor = officers.FirstOrDefault(o => Chart.CapacityFor(o, post, Clock.GetUtcNow()) != ActingCapacity.None) is { Value: not null } inCharge ? inCharge : actor;
            }

            var action = new DocumentAction(document, trigger, trigger == DocumentTrigger.Appeal && (s & 0x80) != 0 ? Applicant : actor)
            {
                Recipient = recipient,
                Reason = "For orders.",
                Paragraphs = NotingContent.Number("Edited."),
            };
            var before = await Store.GetHeadAsync(action.DocumentId);
            try
            {
                await Engine.FireAsync(action);
                return (null, false);
            }
            catch (FileFlowException e)
            {
                (await Store.GetHeadAsync(action.DocumentId)).Should().Be(before, "a refused action stores nothing");
                var permitted = DocumentMachine.For(before!.Kind).TryFire(before.State, trigger) is not null;
                var authority = e is NotCurrentHolderException or PullBackRefusedException or CloseNotPermittedException or VacantPostException
                    || (e is RoutingException or InvalidActionException && trigger is DocumentTrigger.Approve or DocumentTrigger.Reject && before.Kind == DocumentKind.File);
                Refusal = e;
                return (action with { }, permitted && authority && !before.AwaitingReceipt);
            }
        }

        /// <summary>Signs what the refused actor would have claimed (the post the document was with, in the capacity they have for it) and appends it directly.</summary>
        public async Task<TransitionRecord> ForgeAsync(DocumentAction refused)
        {
            var head = (await Store.GetHeadAsync(refused.DocumentId))!;
            var claimed = refused.Trigger == DocumentTrigger.Recall ? head.LastActingAs
                : head.Kind is DocumentKind.Noting or DocumentKind.DraftForApproval && head.Parent is { } parent ? (await Store.GetHeadAsync(parent))!.Holder
                : head.Holder;
            var at = RecordCodec.Normalize(Clock.GetUtcNow());
            var capacity = Chart.CapacityFor(refused.Actor, claimed, at) is var c && c != ActingCapacity.None ? c : ActingCapacity.Holder;
            var holder = Refusal is VacantPostException vacant ? vacant.Post
                : refused.Trigger is DocumentTrigger.Forward or DocumentTrigger.Return && refused.Recipient is { } r ? r
                : refused.Trigger == DocumentTrigger.Recall ? head.LastActingAs
                : head.Holder;
            var signer = Signers.GetSigner(refused.Actor);
            var record = new TransitionRecord
            {
                DocumentId = head.Id,
                Kind = head.Kind,
                Sequence = head.Sequence + 1,
                ActionId = Guid.NewGuid(),
                Trigger = refused.Trigger,
                From = head.State,
                To = DocumentMachine.For(head.Kind).TryFire(head.State, refused.Trigger)!.Value,
                Actor = refused.Actor,
                ActingAs = claimed,
                Capacity = capacity,
                Holder = holder,
                OccurredAt = at,
                PreviousHash = head.LastHash,
                Attributes = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add(RecordAttributes.Reason, "forged"),
                SignerKeyId = signer.KeyId,
            };
            var bytes = RecordCodec.Encode(record);
            var signed = new SignedRecord(record, bytes, await signer.SignAsync(bytes, at));
            await Store.AppendAsync([new RecordAppend(signed, DocumentProjection.Apply(head, record, signed.Hash))]);
            return record;
        }

        public async Task<string> DescribeAsync(IEnumerable<VerificationFailure> failures)
        {
            var text = new System.Text.StringBuilder();
            foreach (var id in failures.Select(f => f.DocumentId).Distinct())
            {
                await foreach (var r in Store.ReadStreamAsync(id))
                {
                    var x = r.Record;
                    text.AppendLine(CultureInfo.InvariantCulture, $"{x.Kind} {x.Sequence} {x.Trigger} by {x.Actor} as {x.ActingAs} ({x.Capacity}) -> {x.Holder} at {x.OccurredAt:O} {string.Join(",", x.Attributes.Select(a => a.Key + "=" + a.Value))}");
                }
            }

            return text.ToString();
        }

        private DocumentId Pick(List<DocumentId> list, uint s) => list[(int)((s / 8192) % (uint)list.Count)];

        private async Task OpenAsync(OfficerId actor, uint s)
        {
            var post = Chart.PostsActingFor(actor, Clock.GetUtcNow()).Select(p => p.Post).FirstOrDefault(p => Chart.CapacityFor(actor, p, Clock.GetUtcNow()) != ActingCapacity.None);
            if (post == default)
            {
                return;
            }

            var amount = (s / 64 % 3) switch { 0 => "50000", 1 => "200000", _ => "600000" };
            var file = (s / 256 % 3) switch
            {
                0 => new NewFile("D", "S", "GEN", "General"),
                1 => new NewFile("D", "S", "GPF", "GPF advance")
                {
                    ServiceId = "gpf", Applicant = Applicant,
                    Inputs = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
                    {
                        ["kind"] = "advance", ["purpose"] = "house", ["amount"] = amount, ["balance"] = "900000",
                    }),
                },
                _ => new NewFile("D", "S", "PAY", "Salary")
                {
                    ServiceId = "salary", Applicant = Applicant,
                    Inputs = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string> { ["payMonth"] = "2026-03", ["grossAmount"] = "56000" }),
                },
            };
            files.Add((await Engine.OpenFileAsync(actor, post, file)).Head.Id);
        }

        private void Build()
        {
            var office = new OfficeId("OFF");
            var builder = OrganisationChart.CreateBuilder().AddOffice(new Office(office, "Office"));
            var chain = new List<Post>();
            for (var level = Roles.Length; level >= 1; level--)
            {
                chain.Add(new Post(new PostId("P" + level), Roles[level - 1], level, office) { Role = Roles[level - 1] });
            }

            for (var i = 0; i < chain.Count; i++)
            {
                var post = i == 0 ? chain[i] : chain[i] with { ReportsTo = chain[i - 1].Id };
                builder.AddPost(post);
                posts.Add(post.Id);
            }

            var extra = new PostId("X1");
            builder.AddPost(new Post(extra, "Assistant", 1, office) { ReportsTo = new PostId("P2") });
            posts.Add(extra);
            foreach (var id in posts)
            {
                // The dealing assistant's post is always filled (files are opened there); others are vacant now and then.
                if (id.Value != "P1" && random.NextDouble() < 0.15)
                {
                    continue;
                }

                var officer = new OfficerId("o-" + id.Value);
                builder.AddOfficer(new Officer(officer, officer.Value)).Assign(officer, id, Start.AddYears(-1));
                officers.Add(officer);
            }

            if (random.NextDouble() < 0.6)
            {
                var from = posts[random.Next(posts.Count)];
                var to = posts.Where(p => p != from).ElementAt(random.Next(posts.Count - 1));
                var start = Start.AddHours(random.Next(0, 48));
                builder.Delegate(new Delegation(from, to, start, start.AddDays(random.Next(1, 20))) { Concurrent = random.NextDouble() < 0.5 });
            }

            builder.AddOfficer(new Officer(Admin, "Administrator") { IsAdministrator = true }).AddOfficer(new Officer(Applicant, "Applicant"));
            officers.Add(Admin);
            officers.Add(Applicant);
            Chart = builder.Build();
            foreach (var id in officers.Append(System))
            {
                var key = Keys.GetOrAdd(id.Value, k => SoftwareKey.Generate(k + "-ed25519", SignatureAlgorithms.Ed25519));
                Signers.Register(id, key.CreateSigner());
                Directory.Register(key, id);
            }

            Engine = new FileFlowEngine(Store, Signers, Chart, new FileFlowEngineOptions
            {
                TimeProvider = Clock,
                Services = Catalog,
                Routing = new ServiceRouting(Catalog),
            });
        }
    }
}
