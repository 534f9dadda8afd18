using System.Globalization;
using System.Text;
using FileFlow.Documents;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>Writes a certified copy's <c>copy.html</c>: the file's notings and correspondence as a reader sees them (UTF-8, Devanagari rendered with
/// an Indic font stack), each withheld part shown as <c>[withheld under section 8(1)(x): reason]</c>. It is listed in the signed manifest.</summary>
internal static class CertifiedCopyHtml
{
    private const string Fonts = "'Noto Sans Devanagari', 'Noto Serif Devanagari', 'Mangal', 'Nirmala UI', 'Lohit Devanagari', 'Noto Sans', 'DejaVu Sans', sans-serif";

    public static string Write(CertifiedCopyManifest manifest, IReadOnlyList<CopyPart> released, IReadOnlyList<WithheldPart> withheld)
    {
        var body = new StringBuilder();
        void Line(string html) => body.Append(html).Append('\n');
        string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        Line($"<h1>Certified copy of file {E(manifest.Reference ?? manifest.File)}</h1>");
        Line($"<p class=\"subject\">{E(manifest.Subject ?? string.Empty)}</p>");
        Line($"<p>Certified a true copy of the file's notings and correspondence, with the parts listed at the end withheld, by officer {E(manifest.Officer)}, "
            + $"public information officer (post {E(manifest.Post)}), on {Time(manifest.CertifiedAt)}{(manifest.Request is null ? string.Empty : $", in reply to {E(manifest.Request)}")}.</p>");

        var file = released[0];
        Line("<h2>Note portion</h2>");
        foreach (var noting in released.Where(p => p.Head.Kind == DocumentKind.Noting).OrderBy(p => p.Head.CreatedAt))
        {
            var first = noting.Records[0].Record;
            Line($"<section class=\"noting\" id=\"d-{noting.Head.Id}\"><h3>Noting by {E(first.Actor.Value)} ({E(first.ActingAs.Value)}), {Time(first.OccurredAt)}</h3>");
            Paragraphs(noting, withheld, Line);
            Line("</section>");
        }

        WithheldWhole(withheld, DocumentKind.Noting, Line);
        Line("<h2>Correspondence portion</h2>");
        foreach (var receipt in released.Where(p => p.Head.Kind == DocumentKind.Receipt).OrderBy(p => p.Head.CreatedAt))
        {
            var first = receipt.Records[0].Record;
            Line($"<section class=\"receipt\" id=\"d-{receipt.Head.Id}\"><h3>Receipt {E(receipt.Head.Reference ?? receipt.Head.Id.ToString())}</h3>");
            Line($"<p>Subject: {E(receipt.Head.Subject ?? string.Empty)}<br>From: {E(first.Attribute(RecordAttributes.ReceivedFrom) ?? string.Empty)}"
                + $"<br>Letter dated: {E(first.Attribute(RecordAttributes.LetterDate) ?? string.Empty)}</p></section>");
        }

        foreach (var draft in released.Where(p => p.Head.Kind == DocumentKind.DraftForApproval).OrderBy(p => p.Head.CreatedAt))
        {
            Line($"<section class=\"draft\" id=\"d-{draft.Head.Id}\"><h3>Draft for approval: {E(draft.Head.Subject ?? string.Empty)} ({E(draft.Head.State.ToString())})</h3>");
            Paragraphs(draft, withheld, Line);
            Line("</section>");
        }

        WithheldWhole(withheld, DocumentKind.Receipt, Line);
        WithheldWhole(withheld, DocumentKind.DraftForApproval, Line);
        Line("<h2>Movement of the file</h2>");
        Line("<table><tr><th>#</th><th>When</th><th>Action</th><th>By</th><th>For post</th><th>With post after</th></tr>");
        foreach (var (_, record) in file.Records)
        {
            Line($"<tr><td>{record.Sequence}</td><td>{Time(record.OccurredAt)}</td><td>{E(record.Trigger.ToString())}</td><td>{E(record.Actor.Value)}</td>"
                + $"<td>{E(record.ActingAs.Value)}</td><td>{E(record.Holder.Value)}</td></tr>");
        }

        Line("</table>");
        Line("<h2>Parts withheld</h2>");
        Line(withheld.Count == 0 ? "<p>None.</p>" : "<ul>");
        foreach (var part in withheld)
        {
            Line($"<li>{E(part.Kind.ToString())} {part.Document}{(part.Paragraph is { } n ? $", paragraph {n}" : string.Empty)}: "
                + $"<span class=\"withheld\">{E(part.Marker)}</span> (withheld by {E(part.WithheldBy.Value)}, {Time(part.WithheldAt)}, record {part.Sequence} of the file)</li>");
        }

        Line(withheld.Count == 0 ? string.Empty : "</ul>");
        Line($"<p class=\"verify\">The signed records, the list of withheld parts and this page are listed with their SHA-256 in manifest.json, signed by the "
            + "public information officer (manifest.p7s); README.txt gives the openssl and sha256sum commands that check them.</p>");

        var text = body.ToString();
        var lang = text.Any(c => c is >= '\u0900' and <= '\u097F') ? "hi" : "en";
        return "<!DOCTYPE html>\n"
            + $"<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Certified copy: {E(manifest.Reference ?? manifest.File)}</title>\n"
            + $"<style>body {{ font-family: {Fonts}; line-height: 1.6; max-width: 52em; margin: 2em auto; }} .withheld {{ font-style: italic; color: #6b1d1d; }} "
            + "table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 0.2em 0.5em; }</style>\n</head>\n<body>\n"
            + text + "</body>\n</html>\n";
    }

    private static void Paragraphs(CopyPart part, IReadOnlyList<WithheldPart> withheld, Action<string> line)
    {
        if (part.LatestContent is not { } content)
        {
            return;
        }

        IReadOnlyList<NotingParagraph> paragraphs;
        try
        {
            paragraphs = NotingContent.Decode(content.Span);
        }
        catch (FormatException)
        {
            line("<p>(the content is not text)</p>");
            return;
        }

        line("<ol>");
        foreach (var paragraph in paragraphs)
        {
            var gone = withheld.FirstOrDefault(w => w.Document == part.Head.Id && w.Paragraph == paragraph.Number);
            line(gone is null
                ? $"<li value=\"{paragraph.Number}\">{E(paragraph.Text)}</li>"
                : $"<li value=\"{paragraph.Number}\" class=\"withheld\">{E(gone.Marker)}</li>");
        }

        line("</ol>");
    }

    private static void WithheldWhole(IReadOnlyList<WithheldPart> withheld, DocumentKind kind, Action<string> line)
    {
        foreach (var part in withheld.Where(w => w.Kind == kind && w.Paragraph is null))
        {
            line($"<section class=\"withheld\" id=\"d-{part.Document}\"><h3>{E(kind.ToString())} {part.Document}</h3><p>{E(part.Marker)}</p></section>");
        }
    }

    private static string E(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);
}
