using FileFlow.Records;

namespace FileFlow.Signing.Certificates;

/// <summary>The signer certificate's service role does not fit what it signed: the system officer's record without the <see cref="ServiceRole.System"/>
/// role, or an officer's record signed by a service certificate.</summary>
public sealed class WrongServiceRoleException : CertificateSignatureException
{
    /// <summary>Initializes a new instance naming the record, the reason and the role the record required (<see langword="null"/>: none, an officer's).</summary>
    public WrongServiceRoleException(TransitionRecord record, string reason, ServiceRole? expectedRole)
        : base(record, SignatureFailure.WrongRole, reason)
    {
        ExpectedRole = expectedRole;
    }

    /// <summary>Gets the role the signer certificate had to state, or <see langword="null"/> when it had to state none (an officer's record).</summary>
    public ServiceRole? ExpectedRole { get; }
}
