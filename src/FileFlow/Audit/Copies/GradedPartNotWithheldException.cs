using FileFlow.Documents;

namespace FileFlow.Audit;

/// <summary>A part of a file is graded above the clearance a certified copy is released at and has not been withheld; nothing was written.</summary>
public sealed class GradedPartNotWithheldException : FileFlowException
{
    /// <summary>Initializes a new instance naming the file, the part, its grading and the clearance.</summary>
    public GradedPartNotWithheldException(DocumentId file, DocumentId part, SecurityGrading grading, SecurityGrading clearance)
        : base(part == file
            ? $"File {file} is graded {grading}, above the copy's clearance {clearance}; it cannot be copied at that clearance."
            : $"Document {part} of file {file} is graded {grading}, above the copy's clearance {clearance}; withhold it (Withhold, citing a clause of section 8(1)) before certifying a copy.")
    {
        File = file;
        Part = part;
        Grading = grading;
        Clearance = clearance;
    }

    /// <summary>Gets the file.</summary>
    public DocumentId File { get; }

    /// <summary>Gets the graded part.</summary>
    public DocumentId Part { get; }

    /// <summary>Gets its grading.</summary>
    public SecurityGrading Grading { get; }

    /// <summary>Gets the clearance the copy was asked for at.</summary>
    public SecurityGrading Clearance { get; }
}
