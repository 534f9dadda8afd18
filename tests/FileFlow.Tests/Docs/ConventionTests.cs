using System.Text.RegularExpressions;
using FileFlow.Tests.Machines;

namespace FileFlow.Tests.Docs;

public sealed partial class ConventionTests
{
    [Fact]
    public void Library_code_never_reads_an_ambient_clock()
    {
        var src = Path.Combine(DocumentMachineTests.RepositoryRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("FileFlow.Cli", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => AmbientClock().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}")
            .ToList();
        offenders.Should().BeEmpty("time comes from TimeProvider");
    }

    [GeneratedRegex(@"DateTime(Offset)?\.(Utc)?Now\b")]
    private static partial Regex AmbientClock();
}
