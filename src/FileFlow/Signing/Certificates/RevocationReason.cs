namespace FileFlow.Signing.Certificates;

/// <summary>Why a certificate was revoked; the values are the CRL reason codes of RFC 5280.</summary>
public enum RevocationReason
{
    /// <summary>No reason given.</summary>
    Unspecified = 0,

    /// <summary>The officer's private key (token) was lost or compromised.</summary>
    KeyCompromise = 1,

    /// <summary>The issuing authority's key was compromised.</summary>
    CaCompromise = 2,

    /// <summary>The officer's name, designation or office changed.</summary>
    AffiliationChanged = 3,

    /// <summary>A new certificate replaces this one.</summary>
    Superseded = 4,

    /// <summary>The officer no longer needs the certificate (retirement, transfer out).</summary>
    CessationOfOperation = 5,

    /// <summary>The certificate is suspended.</summary>
    CertificateHold = 6,

    /// <summary>A privilege in the certificate was withdrawn.</summary>
    PrivilegeWithdrawn = 9,
}
