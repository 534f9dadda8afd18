// A section's medical-leave sanction, end to end: diarise the application, open a file, note, forward up the
// hierarchy, sanction, return for issue, close — every step signed — then print the movement trail and verify it.
// begin-snippet: quickstart
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Storage;

var start = new DateTimeOffset(2026, 4, 1, 9, 30, 0, TimeSpan.Zero);
var clock = new ManualClock(start);   // a TimeProvider the example moves by hand (the class is at the end of this file)

// 1. The organisation: an office, four posts in a reporting chain, the officers holding them.
var office = new OfficeId("HEALTH-DTE");
PostId da = new("EST-DA"), so = new("EST-SO"), us = new("EST-US"), js = new("EST-JS");
var chart = OrganisationChart.CreateBuilder()
    .AddOffice(new Office(office, "Directorate of Health Services") { Sections = ["EST"] })
    .AddPost(new Post(js, "Joint Secretary", 4, office))
    .AddPost(new Post(us, "Under Secretary", 3, office) { ReportsTo = js })
    .AddPost(new Post(so, "Section Officer", 2, office) { ReportsTo = us })
    .AddPost(new Post(da, "Dealing Assistant", 1, office) { ReportsTo = so })
    .AddOfficer(new Officer(new("ramesh"), "Ramesh Kumar")).Assign(new("ramesh"), da, start.AddYears(-3))
    .AddOfficer(new Officer(new("sunita"), "Sunita Verma")).Assign(new("sunita"), so, start.AddYears(-3))
    .AddOfficer(new Officer(new("arvind"), "Arvind Singh")).Assign(new("arvind"), us, start.AddYears(-3))
    .AddOfficer(new Officer(new("meera"), "Meera Iyer")).Assign(new("meera"), js, start.AddYears(-3))
    .Build();

// 2. Every officer signs with their own key (RSA-2048/SHA-256, the Indian DSC profile); verifiers know the public halves.
var signers = new SignerRegistry();
var keys = new PublicKeyDirectory();
foreach (var officer in chart.Officers)
{
    var key = SoftwareKey.Generate($"{officer.Id}-dsc", SignatureAlgorithms.Rsa2048Sha256);
    signers.Register(officer.Id, key.CreateSigner());
    keys.Register(key, officer.Id);
}

// 3. The engine over a store; time comes from a TimeProvider.
var store = new InMemoryDocumentStore();
var engine = new FileFlowEngine(store, signers, chart, new FileFlowEngineOptions { TimeProvider = clock });

// 4. Diarise the application, open a file, put the receipt in it and write a noting.
var receipt = await engine.DiariseReceiptAsync(new("ramesh"), da,
    new NewReceipt("EST", "Shri Mohan Lal, Pharmacist", new DateOnly(2026, 3, 30), "चिकित्सा अवकाश हेतु आवेदन (medical leave, 10 days)", ReceiptMedium.Electronic));
var file = await engine.OpenFileAsync(new("ramesh"), da, new NewFile("HEALTH", "EST", "LEAVE", "Medical leave of Shri Mohan Lal, Pharmacist"));
var id = file.Head.Id;
await engine.FireAsync(new DocumentAction(id, DocumentTrigger.AttachReceipt, new("ramesh")) { Receipt = receipt.Head.Id });
await engine.WriteNotingAsync(new("ramesh"), id, NotingContent.Number(
    "Shri Mohan Lal has applied for 10 days' medical leave from 01.04.2026 with a medical certificate.",
    "Leave is due under the rules. Put up for sanction."));

// 5. Forward up the hierarchy, sanction, return for issue of the order, close.
clock.Advance(TimeSpan.FromHours(1));
await engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, new("ramesh")) { Recipient = so });
clock.Advance(TimeSpan.FromHours(3));
await engine.WriteNotingAsync(new("sunita"), id, NotingContent.Number("Recommended for sanction."));
await engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, new("sunita")) { Recipient = us });
clock.Advance(TimeSpan.FromHours(20));
await engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, new("arvind")) { Recipient = js });
clock.Advance(TimeSpan.FromHours(2));
await engine.FireAsync(new DocumentAction(id, DocumentTrigger.Approve, new("meera")) { Reason = "Sanctioned." });
await engine.FireAsync(new DocumentAction(id, DocumentTrigger.Return, new("meera")) { Recipient = da });
clock.Advance(TimeSpan.FromHours(1));
await engine.FireAsync(new DocumentAction(id, DocumentTrigger.Close, new("ramesh")));

// 6. The signed movement trail as the deciding officer sees it, and an auditor's verification of the whole store.
await foreach (var step in engine.HistoryAsync(id, new("meera")))
{
    var r = step.Record;
    Console.WriteLine($"{r.Sequence,2} {r.OccurredAt:yyyy-MM-dd HH:mm} {r.Trigger,-13} {r.From,-9} -> {r.To,-9} by {r.Actor} ({r.ActingAs}) to {r.Holder}  sig {step.Signature.Algorithm} {step.Hash.ToString()[..12]}");
}

var report = await new StoreVerifier(keys, chart).VerifyAllAsync(store);
Console.WriteLine(report.IsValid
    ? $"Verified: {report.Records} signed records in {report.Documents} documents; chain, signatures, machine and authority all hold."
    : $"NOT VERIFIED: {string.Join("; ", report.Failures)}");
return report.IsValid ? 0 : 1;

/// <summary>A clock the example moves by hand, so the trail shows realistic times.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
// end-snippet
