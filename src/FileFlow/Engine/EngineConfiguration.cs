using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Signing;

namespace FileFlow.Engine;

/// <summary>The checks an engine makes of its configuration when it is built: what is configured must be able to work.</summary>
/// <remarks>
/// With service definitions configured, every role the latest definitions name must be held by some post in the chart (else overdue
/// files would never escalate and rejection would be impossible), and, unless <see cref="FileFlowEngineOptions.SystemOfficer"/> is
/// <see langword="null"/> (an engine that makes no escalations, such as a read-only report), the signer provider must have a signer for
/// the system officer (else the first overdue file would stop the escalation sweep). Without services nothing escalates and neither is needed.
/// </remarks>
internal static class EngineConfiguration
{
    public static void Validate(OrganisationChart organisation, ISignerProvider signers, FileFlowEngineOptions options)
    {
        if (options.Services is not { Services.Count: > 0 } services)
        {
            return;
        }

        services.ValidateAgainst(organisation);
        if (options.SystemOfficer is not { } system)
        {
            return;
        }

        const string Setting = $"{nameof(FileFlowEngineOptions)}.{nameof(FileFlowEngineOptions.SystemOfficer)}";
        if (string.IsNullOrWhiteSpace(system.Value))
        {
            throw new EngineConfigurationException(Setting, system, "is empty; name the officer who signs escalations, or set it to null for an engine that makes none.");
        }

        try
        {
            _ = signers.GetSigner(system) ?? throw new SignerNotFoundException(system);
        }
        catch (SignerNotFoundException e)
        {
            throw new EngineConfigurationException(Setting, system,
                $"the system officer '{system}' has no signer, so no overdue file could be escalated; register a signer for '{system}' " +
                "(or set SystemOfficer to null for an engine that makes no escalations).", e);
        }
    }
}
