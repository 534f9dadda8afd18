namespace FileFlow.Documents;

/// <summary>What the diary clerk records when a letter or application arrives.</summary>
/// <param name="Section">The diarising section's code; the diary number is allocated in it.</param>
/// <param name="ReceivedFrom">Who sent the letter (name, designation, office).</param>
/// <param name="LetterDate">The date written on the letter.</param>
/// <param name="Subject">The letter's subject, in any script.</param>
/// <param name="Medium">Whether it arrived electronically or on paper.</param>
public sealed record NewReceipt(string Section, string ReceivedFrom, DateOnly LetterDate, string Subject, ReceiptMedium Medium)
{
    /// <summary>Gets the receipt's security grading.</summary>
    /// <value><see cref="SecurityGrading.Normal"/> by default.</value>
    public SecurityGrading Grading { get; init; }

    /// <summary>Gets further attributes to sign into the receipt's creation record (application-specific keys, such as the hash of the scanned letter); FileFlow's own keys are refused.</summary>
    public System.Collections.Immutable.ImmutableSortedDictionary<string, string> Attributes { get; init; } =
        System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty;
}
