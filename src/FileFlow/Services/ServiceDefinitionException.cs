namespace FileFlow.Services;

/// <summary>A service or route definition is invalid; names the JSON path and the problem. Nothing from the load is kept.</summary>
public sealed class ServiceDefinitionException : FileFlowException
{
    /// <summary>Initializes a new instance naming the source, path and problem.</summary>
    public ServiceDefinitionException(string source, string path, string problem)
        : base($"{source}: {path}: {problem}")
    {
        Source = source;
        Path = path;
        Problem = problem;
    }

    /// <summary>Gets the definition's source (a file name or <c>built-in</c>).</summary>
    public new string Source { get; }

    /// <summary>Gets the JSON path of the problem, for example <c>$.route.thresholds[1].unit</c>.</summary>
    public string Path { get; }

    /// <summary>Gets what is wrong.</summary>
    public string Problem { get; }
}
