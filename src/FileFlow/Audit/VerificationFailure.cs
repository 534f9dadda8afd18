using FileFlow.Documents;

namespace FileFlow.Audit;

/// <summary>The first bad record of a document: which document, which sequence number, what is wrong.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Sequence">The sequence number of the bad record (-1 when the document as a whole is affected).</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Reason">A one-line explanation.</param>
public sealed record VerificationFailure(DocumentId DocumentId, long Sequence, VerificationFailureKind Kind, string Reason)
{
    /// <summary>Returns "document D record S: kind: reason".</summary>
    public override string ToString() => $"document {DocumentId} record {Sequence}: {Kind}: {Reason}";
}
