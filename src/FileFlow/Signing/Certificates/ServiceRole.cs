namespace FileFlow.Signing.Certificates;

/// <summary>A service FileFlow runs that signs on its own behalf, stated in the service's certificate as one of FileFlow's extended key usages (<see cref="ServiceRoleUsage"/>).</summary>
/// <remarks>An officer's certificate carries no service role; a service certificate carries exactly one, and verification checks it: only a
/// <see cref="System"/> certificate signs as the engine's system officer, only an <see cref="Export"/> certificate signs bundle manifests, only a
/// <see cref="Log"/> certificate signs checkpoints, only an <see cref="Organisation"/> certificate signs the organisation, only a <see cref="Witness"/> certificate countersigns checkpoints, and none signs as an officer.</remarks>
public enum ServiceRole
{
    /// <summary>The engine's system officer, who signs escalations when time limits pass.</summary>
    System = 1,

    /// <summary>The export service, which signs bundle manifests.</summary>
    Export = 2,

    /// <summary>The log, which signs Merkle checkpoints.</summary>
    Log = 3,

    /// <summary>The organisation's administrator, who signs the organisation document.</summary>
    Organisation = 4,

    /// <summary>A witness, held away from the store, which countersigns a log's checkpoints after checking each extends the last one it witnessed.</summary>
    Witness = 5,
}
