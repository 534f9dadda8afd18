namespace FileFlow.Signing;

/// <summary>The outcome of checking one signature: valid, or the kind of failure with a reason.</summary>
/// <param name="Failure">The kind of failure, or <see cref="SignatureFailure.None"/> when valid.</param>
/// <param name="Reason">A one-line reason, empty when valid.</param>
public readonly record struct SignatureCheck(SignatureFailure Failure, string Reason)
{
    /// <summary>Gets a valid result.</summary>
    public static SignatureCheck Valid { get; } = new(SignatureFailure.None, string.Empty);

    /// <summary>Gets whether the signature is valid.</summary>
    public bool IsValid => Failure == SignatureFailure.None;

    /// <summary>Creates a failed result.</summary>
    public static SignatureCheck Fail(SignatureFailure failure, string reason) => new(failure, reason);
}
