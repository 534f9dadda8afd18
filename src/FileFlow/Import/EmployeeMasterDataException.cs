using System.Collections.Immutable;

namespace FileFlow.Import;

/// <summary>An Employee Master Data file was refused: it carries every problem found (row and column), and nothing was imported.</summary>
public sealed class EmployeeMasterDataException : FileFlowException
{
    /// <summary>Initializes a new instance with the file's name and every problem found in it.</summary>
    public EmployeeMasterDataException(string source, IEnumerable<ImportError> errors)
        : this(source, errors.ToImmutableArray())
    {
    }

    private EmployeeMasterDataException(string source, ImmutableArray<ImportError> errors)
        : base($"{source}: {errors.Length} problem(s), nothing imported: {string.Join("; ", errors.Take(5))}{(errors.Length > 5 ? "; …" : string.Empty)}")
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>Gets the file's name as the caller gave it.</summary>
    public new string Source { get; }

    /// <summary>Gets every problem found, in row order.</summary>
    public ImmutableArray<ImportError> Errors { get; }
}
