using System.Collections.Immutable;
using System.Text.Json;

namespace FileFlow.Documents;

/// <summary>The canonical bytes of a noting's paragraphs (compact UTF-8 JSON), whose SHA-256 the noting's records sign.</summary>
/// <remarks>Form: <c>[{"n":1,"text":"…","refs":["&lt;document id&gt;",…],"links":[{"note":"&lt;id&gt;","para":1}]},…]</c> (<c>links</c> only when present), paragraphs in number order, no insignificant white space.</remarks>
public static class NotingContent
{
    /// <summary>Encodes paragraphs into canonical bytes.</summary>
    /// <exception cref="ArgumentException">There are no paragraphs, numbering does not run 1, 2, 3 …, or a paragraph is empty.</exception>
    public static byte[] Encode(IReadOnlyList<NotingParagraph> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        if (paragraphs.Count == 0)
        {
            throw new ArgumentException("A noting needs at least one paragraph.", nameof(paragraphs));
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            for (var i = 0; i < paragraphs.Count; i++)
            {
                var p = paragraphs[i];
                if (p.Number != i + 1)
                {
                    throw new ArgumentException($"Paragraph {i + 1} is numbered {p.Number}; number paragraphs 1, 2, 3 ….", nameof(paragraphs));
                }

                if (string.IsNullOrWhiteSpace(p.Text))
                {
                    throw new ArgumentException($"Paragraph {p.Number} is empty.", nameof(paragraphs));
                }

                json.WriteStartObject();
                json.WriteNumber("n", p.Number);
                json.WriteString("text", p.Text);
                json.WriteStartArray("refs");
                foreach (var r in p.References)
                {
                    json.WriteStringValue(r.ToString());
                }

                json.WriteEndArray();
                if (!p.Links.IsDefaultOrEmpty)
                {
                    json.WriteStartArray("links");
                    foreach (var link in p.Links)
                    {
                        json.WriteStartObject();
                        json.WriteString("note", link.Noting.ToString());
                        json.WriteNumber("para", link.Paragraph);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes canonical bytes into paragraphs.</summary>
    /// <exception cref="FormatException">The bytes are not a noting's content.</exception>
    public static ImmutableArray<NotingParagraph> Decode(ReadOnlySpan<byte> content)
    {
        try
        {
            using var doc = JsonDocument.Parse(content.ToArray());
            return doc.RootElement.EnumerateArray()
                .Select(e => new NotingParagraph(e.GetProperty("n").GetInt32(), e.GetProperty("text").GetString()!)
                {
                    References = e.GetProperty("refs").EnumerateArray().Select(r => DocumentId.Parse(r.GetString()!)).ToImmutableArray(),
                    Links = e.TryGetProperty("links", out var links)
                        ? links.EnumerateArray().Select(l => new NoteLink(DocumentId.Parse(l.GetProperty("note").GetString()!), l.GetProperty("para").GetInt32())).ToImmutableArray()
                        : [],
                })
                .ToImmutableArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new FormatException("The content is not a noting's paragraphs: " + e.Message, e);
        }
    }

    /// <summary>Numbers plain paragraphs 1, 2, 3 … without references.</summary>
    public static ImmutableArray<NotingParagraph> Number(params string[] paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        return paragraphs.Select((text, i) => new NotingParagraph(i + 1, text)).ToImmutableArray();
    }
}
