using System.Collections.Immutable;

namespace FileFlow.Documents;

/// <summary>What an officer supplies to open a file: where it is numbered, its subject, and the service it is for with that service's inputs.</summary>
/// <param name="Department">The department code of the file number.</param>
/// <param name="Section">The section code of the file number.</param>
/// <param name="SubjectHead">The subject head of the file number.</param>
/// <param name="Subject">The file's subject, in any script (Devanagari included).</param>
public sealed record NewFile(string Department, string Section, string SubjectHead, string Subject)
{
    /// <summary>Gets the identifier of the service-guarantee service this file is for, or <see langword="null"/> for a general file.</summary>
    public string? ServiceId { get; init; }

    /// <summary>Gets the service's inputs (for example <c>from</c>, <c>to</c>, <c>amount</c>), signed into the file's creation record.</summary>
    public ImmutableSortedDictionary<string, string> Inputs { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets the diarised application (receipt) the file is opened on; a service's clock starts when it was diarised.</summary>
    /// <value><see langword="null"/> by default: the clock starts when the file is opened.</value>
    public DocumentId? Application { get; init; }

    /// <summary>Gets the employee who applies for the service; they may appeal a rejection or a default.</summary>
    public Organisation.OfficerId? Applicant { get; init; }

    /// <summary>Gets the file's security grading.</summary>
    /// <value><see cref="SecurityGrading.Normal"/> by default.</value>
    public SecurityGrading Grading { get; init; }
}
