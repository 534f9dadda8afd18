namespace FileFlow.Audit;

/// <summary>An export bundle cannot be read: its manifest is missing or malformed, of an unknown format version, or names files outside the bundle.</summary>
/// <remarks>Problems with individual records (damaged bytes, bad signatures, missing files) are reported in the <see cref="VerificationReport"/> instead.</remarks>
public sealed class BundleFormatException : FileFlowException
{
    /// <summary>Initializes a new instance naming the problem.</summary>
    public BundleFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance naming the problem and its cause.</summary>
    public BundleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
