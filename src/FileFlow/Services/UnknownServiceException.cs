namespace FileFlow.Services;

/// <summary>A file names a service (or a version of it) the catalogue does not hold.</summary>
public sealed class UnknownServiceException : FileFlowException
{
    /// <summary>Initializes a new instance naming the service and version.</summary>
    public UnknownServiceException(string serviceId, int? version = null)
        : base(version is null ? $"Service '{serviceId}' is not in the service catalogue." : $"Version {version} of service '{serviceId}' is not in the service catalogue.")
    {
        ServiceId = serviceId;
        Version = version;
    }

    /// <summary>Gets the service identifier.</summary>
    public string ServiceId { get; }

    /// <summary>Gets the version asked for, if any.</summary>
    public int? Version { get; }
}
