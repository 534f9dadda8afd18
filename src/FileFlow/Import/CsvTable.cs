using System.Text;

namespace FileFlow.Import;

/// <summary>An RFC 4180 CSV table read whole: a header row naming the columns, then data rows, each with the line it starts on.</summary>
/// <remarks>Fields are separated by commas; a field in double quotes may hold commas, line breaks and doubled quotes. Column names are compared
/// case-insensitively after trimming. A quote inside an unquoted field, an unterminated quote or a row with the wrong number of fields is an error.</remarks>
internal sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>Parses <paramref name="text"/>; a malformed table is reported as errors (row and column) rather than thrown.</summary>
    public static CsvTable Parse(string text, List<ImportError> errors)
    {
        var records = new List<(int Line, List<string> Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        var atFieldStart = true;
        var quoted = false;
        var bad = false;
        while (i <= text.Length)
        {
            if (i == text.Length || text[i] is '\n' or '\r')
            {
                fields.Add(field.ToString());
                field.Clear();
                if (!(fields.Count == 1 && fields[0].Length == 0))
                {
                    records.Add((recordLine, fields));
                }

                fields = [];
                if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                i++;
                line++;
                recordLine = line;
                atFieldStart = true;
                continue;
            }

            var c = text[i];
            if (c == '"' && atFieldStart)
            {
                quoted = true;
                i++;
                while (quoted)
                {
                    if (i >= text.Length)
                    {
                        errors.Add(new ImportError(recordLine, null, "a quoted field is not closed before the end of the file"));
                        return new CsvTable([], []);
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        quoted = false;
                        i++;
                        if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                        {
                            errors.Add(new ImportError(recordLine, null, "text follows a closing quote; a quote inside a field is written as two quotes"));
                            bad = true;
                        }

                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i]);
                    i++;
                }

                atFieldStart = false;
                continue;
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
                i++;
                continue;
            }

            if (c == '"' && !bad)
            {
                errors.Add(new ImportError(recordLine, null, "a quote inside an unquoted field; quote the whole field and double the quote"));
                bad = true;
            }

            field.Append(c);
            atFieldStart = false;
            i++;
        }

        if (records.Count == 0)
        {
            errors.Add(new ImportError(1, null, "the file is empty: the first row must name the columns"));
            return new CsvTable([], []);
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var (at, values) in records.Skip(1))
        {
            if (values.Count != header.Count)
            {
                errors.Add(new ImportError(at, null, $"the row has {values.Count} fields; the header names {header.Count}"));
                continue;
            }

            rows.Add(new CsvRow(at, header, values));
        }

        return new CsvTable(header, rows);
    }
}

/// <summary>One data row: its line in the file and its fields by column name.</summary>
internal sealed class CsvRow(int line, IReadOnlyList<string> header, IReadOnlyList<string> values)
{
    public int Line { get; } = line;

    /// <summary>Returns the trimmed field of <paramref name="column"/>, or <see langword="null"/> when the column is absent or the field is empty.</summary>
    public string? this[string column]
    {
        get
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (header[i] == column)
                {
                    var value = values[i].Trim();
                    return value.Length == 0 ? null : value;
                }
            }

            return null;
        }
    }
}
