using System.Reflection;
using System.Text;
using FileFlow.Engine;
using FileFlow.Sqlite;

namespace FileFlow.Hosting.Tests.PublicApi;

/// <summary>The public API of each package is approved text checked in next to this test: an accidental change to it fails the build's tests with a diff.</summary>
/// <remarks>On a mismatch the test writes <c>&lt;Assembly&gt;.received.txt</c> beside the approved file. To accept an intended change, run the tests with <c>FILEFLOW_ACCEPT_API=1</c>, which rewrites <c>&lt;Assembly&gt;.approved.txt</c>, and commit it.</remarks>
public sealed class PublicApiTests
{
    public static TheoryData<string> Assemblies => new()
    {
        typeof(FileFlowEngine).Assembly.GetName().Name!,
        typeof(SqliteDocumentStore).Assembly.GetName().Name!,
#if FILEFLOW_POSTGRESQL
        typeof(FileFlow.PostgreSql.PostgreSqlDocumentStore).Assembly.GetName().Name!,
#endif
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void The_public_API_matches_the_approved_file(string assemblyName)
    {
        var received = PublicApiText.Of(Assembly.Load(assemblyName));
        var folder = Path.Combine(Repository.Root(), "tests", "FileFlow.Hosting.Tests", "PublicApi");
        var approvedPath = Path.Combine(folder, assemblyName + ".approved.txt");
        var receivedPath = Path.Combine(folder, assemblyName + ".received.txt");
        if (Environment.GetEnvironmentVariable("FILEFLOW_ACCEPT_API") == "1")
        {
            File.WriteAllText(approvedPath, received);
            File.Delete(receivedPath);
            return;
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail($"""
            The public API of {assemblyName} changed. If the change is intended, run the tests with FILEFLOW_ACCEPT_API=1 and commit {Path.GetRelativePath(Repository.Root(), approvedPath)}.
            Received: {receivedPath}
            {Diff(approved, received)}
            """);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_BouncyCastle_type_appears_in_the_public_API(string assemblyName) =>
        PublicApiText.Of(Assembly.Load(assemblyName)).Should().NotContain("Org.BouncyCastle", "BouncyCastle is an implementation detail a caller should never have to reference");

    [Fact]
    public void The_rendering_is_deterministic_and_spells_signatures_out()
    {
        var api = PublicApiText.Of(typeof(FileFlowEngine).Assembly);
        api.Should().Be(PublicApiText.Of(typeof(FileFlowEngine).Assembly));
        api.Should().Contain("sealed class FileFlow.Engine.FileFlowEngine");
        api.Should().Contain("System.Threading.Tasks.Task<FileFlow.Engine.ActionResult> FireAsync(FileFlow.Engine.DocumentAction action, System.Threading.CancellationToken cancellationToken = default)");
        api.Should().Contain("static class Microsoft.Extensions.DependencyInjection.FileFlowServiceCollectionExtensions");
        api.Should().NotContain("EngineInstruments", "internal types stay out").And.NotContain("<Clone>$", "unspeakable compiler-generated members stay out");
    }

    [Fact]
    public void The_diff_names_each_removed_and_added_line_under_its_type()
    {
        Diff("class A\n  b()\n  c()\nclass E\n", "class A\n  c()\n  d()\nclass E\n  f()\n").Should().Be("@ class A\n-   b()\n+   d()\n@ class E\n+   f()\n");
    }

    /// <summary>A line diff (longest common subsequence): "- " for lines only in the approved text, "+ " for lines only in the received text, each member under an "@ " line naming its type.</summary>
    internal static string Diff(string approved, string received)
    {
        var a = approved.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var b = received.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var diff = new StringBuilder();
        string? type = null, shown = null;
        void Emit(string sign, string line)
        {
            if (line.StartsWith(' ') && type is not null && type != shown)
            {
                diff.Append("@ ").Append(type).Append('\n');
                shown = type;
            }

            diff.Append(sign).Append(' ').Append(line).Append('\n');
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                type = a[x].StartsWith(' ') ? type : a[x];
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                type = a[x].StartsWith(' ') ? type : a[x];
                Emit("-", a[x++]);
            }
            else
            {
                type = b[y].StartsWith(' ') ? type : b[y];
                Emit("+", b[y++]);
            }
        }

        return diff.ToString();
    }
}
