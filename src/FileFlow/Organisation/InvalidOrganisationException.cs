namespace FileFlow.Organisation;

/// <summary>The organisation data is inconsistent: a duplicate, a dangling reference, a reporting cycle or an empty time range.</summary>
public sealed class InvalidOrganisationException : FileFlowException
{
    /// <summary>Initializes a new instance naming the problem.</summary>
    public InvalidOrganisationException(string message)
        : base(message)
    {
    }
}
