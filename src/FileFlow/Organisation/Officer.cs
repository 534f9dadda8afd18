namespace FileFlow.Organisation;

/// <summary>An officer: a person who holds posts over time and signs with their own key.</summary>
/// <param name="Id">The officer's identifier.</param>
/// <param name="Name">The officer's name as on their signing certificate.</param>
public sealed record Officer(OfficerId Id, string Name)
{
    /// <summary>Gets the highest security grading the officer may see.</summary>
    /// <value><see cref="Documents.SecurityGrading.Normal"/> by default.</value>
    public Documents.SecurityGrading Clearance { get; init; }

    /// <summary>Gets whether the officer is an e-office administrator (may close any file and transfer a departing officer's documents).</summary>
    public bool IsAdministrator { get; init; }
}
