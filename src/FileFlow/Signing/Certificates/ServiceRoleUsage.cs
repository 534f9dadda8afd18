using System.Security.Cryptography.X509Certificates;

namespace FileFlow.Signing.Certificates;

/// <summary>FileFlow's own extended key usage OIDs, one per <see cref="ServiceRole"/>, under the UUID arc <c>2.25.230645956369664880407718304751921979816.1</c>.</summary>
public static class ServiceRoleUsage
{
    /// <summary>The arc under which FileFlow's service role OIDs lie.</summary>
    public const string Arc = "2.25.230645956369664880407718304751921979816.1";

    /// <summary>The extended key usage of <see cref="ServiceRole.System"/>.</summary>
    public const string System = Arc + ".1";

    /// <summary>The extended key usage of <see cref="ServiceRole.Export"/>.</summary>
    public const string Export = Arc + ".2";

    /// <summary>The extended key usage of <see cref="ServiceRole.Log"/>.</summary>
    public const string Log = Arc + ".3";

    /// <summary>The extended key usage of <see cref="ServiceRole.Organisation"/>.</summary>
    public const string Organisation = Arc + ".4";

    /// <summary>The extended key usage of <see cref="ServiceRole.Witness"/>.</summary>
    public const string Witness = Arc + ".5";

    /// <summary>Returns the extended key usage OID that states <paramref name="role"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The role is not defined.</exception>
    public static string Of(ServiceRole role) => role switch
    {
        ServiceRole.System => System,
        ServiceRole.Export => Export,
        ServiceRole.Log => Log,
        ServiceRole.Organisation => Organisation,
        ServiceRole.Witness => Witness,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a FileFlow service role."),
    };

    /// <summary>Returns the role an extended key usage OID states, or <see langword="null"/> when it is none of FileFlow's.</summary>
    public static ServiceRole? FromOid(string? oid) => oid switch
    {
        System => ServiceRole.System,
        Export => ServiceRole.Export,
        Log => ServiceRole.Log,
        Organisation => ServiceRole.Organisation,
        Witness => ServiceRole.Witness,
        _ => null,
    };

    /// <summary>Returns the service roles a certificate's extended key usage states: empty for an officer's certificate, one for a service's.</summary>
    public static IReadOnlyList<ServiceRole> RolesOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var usage = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        return usage is null ? [] : usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => FromOid(o.Value)).OfType<ServiceRole>().ToArray();
    }
}
