using System.Text.RegularExpressions;
using FileFlow.Tests.Machines;

namespace FileFlow.Tests.Docs;

/// <summary>docs/action-path.md shows the steps FireAsync takes, in the order the code takes them.</summary>
public sealed partial class ActionPathTests
{
    private static string Root => DocumentMachineTests.RepositoryRoot();

    [Fact]
    public void The_diagram_names_every_step_of_FireAsync_and_BuildBatchAsync_in_the_codes_order()
    {
        var engine = File.ReadAllText(Path.Combine(Root, "src", "FileFlow", "Engine", "FileFlowEngine.cs"));
        var pipeline = File.ReadAllText(Path.Combine(Root, "src", "FileFlow", "Engine", "FileFlowEngine.Pipeline.cs"));
        var steps = Calls(Body(engine, "public async Task<ActionResult> FireAsync("))
            .Where(c => c is not ("ThrowIfNull" or "BeginAction" or "Of" or "Complete" or "Now" or "ActionStep" or "BuildBatchAsync" or "ConfigureAwait"
                or "MayHaveLanded" or "FindLandedAsync"))
            .ToList();
        var commit = steps.IndexOf("CommitAsync");
        steps.InsertRange(commit + 1, Calls(Body(pipeline, "private async Task<List<RecordAppend>> BuildBatchAsync(")).Where(c => c is "AllocateNumbersAsync" or "SignAsync" or "AddConsequencesAsync"));
        steps.Add("AppendAsync");

        steps.Should().StartWith(["LoadOrLandedAsync", "Permit", "AuthoriseAsync", "ValidateArgumentsAsync", "PlanAndRouteAsync", "CommitAsync"]);
        var diagram = File.ReadAllText(Path.Combine(Root, "docs", "action-path.md"));
        var nodes = Node().Matches(diagram).Select(m => m.Groups[1].Value).ToList();
        nodes.Should().Equal(steps, "docs/action-path.md must show the steps the engine takes, in its order");
    }

    private static string Body(string source, string signature)
    {
        var start = source.IndexOf(signature, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the source declares {signature}");
        var open = source.IndexOf('{', start);
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            depth += source[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return source[open..i];
            }
        }

        return source[open..];
    }

    private static IEnumerable<string> Calls(string body) => Call().Matches(body).Select(m => m.Groups[1].Value).Distinct();

    [GeneratedRegex(@"\b([A-Z]\w*)\(")]
    private static partial Regex Call();

    [GeneratedRegex(@"^\s+\w\[""(\w+)<br/>", RegexOptions.Multiline)]
    private static partial Regex Node();
}
