using FileFlow.Audit;
using FileFlow.Authority;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.StoreContract;
using FileFlow.Tests.Signing;

namespace FileFlow.Tests.Audit.Copies;

/// <summary>A CMS-signing office with a public information officer, and a file with a Hindi noting, a second noting and a confidential letter put up in it.</summary>
public sealed class CertifiedCopyScenario
{
    public static readonly PostId Pio = new("PIO");
    public static readonly OfficerId Priya = new("priya");

    /// <summary>Text that appears only in the confidential letter's subject.</summary>
    public const string SecretSubject = "Informant letter XYZ-SECRET-RECEIPT about the applicant";

    /// <summary>Text that appears only in the withheld paragraph of the first noting.</summary>
    public const string SecretParagraph = "Medical history WITHHELD-PARA-TEXT of the applicant's family.";

    /// <summary>Devanagari text released in the first noting.</summary>
    public const string HindiParagraph = "आवेदक ने दस दिन का चिकित्सा अवकाश माँगा है।";

    private CertifiedCopyScenario(TestOffice office) => Office = office;

    public TestOffice Office { get; }

    public DocumentId File { get; private set; }

    public DocumentId Letter { get; private set; }

    public DocumentId FirstNoting { get; private set; }

    public DocumentId SecondNoting { get; private set; }

    public DocumentId Unrelated { get; private set; }

    public DocumentId UnrelatedNoting { get; private set; }

    public AuthorityPolicy Authority => new(Office.Chart);

    /// <summary>The office with a PIO post (role public-information-officer) held by Priya, every officer signing CMS with a development-CA certificate.</summary>
    public static TestOffice CmsOfficeWithPio(FileFlow.Storage.IDocumentStore? store = null)
    {
        var office = TestOffice.Create(store, extend: b => b
            .AddPost(new Post(Pio, "Public Information Officer", 3, new OfficeId("HEALTH-DTE")) { Role = AuthorityPolicy.PublicInformationOfficerRole, ReportsTo = TestOffice.JointSecretary })
            .AddOfficer(new Officer(Priya, "Priya Nair") { Clearance = SecurityGrading.Secret })
            .Assign(Priya, Pio, TestOffice.Start.AddYears(-1)));
        foreach (var officer in office.Chart.Officers)
        {
            office.Signers.Register(officer.Id, DevPki.For(officer.Id).CreateSigner());
        }

        return office;
    }

    /// <summary>The file, routed to approval: noting 1 (Hindi, with a private paragraph), noting 2, then a confidential letter put up in it.</summary>
    public static async Task<CertifiedCopyScenario> CreateAsync(TestOffice? office = null)
    {
        var s = new CertifiedCopyScenario(office ?? CmsOfficeWithPio());
        var o = s.Office;
        var unrelated = await o.OpenFileAsync("Earned leave of Smt Sunita Verma");
        s.Unrelated = unrelated.Id;
        s.UnrelatedNoting = (await o.Engine.WriteNotingAsync(TestOffice.Ramesh, unrelated.Id, NotingContent.Number("Unrelated note."))).Head.Id;
        var letter = await o.Engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant,
            TestOffice.LeaveApplication() with { Subject = SecretSubject, Grading = SecurityGrading.Confidential });
        s.Letter = letter.Head.Id;
        o.Tick();
        await o.FireAsync(s.Letter, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        var file = await o.OpenFileAsync("चिकित्सा अवकाश: Shri Ramesh Kumar");
        s.File = file.Id;
        s.FirstNoting = (await o.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number(HindiParagraph, SecretParagraph, "The leave is admissible under rule 19."))).Head.Id;
        o.Tick();
        await o.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        s.SecondNoting = (await o.Engine.WriteNotingAsync(TestOffice.Sunita, file.Id, NotingContent.Number("Recommended. अवकाश स्वीकृत किया जा सकता है।"))).Head.Id;
        o.Tick();
        await o.Engine.FireAsync(new DocumentAction(file.Id, DocumentTrigger.AttachReceipt, TestOffice.Sunita) { Receipt = s.Letter });
        o.Tick();
        await o.FireAsync(file.Id, DocumentTrigger.Forward, TestOffice.Sunita, TestOffice.UnderSecretary);
        await o.FireAsync(file.Id, DocumentTrigger.Approve, TestOffice.Arvind);
        return s;
    }

    /// <summary>Priya withholds the letter under 8(1)(g) and the first noting's second paragraph under 8(1)(j).</summary>
    public async Task WithholdAsync()
    {
        await Office.Engine.FireAsync(new DocumentAction(File, DocumentTrigger.Withhold, Priya)
        {
            Withholding = new Withholding(Letter, RtiExemption.Parse("8(1)(g)")),
            Reason = "would identify a source of information given in confidence",
        });
        Office.Tick();
        await Office.Engine.FireAsync(new DocumentAction(File, DocumentTrigger.Withhold, Priya)
        {
            Withholding = new Withholding(FirstNoting, RtiExemption.Parse("8(1)(j)")) { Paragraph = 2 },
            Reason = "personal information of a third party",
        });
        Office.Tick();
    }

    public CertifiedCopyOptions Options(OfficerId? officer = null) => new()
    {
        Officer = officer ?? Priya,
        Signer = DevPki.For(officer ?? Priya).CreateSigner(),
        Authority = Authority,
        Request = "RTI application DHS/RTI/2026/118",
        TimeProvider = Office.Clock,
    };

    public static string NewTempPath() => Path.Combine(Path.GetTempPath(), "fileflow-copy-" + Guid.NewGuid().ToString("N"));
}
