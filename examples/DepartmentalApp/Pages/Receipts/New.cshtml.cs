using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using FileFlow;
using FileFlow.Documents;
using FileFlow.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DepartmentalApp.Pages.Receipts;

/// <summary>Diarising a receipt with its scanned letter: the PDF's size and type are checked, its SHA-256 is signed into the receipt's creation record,
/// and the bytes are kept under the data directory by that hash.</summary>
public sealed class NewModel(Desk desk, DataDirectory data, IOptions<DeskOptions> options, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The record attribute that carries the scanned letter's SHA-256 (hex).</summary>
    public const string ScanHashAttribute = "desk.scan.sha256";

    /// <summary>The record attribute that carries the scanned letter's length in bytes.</summary>
    public const string ScanBytesAttribute = "desk.scan.bytes";

    /// <summary>The record attribute that carries the scanned letter's file name.</summary>
    public const string ScanNameAttribute = "desk.scan.name";

    [BindProperty]
    public string Subject { get; set; } = "";

    [BindProperty]
    public string ReceivedFrom { get; set; } = "";

    [BindProperty]
    public DateOnly? LetterDate { get; set; }

    [BindProperty]
    public ReceiptMedium Medium { get; set; } = ReceiptMedium.Electronic;

    [BindProperty]
    public SecurityGrading Grading { get; set; }

    [BindProperty]
    public IFormFile? Scan { get; set; }

    [BindProperty]
    public Guid ActionId { get; set; }

    /// <summary>Returns the path where a scanned letter with that hash is kept.</summary>
    public static string ScanPath(DataDirectory data, string sha256) => Path.Combine(data.Path, "scans", sha256 + ".pdf");

    public void OnGet() => LetterDate = DateOnly.FromDateTime(desk.Now.ToOffset(Desk.Ist).DateTime);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxScanBytes;
        if (Scan is null || Scan.Length == 0)
        {
            return Refuse(localizer["Attach a scanned letter: a PDF."]);
        }

        if (Scan.Length > limit)
        {
            return Refuse(localizer["The scanned letter is larger than {0} MB.", (limit / (1024.0 * 1024)).ToString("0.#", CultureInfo.CurrentCulture)]);
        }

        using var buffer = new MemoryStream((int)Scan.Length);
        await Scan.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        // The type is what the bytes are, not what the browser says: a PDF starts with "%PDF-".
        if (!string.Equals(Scan.ContentType, "application/pdf", StringComparison.OrdinalIgnoreCase) || !bytes.AsSpan().StartsWith("%PDF-"u8))
        {
            return Refuse(localizer["The scanned letter must be a PDF."]);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var officer = Desk.Officer(User);
        try
        {
            var attributes = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                [ScanHashAttribute] = hash,
                [ScanBytesAttribute] = bytes.Length.ToString(CultureInfo.InvariantCulture),
                [ScanNameAttribute] = Path.GetFileName(Scan.FileName),
            });
            var date = LetterDate ?? DateOnly.FromDateTime(desk.Now.ToOffset(Desk.Ist).DateTime);
            var receipt = new NewReceipt("EST", ReceivedFrom, date, Subject, Medium) { Grading = Grading, Attributes = attributes };
            // Keep the bytes first (by their hash, so a retry writes the same file), then sign the record that names them.
            Directory.CreateDirectory(Path.GetDirectoryName(ScanPath(data, hash))!);
            await System.IO.File.WriteAllBytesAsync(ScanPath(data, hash), bytes, cancellationToken);
            var result = await desk.Engine.DiariseReceiptAsync(officer, desk.PostOf(officer), receipt, ActionId == Guid.Empty ? null : ActionId, cancellationToken);
            TempData["Done"] = localizer["Diarised {0}.", result.Head.Reference ?? ""].Value;
            return RedirectToPage("/Documents/Details", new { id = result.Head.Id.Value });
        }
        catch (Exception e) when (e is FileFlowException or ArgumentException)
        {
            return Refuse(e.Message);
        }
    }

    private PageResult Refuse(string message)
    {
        TempData["Error"] = message;
        return Page();
    }
}
