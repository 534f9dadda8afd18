using System.Collections.Immutable;
using FileFlow.Organisation;
using FileFlow.StoreContract;

namespace FileFlow.Tests.Services;

/// <summary>Valid sample applications for each of the ten services, and where each role sits in the test office.</summary>
internal static class ServiceSamples
{
    public static readonly IReadOnlyDictionary<string, ImmutableSortedDictionary<string, string>> Inputs = new Dictionary<string, ImmutableSortedDictionary<string, string>>
    {
        ["medical-leave"] = Of(("from", "2026-04-01"), ("to", "2026-04-10"), ("days", "10"), ("certificate", "MC/2026/118")),
        ["earned-leave"] = Of(("from", "2026-05-01"), ("to", "2026-05-15"), ("days", "15"), ("balance", "120")),
        ["pension"] = Of(("retirementDate", "2026-06-30"), ("qualifyingServiceYears", "33"), ("lastPay", "85000")),
        ["gpf"] = Of(("kind", "advance"), ("purpose", "marriage"), ("amount", "150000"), ("balance", "600000")),
        ["medical-reimbursement"] = Of(("amount", "42000"), ("hospital", "SGPGI Lucknow"), ("treatmentFrom", "2026-02-01"), ("treatmentTo", "2026-02-09")),
        ["salary"] = Of(("payMonth", "2026-03"), ("grossAmount", "56000")),
        ["acr-decision"] = Of(("year", "2025"), ("representationDate", "2026-03-15")),
        ["promotion-decision"] = Of(("toPost", "Senior Assistant"), ("eligibilityDate", "2026-01-01")),
        ["ta-bill"] = Of(("amount", "12000"), ("journeyFrom", "2026-03-02"), ("journeyTo", "2026-03-04")),
        ["annual-increment"] = Of(("dueDate", "2026-07-01"), ("currentPay", "56000")),
    };

    public static PostId PostOf(string role) => role switch
    {
        "dealing-assistant" => TestOffice.DealingAssistant,
        "section-officer" => TestOffice.SectionOfficer,
        "head-of-office" => TestOffice.UnderSecretary,
        "head-of-department" => TestOffice.JointSecretary,
        "administrative-department" => TestOffice.Secretary,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static ImmutableSortedDictionary<string, string> Of(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
