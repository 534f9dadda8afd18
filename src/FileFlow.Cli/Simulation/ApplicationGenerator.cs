using System.Collections.Immutable;
using System.Globalization;

namespace FileFlow.Cli.Simulation;

/// <summary>Makes valid inputs and a subject for an application to one of the ten built-in services.</summary>
internal static class ApplicationGenerator
{
    private static readonly string[] Hospitals = ["SMHS Hospital, Srinagar", "GMC Jammu", "SKIMS Soura", "District Hospital Anantnag", "AIIMS Awantipora"];
    private static readonly string[] Posts = ["Senior Assistant", "Head Assistant", "Section Officer", "Accounts Officer"];

    public static (ImmutableSortedDictionary<string, string> Inputs, string Subject) Create(string serviceId, Random random, DateOnly today, string applicant)
    {
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string subject;
        switch (serviceId)
        {
            case "acr-decision":
                inputs["year"] = Int(today.Year - 1);
                inputs["representationDate"] = Date(today.AddDays(-random.Next(1, 30)));
                subject = $"Representation against ACR {today.Year - 1} of {applicant}";
                break;
            case "annual-increment":
                inputs["dueDate"] = Date(today.AddDays(random.Next(0, 30)));
                inputs["currentPay"] = Int(random.Next(25_000, 150_000));
                subject = $"Annual increment of {applicant}";
                break;
            case "earned-leave":
            {
                var days = random.NextDouble() < 0.1 ? random.Next(31, 60) : random.Next(1, 21);
                var from = today.AddDays(random.Next(3, 30));
                inputs["from"] = Date(from);
                inputs["to"] = Date(from.AddDays(days - 1));
                inputs["days"] = Int(days);
                inputs["balance"] = Int(days + random.Next(0, 200));
                subject = $"Earned leave of {applicant}, {days} days";
                break;
            }

            case "gpf":
            {
                var amount = random.NextDouble() switch { < 0.05 => random.Next(500_001, 900_000), < 0.2 => random.Next(100_001, 500_000), _ => random.Next(10_000, 100_000) };
                inputs["kind"] = random.Next(2) == 0 ? "advance" : "withdrawal";
                inputs["purpose"] = new[] { "illness", "education", "marriage", "house", "other" }[random.Next(5)];
                inputs["amount"] = Int(amount);
                inputs["balance"] = Int(amount + random.Next(0, 400_000));
                subject = $"GPF {inputs["kind"]} of Rs {amount} for {applicant}";
                break;
            }

            case "medical-leave":
            {
                var days = random.NextDouble() < 0.05 ? random.Next(61, 120) : random.Next(2, 30);
                var from = today.AddDays(-random.Next(0, 10));
                inputs["from"] = Date(from);
                inputs["to"] = Date(from.AddDays(days - 1));
                inputs["days"] = Int(days);
                inputs["certificate"] = "Medical certificate from " + Hospitals[random.Next(Hospitals.Length)];
                subject = $"Medical leave of {applicant}, {days} days";
                break;
            }

            case "medical-reimbursement":
            {
                var amount = random.NextDouble() switch { < 0.03 => random.Next(200_001, 400_000), < 0.15 => random.Next(50_001, 200_000), _ => random.Next(2_000, 50_000) };
                var from = today.AddDays(-random.Next(20, 90));
                inputs["amount"] = Int(amount);
                inputs["hospital"] = Hospitals[random.Next(Hospitals.Length)];
                inputs["treatmentFrom"] = Date(from);
                inputs["treatmentTo"] = Date(from.AddDays(random.Next(0, 15)));
                subject = $"Medical reimbursement of Rs {amount} to {applicant}";
                break;
            }

            case "pension":
                inputs["retirementDate"] = Date(today.AddDays(random.Next(30, 180)));
                inputs["qualifyingServiceYears"] = Int(random.Next(10, 40));
                inputs["lastPay"] = Int(random.Next(40_000, 200_000));
                subject = $"Pension case of {applicant}";
                break;
            case "promotion-decision":
                inputs["toPost"] = Posts[random.Next(Posts.Length)];
                inputs["eligibilityDate"] = Date(today.AddDays(-random.Next(0, 365)));
                subject = $"Promotion of {applicant} to {inputs["toPost"]}";
                break;
            case "salary":
                inputs["payMonth"] = today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
                inputs["grossAmount"] = Int(random.Next(25_000, 200_000));
                subject = $"Salary of {applicant} for {inputs["payMonth"]}";
                break;
            case "ta-bill":
            {
                var amount = random.NextDouble() < 0.1 ? random.Next(25_001, 60_000) : random.Next(800, 25_000);
                var from = today.AddDays(-random.Next(5, 60));
                inputs["amount"] = Int(amount);
                inputs["journeyFrom"] = Date(from);
                inputs["journeyTo"] = Date(from.AddDays(random.Next(0, 10)));
                subject = $"TA bill of Rs {amount} of {applicant}";
                break;
            }

            default:
                subject = $"Application of {applicant} ({serviceId})";
                break;
        }

        return (inputs.ToImmutableSortedDictionary(StringComparer.Ordinal), subject);
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
