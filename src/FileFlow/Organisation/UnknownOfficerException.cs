namespace FileFlow.Organisation;

/// <summary>An officer named in an action is not in the organisation chart.</summary>
public sealed class UnknownOfficerException : FileFlowException
{
    /// <summary>Initializes a new instance naming the officer.</summary>
    public UnknownOfficerException(OfficerId officer)
        : base($"Officer '{officer}' is not in the organisation chart.")
    {
        Officer = officer;
    }

    /// <summary>Gets the officer that was not found.</summary>
    public OfficerId Officer { get; }
}
