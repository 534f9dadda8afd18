using FileFlow.Tests.Machines;

namespace FileFlow.Tests.Docs;

public sealed class ReadmeTests
{
    [Fact]
    public void The_README_code_sample_is_the_compiled_example_code()
    {
        var root = DocumentMachineTests.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var program = File.ReadAllText(Path.Combine(root, "examples", "LeaveSanction", "Program.cs")).ReplaceLineEndings("\n");
        var snippet = program.Split("// begin-snippet: quickstart\n")[1].Split("// end-snippet")[0].TrimEnd();
        snippet.Should().NotBeEmpty();
        readme.Should().Contain("```csharp\n" + snippet + "\n```");
    }
}
