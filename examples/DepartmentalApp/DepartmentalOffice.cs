using System.Security.Cryptography.X509Certificates;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Pkcs11;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;

namespace DepartmentalApp;

/// <summary>One officer of the seeded directorate: who they are, the post they hold, their clearance and the label of their PKCS#11 token.</summary>
public sealed record StaffMember(OfficerId Officer, string Name, PostId Post, string Designation, SecurityGrading Clearance);

/// <summary>The seeded office: a directorate with a dealing assistant, section officer, head of office, head of department and the administrative department.</summary>
/// <remarks>Officers' keys live on their PKCS#11 tokens, never on the server: the server keeps only the trust anchor (the root certificate) and the
/// key of the system officer that signs escalations by operation of law (a service key, in a password-protected .pfx in the data directory).
/// For the demo, the first start can provision one SoftHSM2 token per officer (see <see cref="ProvisionDemoTokens"/>).</remarks>
public sealed class DepartmentalOffice
{
    public static readonly OfficeId Office = new("HEALTH-DTE");
    public static readonly PostId DealingAssistant = new("EST-DA");
    public static readonly PostId SectionOfficer = new("EST-SO");
    public static readonly PostId HeadOfOffice = new("CMO");
    public static readonly PostId HeadOfDepartment = new("DG-HEALTH");
    public static readonly PostId AdministrativeDepartment = new("PS-HEALTH");
    public static readonly PostId Pharmacist = new("CHC-PHARM");
    public static readonly OfficerId SystemOfficer = new("fileflow-system");

    private static readonly DateTimeOffset Since = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private DepartmentalOffice(OrganisationChart chart, ISigner systemSigner, CertificateSignatureVerifier verifier)
    {
        Chart = chart;
        SystemSigner = systemSigner;
        Verifier = verifier;
    }

    /// <summary>The officers who may sign in (the pharmacist as an employee who applies for services and may appeal); the dealing assistant is not cleared for confidential papers.</summary>
    public static IReadOnlyList<StaffMember> Staff { get; } =
    [
        new(new("ramesh"), "Ramesh Kumar", DealingAssistant, "Dealing Assistant (Establishment)", SecurityGrading.Normal),
        new(new("sunita"), "Sunita Verma", SectionOfficer, "Section Officer (Establishment)", SecurityGrading.Confidential),
        new(new("arvind"), "Dr Arvind Singh", HeadOfOffice, "Chief Medical Officer", SecurityGrading.Secret),
        new(new("meera"), "Dr Meera Iyer", HeadOfDepartment, "Director General, Health Services", SecurityGrading.Secret),
        new(new("rajiv"), "Rajiv Menon", AdministrativeDepartment, "Principal Secretary, Medical Health", SecurityGrading.TopSecret),
        new(new("mohan"), "Mohan Lal", Pharmacist, "Pharmacist, CHC Bakshi Ka Talab", SecurityGrading.Normal),
    ];

    /// <summary>Gets the organisation chart.</summary>
    public OrganisationChart Chart { get; }

    /// <summary>Gets the signer of the system officer (escalations).</summary>
    public ISigner SystemSigner { get; }

    /// <summary>Gets the verifier that checks every signature against the office's root certificate.</summary>
    public CertificateSignatureVerifier Verifier { get; }

    /// <summary>Loads the office from the data directory, creating the development root and the system officer's key the first time.</summary>
    /// <param name="dataDirectory">Where the root certificate and the system key are kept.</param>
    /// <param name="systemKeyPassword">The password of the system officer's .pfx.</param>
    /// <param name="time">The clock.</param>
    /// <param name="provision">Called once, on first start, with the development authority, to put officers' keys on their tokens; null when the tokens are issued elsewhere.</param>
    public static DepartmentalOffice LoadOrSeed(string dataDirectory, string systemKeyPassword, TimeProvider time, Action<DevelopmentCertificateAuthority>? provision)
    {
        var keys = Path.Combine(dataDirectory, "keys");
        Directory.CreateDirectory(keys);
        var rootPath = Path.Combine(keys, "root.cer");
        var systemPath = Path.Combine(keys, SystemOfficer.Value + ".pfx");
        if (!File.Exists(rootPath))
        {
            var now = time.GetUtcNow();
            var ca = DevelopmentCertificateAuthority.CreateRoot("FileFlow Departmental Development Root CA", now.AddDays(-1), now.AddYears(20));
            provision?.Invoke(ca);

            // The system officer's escalations verify only with a certificate that states FileFlow's System role.
            var system = ca.IssueServiceCertificate(ServiceRole.System, Request(SystemOfficer, "FileFlow System (escalations)", "System", now));
            File.WriteAllBytes(systemPath, system.ExportPkcs12(systemKeyPassword));
            File.WriteAllBytes(rootPath, ca.Root.Export(X509ContentType.Cert));
        }

        var trust = new CertificateTrustOptions();
        trust.TrustAnchors.Add(X509CertificateLoader.LoadCertificateFromFile(rootPath));
        return new DepartmentalOffice(BuildChart(), OfficerCredential.LoadPkcs12(systemPath, systemKeyPassword).CreateSigner(), new CertificateSignatureVerifier(trust));
    }

    /// <summary>Demo only: initialises one SoftHSM2 token per officer (in the module's free slot), generates the officer's key on it and stores the certificate the development authority issues.</summary>
    /// <param name="module">The PKCS#11 module (SoftHSM2).</param>
    /// <param name="labelOf">The token label of an officer.</param>
    /// <param name="securityOfficerPin">The security officer's PIN for the new tokens.</param>
    /// <param name="pin">The officers' user PIN for the new tokens (given at first start, never stored).</param>
    /// <param name="time">The clock.</param>
    public static Action<DevelopmentCertificateAuthority> ProvisionDemoTokens(Pkcs11Module module, Func<OfficerId, string> labelOf, string securityOfficerPin, string pin, TimeProvider time) =>
        ca =>
        {
            foreach (var staff in Staff)
            {
                var label = Pkcs11Provisioning.InitializeToken(module, labelOf(staff.Officer), securityOfficerPin, pin).Label;
                using var session = module.Login(label, pin);
                Pkcs11Provisioning.IssueOfficerKey(session, ca, Request(staff.Officer, staff.Name, staff.Designation, time.GetUtcNow()));
            }
        };

    /// <summary>Returns the staff member with that officer id, or null.</summary>
    public static StaffMember? Find(OfficerId officer) => Staff.FirstOrDefault(s => s.Officer == officer);

    private static OfficerCertificateRequest Request(OfficerId officer, string name, string designation, DateTimeOffset now) => new()
    {
        Officer = officer,
        Name = name,
        Designation = designation,
        Office = "Directorate of Health Services",
        State = "Uttar Pradesh",
        NotBefore = now.AddDays(-1),
        NotAfter = now.AddYears(2),
    };

    private static OrganisationChart BuildChart()
    {
        var builder = OrganisationChart.CreateBuilder()
            .AddOffice(new Office(Office, "Directorate of Health Services") { Sections = ["EST"] })
            .AddPost(new Post(AdministrativeDepartment, "Principal Secretary, Medical Health", 5, Office) { Role = "administrative-department" })
            .AddPost(new Post(HeadOfDepartment, "Director General, Health Services", 4, Office) { Role = "head-of-department", ReportsTo = AdministrativeDepartment })
            .AddPost(new Post(HeadOfOffice, "Chief Medical Officer", 3, Office) { Role = "head-of-office", ReportsTo = HeadOfDepartment, Section = "EST" })
            .AddPost(new Post(SectionOfficer, "Section Officer (Establishment)", 2, Office) { Role = "section-officer", ReportsTo = HeadOfOffice, Section = "EST" })
            .AddPost(new Post(DealingAssistant, "Dealing Assistant (Establishment)", 1, Office) { Role = "dealing-assistant", ReportsTo = SectionOfficer, Section = "EST" })
            .AddPost(new Post(Pharmacist, "Pharmacist, CHC Bakshi Ka Talab", 1, Office));
        foreach (var staff in Staff)
        {
            builder = builder.AddOfficer(new Officer(staff.Officer, staff.Name) { Clearance = staff.Clearance }).Assign(staff.Officer, staff.Post, Since);
        }

        return builder.AddOfficer(new Officer(SystemOfficer, "FileFlow System") { Clearance = SecurityGrading.TopSecret }).Build();
    }
}
