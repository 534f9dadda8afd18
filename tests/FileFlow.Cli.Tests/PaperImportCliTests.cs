namespace FileFlow.Cli.Tests;

/// <summary><c>fileflow paper import</c> over the sample in <c>examples/PaperFiles</c>: two PDFs land, a corrupt one and a row with no file are named,
/// a re-run skips what landed, and the store still verifies.</summary>
public sealed class PaperImportCliTests(OfficerStores stores) : IClassFixture<OfficerStores>
{
    private static string Sample => Path.Combine(FindRoot(), "examples", "PaperFiles");

    [Fact]
    public async Task The_sample_imports_two_files_names_the_corrupt_and_missing_ones_and_a_rerun_skips_them()
    {
        var db = stores.Copy("a", "paper.db");
        string[] import = ["paper", "import", "--db", db, "--folder", Sample, "--metadata", Path.Combine(Sample, "metadata.csv"), "--department", "OFF0001",
            "--officer", "o-off0001-est-da1", "--credential", stores.Credential("a", "o-off0001-est-da1")];

        var first = await Cli.RunInProcessAsync(import);
        first.ExitCode.Should().Be(1, "rows with problems make the run fail after the rest landed: " + first);
        first.Stdout.Should().Contain("Imported 2 paper file(s), skipped 0");
        first.Stderr.Should().Contain("est-1993-7.pdf").And.Contain("is not a PDF");
        first.Stderr.Should().Contain("est-1995-2.pdf").And.Contain("has no file");
        first.Stderr.Should().Contain("paper: 1/4 EST/1987/12").And.Contain("paper: 2/4 ACC/1991/4", "progress is reported as rows land");

        var again = await Cli.RunInProcessAsync([.. import, "--json"]);
        again.ExitCode.Should().Be(1);
        again.Json.GetProperty("imported").GetInt32().Should().Be(0);
        again.Json.GetProperty("skipped").GetInt32().Should().Be(2, "a re-run skips what landed");

        var files = await Cli.RunInProcessAsync("files", "--db", db, "--search", "OFF0001/EST/OLD", "--json");
        files.Json.GetProperty("total").GetInt32().Should().Be(1);
        files.Json.GetProperty("items")[0].GetProperty("subject").GetString().Should().Be("Seniority list of dealing assistants");
        var history = await Cli.RunInProcessAsync("history", "--db", db, "--file", files.Json.GetProperty("items")[0].GetProperty("document").GetString()!, "--json");
        history.Json.GetProperty("records")[0].GetProperty("actor").GetString().Should().Be("o-off0001-est-da1", "the importing officer signs the file's creation");

        var verify = await Cli.RunProcessAsync(stores.Directory, "verify", "--db", db, "--json");
        verify.ExitCode.Should().Be(0, verify.ToString());
    }

    [Fact]
    public async Task A_missing_metadata_file_is_bad_usage_and_imports_nothing()
    {
        var db = stores.Copy("a", "paper-bad.db");
        var run = await Cli.RunInProcessAsync("paper", "import", "--db", db, "--folder", Sample, "--metadata", Path.Combine(Sample, "nope.csv"), "--department", "OFF0001",
            "--officer", "o-off0001-est-da1", "--credential", stores.Credential("a", "o-off0001-est-da1"));
        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("nope.csv");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FileFlow.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
