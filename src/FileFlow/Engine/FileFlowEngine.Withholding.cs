using System.Collections.Immutable;
using System.Globalization;
using FileFlow.Documents;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <content>Withholding a part of a file from certified copies (<see cref="DocumentTrigger.Withhold"/>): the attributes it signs and the part it names.</content>
public sealed partial class FileFlowEngine
{
    // Step 4 of a withholding: what it signs. A clause outside 8(1)(a) to (j) cannot be built, but a default value can, so it is refused here.
    private static void AddWithholding(ImmutableSortedDictionary<string, string>.Builder attributes, Withholding withholding)
    {
        if (withholding.Section.Clause == default)
        {
            throw new UnknownRtiSectionException(null);
        }

        attributes[RecordAttributes.Withheld] = withholding.Document.ToString();
        attributes[RecordAttributes.RtiSection] = withholding.Section.ToString();
        if (withholding.Paragraph is { } paragraph)
        {
            attributes[RecordAttributes.WithheldParagraph] = paragraph.ToString(CultureInfo.InvariantCulture);
        }
    }

    // Step 4 of a withholding: the part must be a noting, receipt or draft of this file, and a paragraph one its noting has now.
    private async ValueTask CheckWithheldPartAsync(DocumentHead file, Withholding withholding, CancellationToken cancellationToken)
    {
        var part = await store.GetHeadAsync(withholding.Document, cancellationToken).ConfigureAwait(false);
        if (part is null || part.Parent != file.Id || part.Kind is not (DocumentKind.Noting or DocumentKind.Receipt or DocumentKind.DraftForApproval))
        {
            throw new InvalidActionException(file.Id, DocumentTrigger.Withhold, $"document {withholding.Document} is not a noting, receipt or draft for approval of this file.");
        }

        if (withholding.Paragraph is not { } paragraph)
        {
            return;
        }

        ReadOnlyMemory<byte>? content = null;
        await foreach (var stored in store.ReadStreamAsync(part.Id, cancellationToken).ConfigureAwait(false))
        {
            content = stored.Content is { Length: > 0 } data ? data : content;
        }

        var count = part.Kind == DocumentKind.Noting && content is { } text ? NotingContent.Decode(text.Span).Length : 0;
        if (paragraph < 1 || paragraph > count)
        {
            throw new InvalidActionException(file.Id, DocumentTrigger.Withhold, part.Kind == DocumentKind.Noting
                ? $"noting {part.Id} has paragraphs 1 to {count}, not {paragraph}."
                : $"document {part.Id} is a {part.Kind}, which has no numbered paragraphs; withhold it whole.");
        }
    }
}
