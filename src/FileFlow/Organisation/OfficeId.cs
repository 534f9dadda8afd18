namespace FileFlow.Organisation;

/// <summary>Identifies an office (a directorate, a district office, a tehsil).</summary>
/// <param name="Value">The identifier text; not empty.</param>
public readonly record struct OfficeId(string Value)
{
    /// <summary>Returns the identifier text.</summary>
    public override string ToString() => Value ?? string.Empty;
}
