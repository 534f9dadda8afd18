namespace FileFlow.Organisation;

/// <summary>An officer: a person who holds posts over time and signs with their own key.</summary>
/// <param name="Id">The officer's identifier.</param>
/// <param name="Name">The officer's name as on their signing certificate.</param>
public sealed record Officer(OfficerId Id, string Name);
