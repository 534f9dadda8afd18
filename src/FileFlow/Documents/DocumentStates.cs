namespace FileFlow.Documents;

/// <summary>Facts about states that queries and reports share.</summary>
public static class DocumentStates
{
    /// <summary>Gets the states in which a document needs no more action: closed, discarded, or put in a file.</summary>
    public static IReadOnlyList<DocumentState> Finished { get; } = [DocumentState.Closed, DocumentState.Discarded, DocumentState.Attached];

    /// <summary>Returns whether a document in <paramref name="state"/> is pending (still needs action).</summary>
    public static bool IsPending(DocumentState state) => state is not (DocumentState.Closed or DocumentState.Discarded or DocumentState.Attached or DocumentState.None);
}
