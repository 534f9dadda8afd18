namespace FileFlow.Import;

/// <summary>One problem found in an imported file: the row (the line it starts on; 1 is the header), the column when one is to blame, and what is wrong.</summary>
/// <param name="Row">The line the row starts on (1-based; the header is line 1), or 0 when the problem is not in one row.</param>
/// <param name="Column">The column to blame, or <see langword="null"/>.</param>
/// <param name="Message">What is wrong and, where it helps, what to do.</param>
public sealed record ImportError(int Row, string? Column, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Column is null ? $"row {Row}: {Message}" : $"row {Row}, column '{Column}': {Message}";
}
