namespace FileFlow.Services;

/// <summary>An application's inputs do not satisfy its service definition; names the input and the problem. Nothing was stored.</summary>
public sealed class InvalidServiceInputException : FileFlowException
{
    /// <summary>Initializes a new instance naming the service, input and problem.</summary>
    public InvalidServiceInputException(string serviceId, string input, string problem)
        : base($"Service '{serviceId}', input '{input}': {problem}")
    {
        ServiceId = serviceId;
        Input = input;
        Problem = problem;
    }

    /// <summary>Gets the service.</summary>
    public string ServiceId { get; }

    /// <summary>Gets the input at fault.</summary>
    public string Input { get; }

    /// <summary>Gets what is wrong.</summary>
    public string Problem { get; }
}
