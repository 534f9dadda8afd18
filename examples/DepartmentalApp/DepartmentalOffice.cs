using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;

namespace DepartmentalApp;

/// <summary>The seeded office: a directorate with a dealing assistant, section officer, head of office, head of department and the administrative department, each officer holding a certificate from a development CA.</summary>
/// <remarks>On first start the CA issues every officer a certificate; the credentials are kept as password-protected .pfx files (and the root certificate) in the data folder, so signatures still verify after a restart.</remarks>
public sealed class DepartmentalOffice
{
    public static readonly OfficeId Office = new("HEALTH-DTE");
    public static readonly PostId DealingAssistant = new("EST-DA");
    public static readonly PostId SectionOfficer = new("EST-SO");
    public static readonly PostId HeadOfOffice = new("CMO");
    public static readonly PostId HeadOfDepartment = new("DG-HEALTH");
    public static readonly PostId AdministrativeDepartment = new("PS-HEALTH");
    public static readonly OfficerId SystemOfficer = new("fileflow-system");

    private static readonly DateTimeOffset Since = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private DepartmentalOffice(OrganisationChart chart, SignerRegistry signers, CertificateSignatureVerifier verifier)
    {
        Chart = chart;
        Signers = signers;
        Verifier = verifier;
    }

    /// <summary>The officers who may sign in, with the post each holds.</summary>
    public static IReadOnlyList<(OfficerId Officer, string Name, PostId Post, string Designation, string Role)> Staff { get; } =
    [
        (new("ramesh"), "Ramesh Kumar", DealingAssistant, "Dealing Assistant (Establishment)", "dealing-assistant"),
        (new("sunita"), "Sunita Verma", SectionOfficer, "Section Officer (Establishment)", "section-officer"),
        (new("arvind"), "Dr Arvind Singh", HeadOfOffice, "Chief Medical Officer", "head-of-office"),
        (new("meera"), "Dr Meera Iyer", HeadOfDepartment, "Director General, Health Services", "head-of-department"),
        (new("rajiv"), "Rajiv Menon", AdministrativeDepartment, "Principal Secretary, Medical Health", "administrative-department"),
    ];

    public OrganisationChart Chart { get; }

    public SignerRegistry Signers { get; }

    public CertificateSignatureVerifier Verifier { get; }

    /// <summary>Builds the chart and loads (or, the first time, issues and saves) the officers' credentials.</summary>
    public static DepartmentalOffice LoadOrSeed(string dataDirectory, string keyPassword, TimeProvider time)
    {
        var keys = Path.Combine(dataDirectory, "keys");
        Directory.CreateDirectory(keys);
        var rootPath = Path.Combine(keys, "root.cer");
        var officers = Staff.Select(s => (s.Officer, s.Name, s.Designation)).Append((SystemOfficer, "FileFlow System (escalations)", "System")).ToList();
        if (!File.Exists(rootPath))
        {
            var now = time.GetUtcNow();
            var ca = DevelopmentCertificateAuthority.CreateRoot("FileFlow Departmental Development Root CA", now.AddDays(-1), now.AddYears(20));
            foreach (var (officer, name, designation) in officers)
            {
                var request = new OfficerCertificateRequest
                {
                    Officer = officer,
                    Name = name,
                    Designation = designation,
                    Office = "Directorate of Health Services",
                    State = "Uttar Pradesh",
                    NotBefore = now.AddDays(-1),
                    NotAfter = now.AddYears(2),
                };

                // The system officer's escalations verify only with a certificate that states FileFlow's System role.
                var credential = officer == SystemOfficer ? ca.IssueServiceCertificate(ServiceRole.System, request) : ca.IssueOfficerCertificate(request);
                File.WriteAllBytes(Path.Combine(keys, officer.Value + ".pfx"), credential.ExportPkcs12(keyPassword));
            }

            File.WriteAllBytes(rootPath, ca.Root.Export(X509ContentType.Cert));
        }

        var signers = new SignerRegistry();
        foreach (var (officer, _, _) in officers)
        {
            signers.Register(officer, OfficerCredential.LoadPkcs12(Path.Combine(keys, officer.Value + ".pfx"), keyPassword).CreateSigner());
        }

        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(X509CertificateLoader.LoadCertificateFromFile(rootPath));
        return new DepartmentalOffice(BuildChart(), signers, new CertificateSignatureVerifier(trust));
    }

    private static OrganisationChart BuildChart()
    {
        var builder = OrganisationChart.CreateBuilder()
            .AddOffice(new Office(Office, "Directorate of Health Services") { Sections = ["EST"] })
            .AddPost(new Post(AdministrativeDepartment, "Principal Secretary, Medical Health", 5, Office) { Role = "administrative-department" })
            .AddPost(new Post(HeadOfDepartment, "Director General, Health Services", 4, Office) { Role = "head-of-department", ReportsTo = AdministrativeDepartment })
            .AddPost(new Post(HeadOfOffice, "Chief Medical Officer", 3, Office) { Role = "head-of-office", ReportsTo = HeadOfDepartment, Section = "EST" })
            .AddPost(new Post(SectionOfficer, "Section Officer (Establishment)", 2, Office) { Role = "section-officer", ReportsTo = HeadOfOffice, Section = "EST" })
            .AddPost(new Post(DealingAssistant, "Dealing Assistant (Establishment)", 1, Office) { Role = "dealing-assistant", ReportsTo = SectionOfficer, Section = "EST" });
        foreach (var (officer, name, post, _, _) in Staff)
        {
            builder = builder.AddOfficer(new Officer(officer, name)).Assign(officer, post, Since);
        }

        return builder.AddOfficer(new Officer(SystemOfficer, "FileFlow System")).Build();
    }
}
