namespace FileFlow.Documents;

/// <summary>Facts about states that queries and reports share.</summary>
public static class DocumentStates
{
    /// <summary>Gets the states in which a document of any kind needs no more action: closed, discarded, or put in a file.</summary>
    public static IReadOnlyList<DocumentState> Finished { get; } = [DocumentState.Closed, DocumentState.Discarded, DocumentState.Attached];

    /// <summary>Gets the states in which a noting is frozen into its file: it travels with the file and waits in no one's inbox.</summary>
    public static IReadOnlyList<DocumentState> FrozenNoting { get; } = [DocumentState.Forwarded, DocumentState.Approved, DocumentState.Rejected];

    /// <summary>Gets the states in which a draft for approval has done its work: issued inside the system or dispatched outside.</summary>
    public static IReadOnlyList<DocumentState> SentDraft { get; } = [DocumentState.Issued, DocumentState.Dispatched];

    /// <summary>Returns whether a document of <paramref name="kind"/> in <paramref name="state"/> is pending: it still needs action from its holder (a frozen noting or an issued draft does not).</summary>
    public static bool IsPending(DocumentKind kind, DocumentState state) =>
        state != DocumentState.None
        && !Finished.Contains(state)
        && state != DocumentState.TransferredOut
        && !(kind == DocumentKind.Noting && FrozenNoting.Contains(state))
        && !(kind == DocumentKind.DraftForApproval && SentDraft.Contains(state));
}
