using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>The engine's configuration cannot work: a setting names an officer without a signer, or the like. Raised when the engine is built,
/// so a misconfiguration fails the start instead of the first file it would have stopped.</summary>
public sealed class EngineConfigurationException : FileFlowException
{
    /// <summary>Initializes a new instance naming the setting, the officer it names (if any) and the problem.</summary>
    public EngineConfigurationException(string setting, OfficerId? officer, string problem, Exception? innerException = null)
        : base($"{setting}: {problem}", innerException)
    {
        Setting = setting;
        Officer = officer;
        Problem = problem;
    }

    /// <summary>Gets the setting at fault, for example <c>FileFlowEngineOptions.SystemOfficer</c>.</summary>
    public string Setting { get; }

    /// <summary>Gets the officer the setting names, or <see langword="null"/>.</summary>
    public OfficerId? Officer { get; }

    /// <summary>Gets what is wrong and what to do.</summary>
    public string Problem { get; }
}
