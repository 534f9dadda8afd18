using FileFlow.Documents;
using FileFlow.Machines;

namespace FileFlow.Tests.Machines;

public sealed class DocumentMachineTests
{
    [Theory]
    [InlineData(DocumentKind.File)]
    [InlineData(DocumentKind.Noting)]
    [InlineData(DocumentKind.Receipt)]
    public void Every_kind_has_the_core_eOffice_states(DocumentKind kind)
    {
        DocumentMachine.For(kind).States.Should().Contain([DocumentState.Draft, DocumentState.Forwarded, DocumentState.Approved, DocumentState.Closed]);
    }

    [Theory]
    [InlineData(DocumentKind.File)]
    [InlineData(DocumentKind.Noting)]
    [InlineData(DocumentKind.Receipt)]
    public void Mermaid_and_DOT_are_generated_from_the_configuration_and_name_every_transition(DocumentKind kind)
    {
        var machine = DocumentMachine.For(kind);
        machine.Mermaid.Should().StartWith("stateDiagram-v2");
        machine.Dot.Should().StartWith("digraph");
        foreach (var t in machine.Transitions.Where(t => t.From != t.To))
        {
            machine.Mermaid.Should().Contain($"{t.From} --> {t.To} : {t.Trigger}");
            machine.Dot.Should().Contain($"\"{t.From}\" -> \"{t.To}\"");
        }
    }

    [Fact]
    public void Machine_is_safe_to_share_across_threads()
    {
        var machine = DocumentMachine.For(DocumentKind.File);
        Parallel.For(0, 10_000, i =>
        {
            var state = i % 2 == 0 ? DocumentState.Draft : DocumentState.Forwarded;
            var to = machine.TryFire(state, DocumentTrigger.Forward);
            Assert.Equal(DocumentState.Forwarded, to);
            Assert.Null(machine.TryFire(DocumentState.Closed, DocumentTrigger.Approve));
        });
    }

    [Fact]
    public void The_README_transition_tables_are_the_ones_generated_from_the_machines()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            readme.Should().Contain(DocumentMachine.For(kind).ToMarkdownTable(), $"the README's {kind} table must be regenerated (fileflow graph / DocsGenerator)");
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FileFlow.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("FileFlow.sln not found above the test binaries.");
    }
}
