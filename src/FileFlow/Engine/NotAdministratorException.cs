using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>An operation reserved for e-office administrators was attempted by another officer; nothing was stored.</summary>
public sealed class NotAdministratorException : FileFlowException
{
    /// <summary>Initializes a new instance naming the officer and the operation.</summary>
    public NotAdministratorException(OfficerId officer, string operation)
        : base($"Officer '{officer}' is not an administrator and may not {operation}.")
    {
        Officer = officer;
    }

    /// <summary>Gets the officer refused.</summary>
    public OfficerId Officer { get; }
}
