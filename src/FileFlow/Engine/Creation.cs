using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>A document to create (a file, receipt or noting): who creates it for which post, and what its creation record carries.</summary>
internal sealed record Creation(
    DocumentKind Kind, OfficerId Actor, PostId AsPost, Guid ActionId, ActionRequest Request, DateTimeOffset At, ImmutableSortedDictionary<string, string> Attributes)
{
    /// <summary>Gets the content the creation record commits to (a noting's paragraphs).</summary>
    public ReadOnlyMemory<byte>? Content { get; init; }

    /// <summary>Gets the register number the record carries, allocated only once every check has passed: its attribute key and value.</summary>
    public Func<RegisterNumbers, CancellationToken, ValueTask<(string Key, string Value)>>? Number { get; init; }
}
