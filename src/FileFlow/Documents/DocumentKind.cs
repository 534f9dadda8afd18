namespace FileFlow.Documents;

/// <summary>The kinds of document FileFlow moves; each kind has its own state machine.</summary>
public enum DocumentKind
{
    /// <summary>An e-file: the case, with a file number, a subject and (optionally) the service it is for.</summary>
    File = 1,

    /// <summary>A noting: numbered paragraphs an officer writes on a file.</summary>
    Noting = 2,

    /// <summary>A receipt: an incoming letter or application, diarised with a diary number.</summary>
    Receipt = 3,

    /// <summary>A draft for approval (DFA): a reply or order drafted inside a file, approved by the competent authority, then issued or dispatched.</summary>
    DraftForApproval = 4,
}
