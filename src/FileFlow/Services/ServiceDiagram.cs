using System.Globalization;
using System.Text;

namespace FileFlow.Services;

/// <summary>Draws a service's route as a Mermaid flowchart: the steps up the hierarchy, who sanctions at which threshold, and the escalation to the appellate officers.</summary>
public static class ServiceDiagram
{
    /// <summary>Returns the route of <paramref name="service"/> as Mermaid.</summary>
    public static string ToMermaid(ServiceDefinition service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var b = new StringBuilder();
        b.Append("flowchart BT\n");
        b.Append(CultureInfo.InvariantCulture, $"    %% {service.Id} v{service.Version}: {service.NameEnglish} / {service.NameHindi}; {service.TimeLimit.Days} {(service.TimeLimit.WorkingDays ? "working" : "calendar")} days\n");
        b.Append("    applicant([Applicant]) -->|diarised| ").Append(Node(service.Route.Steps[0])).Append('\n');
        var authorities = new HashSet<string>(service.Route.Thresholds.Select(t => t.Authority)) { service.Route.Authority };
        var top = service.Route.Thresholds.Select(t => service.Route.Steps.IndexOf(t.Authority)).Append(service.Route.Steps.IndexOf(service.Route.Authority)).Max();
        for (var i = 0; i < top; i++)
        {
            b.Append("    ").Append(Node(service.Route.Steps[i])).Append(" -->|forward| ").Append(Node(service.Route.Steps[i + 1])).Append('\n');
        }

        var below = service.Route.Thresholds.Length == 0 ? "sanction" : $"sanction up to {Format(service.Route.Thresholds[0])}";
        b.Append("    ").Append(Id(service.Route.Authority)).Append(" -->|").Append(below).Append("| decided([Sanctioned / rejected with reasons])\n");
        foreach (var t in service.Route.Thresholds)
        {
            b.Append("    ").Append(Id(t.Authority)).Append(CultureInfo.InvariantCulture, $" -->|sanction above {Format(t)}| decided\n");
        }

        b.Append(CultureInfo.InvariantCulture, $"    late{{{{{service.TimeLimit.Days} days passed}}}} -.->|escalate| {Node(service.Appeals.FirstAppellate, "first appellate")}\n");
        b.Append(CultureInfo.InvariantCulture, $"    {Id(service.Appeals.FirstAppellate)} -.->|after {service.Appeals.FirstAppealDecisionDays} more days| {Node(service.Appeals.SecondAppellate, "second appellate")}\n");
        foreach (var role in authorities)
        {
            b.Append("    class ").Append(Id(role)).Append(" authority\n");
        }

        b.Append("    classDef authority stroke-width:3px\n");
        return b.ToString();
    }

    private static string Format(Threshold t) => string.Create(CultureInfo.InvariantCulture, $"{t.Above:0.##} {t.Unit} of {t.Input}");

    private static string Id(string role) => role.Replace("-", "_", StringComparison.Ordinal);

    private static string Node(string role, string? note = null) => $"{Id(role)}[\"{role}{(note is null ? string.Empty : $" ({note})")}\"]";
}
