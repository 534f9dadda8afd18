using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;

namespace FileFlow.Import;

/// <summary>Brings scanned paper files in: a folder of PDFs and a metadata CSV (<c>old_file_number, subject, section, opened, closed, pages, pdf</c>) become
/// files opened by the importing officer, each creation record signing <c>input.digitisedFromPaper</c>, the old number, the PDF's SHA-256 and its page count.</summary>
/// <remarks>Resumable: each file's action id is derived from its old number, so a re-run skips what landed (exactly once). A row whose PDF is missing or
/// is not a PDF (no <c>%PDF-</c> header or <c>%%EOF</c> trailer) is reported by name and the rest go on.</remarks>
public static class PaperFileImporter
{
    /// <summary>The input (signed as <c>input.digitisedFromPaper</c>) that marks a file digitised from paper.</summary>
    public const string DigitisedFromPaper = "digitisedFromPaper";

    /// <summary>Imports every row of <paramref name="metadataCsv"/> whose PDF sits in <paramref name="folder"/>.</summary>
    /// <remarks>A malformed metadata row is reported in the result's problems, like a missing or corrupt PDF.</remarks>
    public static async Task<PaperImportResult> ImportAsync(FileFlowEngine engine, string folder, string metadataCsv, PaperImportOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ImportError>();
        var table = CsvTable.Parse(await File.ReadAllTextAsync(metadataCsv, cancellationToken).ConfigureAwait(false), problems);
        int imported = 0, skipped = 0, done = 0;
        foreach (var row in table.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            done++;
            var oldNumber = row["old_file_number"];
            var pdf = row["pdf"];
            if (oldNumber is null || pdf is null || row["subject"] is null || row["section"] is null)
            {
                problems.Add(new ImportError(row.Line, oldNumber is null ? "old_file_number" : pdf is null ? "pdf" : row["subject"] is null ? "subject" : "section", "required"));
                continue;
            }

            var path = Path.Combine(folder, pdf);
            if (!File.Exists(path))
            {
                problems.Add(new ImportError(row.Line, "pdf", $"'{pdf}' (old file {oldNumber}) has no file in the folder"));
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            if (!LooksLikePdf(bytes))
            {
                problems.Add(new ImportError(row.Line, "pdf", $"'{pdf}' (old file {oldNumber}) is not a PDF: no %PDF- header or %%EOF trailer"));
                continue;
            }

            var inputs = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            inputs[DigitisedFromPaper] = "true";
            inputs["oldFileNumber"] = oldNumber;
            inputs["scanSha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            inputs["scanFile"] = pdf;
            foreach (var column in new[] { "opened", "closed", "pages" })
            {
                if (row[column] is { } value)
                {
                    inputs[column] = value;
                }
            }

            var file = new NewFile(options.Department, row["section"]!, options.SubjectHead, row["subject"]!) { Inputs = inputs.ToImmutable() };
            try
            {
                var result = await engine.OpenFileAsync(options.Officer, options.Post, file, ActionIdOf(oldNumber), cancellationToken).ConfigureAwait(false);
                if (result.Replayed)
                {
                    skipped++;
                }
                else
                {
                    imported++;
                }
            }
            catch (FileFlowException e)
            {
                problems.Add(new ImportError(row.Line, null, $"'{pdf}' (old file {oldNumber}): {e.Message}"));
            }

            options.Progress?.Report(new PaperImportProgress(done, table.Rows.Count, oldNumber));
        }

        return new PaperImportResult(imported, skipped, [.. problems]);
    }

    /// <summary>Returns the action id of importing the paper file numbered <paramref name="oldNumber"/>: the same on every run, so it lands once.</summary>
    public static Guid ActionIdOf(string oldNumber) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("fileflow-paper-import:" + oldNumber)).AsSpan(0, 16));

    private static bool LooksLikePdf(byte[] bytes)
    {
        if (bytes.Length < 16 || !bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
        {
            return false;
        }

        var tail = bytes.AsSpan(Math.Max(0, bytes.Length - 1024));
        return tail.IndexOf("%%EOF"u8) >= 0;
    }
}

/// <summary>Who imports paper files and under which file-number parts.</summary>
public sealed record PaperImportOptions(string Department, string SubjectHead, OfficerId Officer, PostId Post)
{
    /// <summary>Gets where progress is reported (one report per row), or <see langword="null"/>.</summary>
    public IProgress<PaperImportProgress>? Progress { get; init; }
}

/// <summary>Progress of a paper import: rows done of all, and the old number just handled.</summary>
public sealed record PaperImportProgress(int Done, int Total, string OldFileNumber);

/// <summary>What a paper import did: files opened now, files that had landed on an earlier run, and the rows reported by name.</summary>
public sealed record PaperImportResult(int Imported, int Skipped, ImmutableArray<ImportError> Problems);
