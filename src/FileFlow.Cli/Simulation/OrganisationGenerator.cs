using System.Globalization;

namespace FileFlow.Cli.Simulation;

/// <summary>Generates an organisation: offices with sections, the five service roles in reporting chains, one officer per post, and leave (current-charge delegations) during the simulated period.</summary>
/// <remarks>
/// Each office has a head of office and one or two sections (establishment, accounts), each with a section officer and two dealing assistants.
/// Ten offices share a head of department; a hundred share an administrative department. At 3,804 offices that is about 21,000 officers.
/// </remarks>
internal static class OrganisationGenerator
{
    public const string DealingAssistant = "dealing-assistant";
    public const string SectionOfficer = "section-officer";
    public const string HeadOfOffice = "head-of-office";
    public const string HeadOfDepartment = "head-of-department";
    public const string AdministrativeDepartment = "administrative-department";

    private static readonly string[] FirstNames =
    [
        "Aarav", "Aditi", "Amit", "Anjali", "Arjun", "Bilal", "Deepa", "Farah", "Gaurav", "Harpreet", "Imran", "Jyoti", "Kavita", "Manoj",
        "Meera", "Mohan", "Nazia", "Neha", "Pooja", "Rahul", "Rajesh", "Ramesh", "Rekha", "Sahil", "Sanjay", "Shabnam", "Sunita", "Tariq",
        "Usha", "Vikram", "Yasmin", "Zubair",
    ];

    private static readonly string[] LastNames =
    [
        "Bhat", "Dar", "Gupta", "Iyer", "Kaul", "Khan", "Kumar", "Lone", "Malik", "Mir", "Nair", "Pandit", "Qureshi", "Raina", "Rao", "Shah",
        "Sharma", "Singh", "Sofi", "Verma", "Wani", "Zargar",
    ];

    public static OrganisationFile Generate(int offices, int seed, DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(offices, 1);
        var random = new Random(SimulationSeed.For(seed, 0x0F6A));
        var officeList = new List<OrganisationFile.OfficeEntry>(offices);
        var posts = new List<OrganisationFile.PostEntry>(offices * 6);
        var officers = new List<OrganisationFile.OfficerEntry>(offices * 6);
        var assignments = new List<OrganisationFile.AssignmentEntry>(offices * 6);
        var delegations = new List<OrganisationFile.DelegationEntry>();
        var since = start.AddYears(-3);

        void AddPost(string id, string designation, int level, string office, string? section, string role, string? reportsTo)
        {
            posts.Add(new OrganisationFile.PostEntry(id, designation, level, office, section, role, reportsTo));
            var officer = "o-" + id.ToLowerInvariant();
            officers.Add(new OrganisationFile.OfficerEntry(officer, $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}"));
            assignments.Add(new OrganisationFile.AssignmentEntry(officer, id, since, null));
        }

        void Leave(string post, string actingPost)
        {
            // About one post in four goes on leave once during the period; the named post holds current charge meanwhile.
            if (random.NextDouble() >= 0.25 || days < 2)
            {
                return;
            }

            var begin = start.AddHours(random.Next(0, days * 24));
            var end = begin.AddDays(random.Next(3, 15));
            delegations.Add(new OrganisationFile.DelegationEntry(post, actingPost, begin, end));
        }

        for (var i = 0; i < offices; i++)
        {
            var office = Id("OFF", i, 4);
            var department = Id("HOD", i / 10, 3);
            var admin = Id("ADM", i / 100, 2);
            if (i % 100 == 0)
            {
                officeList.Add(new OrganisationFile.OfficeEntry(admin, $"Administrative Department {(i / 100) + 1}", []));
                AddPost(admin, "Principal Secretary", 5, admin, null, AdministrativeDepartment, null);
            }

            if (i % 10 == 0)
            {
                officeList.Add(new OrganisationFile.OfficeEntry(department, $"Directorate {(i / 10) + 1}", []));
                AddPost(department, "Director", 4, department, null, HeadOfDepartment, admin);
                Leave(department, admin);
            }

            var sections = i % 2 == 0 ? new[] { "EST" } : ["EST", "ACC"];
            officeList.Add(new OrganisationFile.OfficeEntry(office, $"Office {i + 1}", [.. sections]));
            var head = office + "-HOO";
            AddPost(head, "Head of Office", 3, office, null, HeadOfOffice, department);
            Leave(head, department);
            foreach (var section in sections)
            {
                var so = $"{office}-{section}-SO";
                AddPost(so, "Section Officer", 2, office, section, SectionOfficer, head);
                Leave(so, head);
                var da1 = $"{office}-{section}-DA1";
                var da2 = $"{office}-{section}-DA2";
                AddPost(da1, "Dealing Assistant", 1, office, section, DealingAssistant, so);
                AddPost(da2, "Dealing Assistant", 1, office, section, DealingAssistant, so);
                Leave(da1, da2);
                Leave(da2, da1);
            }
        }

        return new OrganisationFile { Offices = officeList, Posts = posts, Officers = officers, Assignments = assignments, Delegations = delegations };
    }

    private static string Id(string prefix, int n, int width) => prefix + (n + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
}
