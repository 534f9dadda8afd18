using System.Text.Json.Serialization;

namespace FileFlow.Cli.Infrastructure;

/// <summary>
/// The one JSON shape of every list the tool prints with <c>--json</c>: the items shown, how many match in all, and the token
/// that continues the listing (<c>--after TOKEN</c>), <c>null</c> on the last page.
/// </summary>
internal sealed record JsonList<T>(IReadOnlyList<T> Items, long Total, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Next)
{
    /// <summary>Gets the time the list is as of, for lists that depend on it (pending files).</summary>
    public DateTimeOffset? AsOf { get; init; }
}
