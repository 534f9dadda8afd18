namespace FileFlow.Signing;

/// <summary>Why a signature did not verify.</summary>
public enum SignatureFailure
{
    /// <summary>The signature is valid.</summary>
    None = 0,

    /// <summary>The signature does not match the bytes (tampered record or signature).</summary>
    Invalid = 1,

    /// <summary>The signing key or certificate is not known to the verifier.</summary>
    UnknownKey = 2,

    /// <summary>The key belongs to someone other than the record's actor.</summary>
    WrongSigner = 3,

    /// <summary>The scheme is not one the verifier accepts, or the signature is malformed.</summary>
    Malformed = 4,

    /// <summary>The certificate does not chain to a trusted root.</summary>
    Untrusted = 5,

    /// <summary>The certificate was expired or not yet valid at the record's signing time.</summary>
    OutsideValidity = 6,

    /// <summary>The certificate had been revoked before the record's signing time.</summary>
    Revoked = 7,

    /// <summary>The certificate's key usage does not allow signing documents.</summary>
    WrongKeyUsage = 8,

    /// <summary>The certificate's FileFlow service role does not fit what it signed (see <see cref="Certificates.ServiceRole"/>).</summary>
    WrongRole = 9,
}
