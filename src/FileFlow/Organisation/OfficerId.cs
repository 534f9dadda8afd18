namespace FileFlow.Organisation;

/// <summary>Identifies an officer (a person) for the length of their service, for example an employee code.</summary>
/// <param name="Value">The identifier text; not empty.</param>
public readonly record struct OfficerId(string Value)
{
    /// <summary>Returns the identifier text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
