namespace FileFlow.Hosting.Tests.Docs;

/// <summary>The README's "Using FileFlow in an application" samples are the compiled examples' code, and its telemetry names are the library's.</summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repository.Root(), "README.md")).ReplaceLineEndings("\n");

    [Theory]
    [InlineData("examples/DepartmentalApp/AppHost.cs", "di", "AddFileFlow")]
    [InlineData("examples/DepartmentalApp/AppHost.cs", "telemetry", "AddOpenTelemetry")]
    [InlineData("examples/CustomRoutingRule/Program.cs", "routing-rule", "AddFileFlow")]
    public void The_README_dependency_injection_samples_are_the_compiled_example_code(string example, string snippet, string wiring)
    {
        var code = File.ReadAllText(Path.Combine(Repository.Root(), example)).ReplaceLineEndings("\n");
        var lines = code.Split($"// begin-snippet: {snippet}\n")[1].Split("// end-snippet")[0].TrimEnd().Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var sample = string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
        sample.Should().Contain(wiring);
        Section().Should().Contain("```csharp\n" + sample + "\n```");
    }

    [Fact]
    public void The_README_new_application_sample_is_the_whole_compiled_program_and_names_its_packages()
    {
        var root = Repository.Root();
        var program = File.ReadAllText(Path.Combine(root, "examples/GettingStarted/Program.cs")).ReplaceLineEndings("\n").TrimEnd();
        var project = File.ReadAllText(Path.Combine(root, "examples/GettingStarted/GettingStarted.csproj"));
        var section = Section();
        section.Should().Contain("```csharp\n" + program + "\n```", "the whole file is the sample: nothing it uses is defined elsewhere");
        program.Should().Contain("using FileFlow.Signing;").And.Contain("new SignerRegistry()").And.Contain("BuildServiceProvider()");
        var packages = System.Text.RegularExpressions.Regex.Matches(project, "PackageReference Include=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Append("FileFlow").ToList();
        packages.Should().HaveCount(2);
        packages.Should().AllSatisfy(package => section.Should().Contain($"dotnet add package {package} "));
    }

    [Fact]
    public void The_README_names_every_activity_source_meter_and_instrument_the_engine_publishes()
    {
        var section = Section();
        var names = typeof(FileFlow.Diagnostics.FileFlowDiagnostics).GetFields()
            .Where(f => f.IsLiteral && (f.Name.EndsWith("Counter", StringComparison.Ordinal) || f.Name.EndsWith("Histogram", StringComparison.Ordinal)))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        names.Should().HaveCountGreaterThanOrEqualTo(5);
        section.Should().Contain($"`{FileFlow.Diagnostics.FileFlowDiagnostics.ActivitySourceName}`");
        names.Should().AllSatisfy(name => section.Should().Contain($"`{name}`"));
    }

    private static string Section()
    {
        var start = Readme.IndexOf("## Using FileFlow in an application\n", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "the README has the section");
        var end = Readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return Readme[start..end];
    }
}
