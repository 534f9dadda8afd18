using FileFlow.Documents;

namespace FileFlow.Instances;

/// <summary>A bundle from another instance was refused: from an untrusted instance, tampered with, not addressed here, or not continuing this instance's
/// history of the file; it names the record at fault (-1 when the bundle as a whole is); nothing was stored.</summary>
public sealed class InstanceTransferRejectedException : FileFlowException
{
    /// <summary>Initializes a new instance naming the bundle, the document, the record and the problem.</summary>
    public InstanceTransferRejectedException(string bundle, DocumentId documentId, long sequence, string problem)
        : base($"Bundle '{Path.GetFileName(bundle)}' refused: document {documentId} record {sequence}: {problem}")
    {
        Bundle = bundle;
        DocumentId = documentId;
        Sequence = sequence;
        Problem = problem;
    }

    /// <summary>Gets the bundle's path.</summary>
    public string Bundle { get; }

    /// <summary>Gets the document at fault.</summary>
    public DocumentId DocumentId { get; }

    /// <summary>Gets the record at fault, or -1 when the bundle as a whole is.</summary>
    public long Sequence { get; }

    /// <summary>Gets what is wrong.</summary>
    public string Problem { get; }
}
