using System.Collections.Immutable;
using System.Globalization;
using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Import;

/// <summary>Reads an Employee Master Data (EMD) CSV file: one table whose <c>record</c> column says what each row is (<c>office</c>, <c>section</c>,
/// <c>post</c>, <c>officer</c>, <c>assignment</c>). All or nothing: every problem is collected, with its row and column, into one
/// <see cref="EmployeeMasterDataException"/>.</summary>
/// <remarks>Columns: <c>record, office, section, post, officer, name, designation, level, role, reports_to, holders, clearance, administrator, from, to</c>
/// (any order; only <c>record</c> must be present). Dates are <c>yyyy-MM-dd</c> (midnight India Standard Time) or ISO 8601 with an offset; <c>to</c> is
/// exclusive and empty while the charge is held. A post has at most <c>holders</c> holders at a time (1 when empty); an officer holds one post at a time
/// (additional charge is a delegation). Personal identifiers (Aadhaar, mobile, PAN and the like) are refused, not stored: their column is an error.</remarks>
public static class EmployeeMasterDataImporter
{
    /// <summary>The offset of dates written without a time: India Standard Time.</summary>
    public static readonly TimeSpan DateOffset = TimeSpan.FromHours(5.5);

    private static readonly string[] Columns =
        ["record", "office", "section", "post", "officer", "name", "designation", "level", "role", "reports_to", "holders", "clearance", "administrator", "from", "to"];

    private static readonly string[] PersonalIdentifiers =
        ["aadhaar", "aadhar", "uid", "mobile", "phone", "pan", "email", "dob", "date_of_birth", "birth", "address", "bank", "ifsc", "gpf_no", "pran"];

    /// <summary>Reads an EMD file from disk.</summary>
    /// <exception cref="EmployeeMasterDataException">The file has problems; each is named by row and column, and nothing is returned.</exception>
    public static async Task<EmployeeMasterData> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text, Path.GetFileName(path));
    }

    /// <summary>Reads EMD CSV text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="EmployeeMasterDataException">The text has problems; each is named by row and column, and nothing is returned.</exception>
    public static EmployeeMasterData Parse(string csv, string source)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var errors = new List<ImportError>();
        var table = CsvTable.Parse(csv, errors);
        CheckHeader(table.Header, errors);
        if (errors.Count > 0)
        {
            throw new EmployeeMasterDataException(source, errors);
        }

        var reader = new Reader(errors);
        foreach (var row in table.Rows)
        {
            reader.Add(row);
        }

        var data = reader.Finish();
        if (errors.Count > 0)
        {
            throw new EmployeeMasterDataException(source, errors.OrderBy(e => e.Row));
        }

        return data;
    }

    private static void CheckHeader(IReadOnlyList<string> header, List<ImportError> errors)
    {
        if (header.Count == 0)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in header)
        {
            var squashed = column.Replace("_", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (PersonalIdentifiers.Any(p => column.StartsWith(p, StringComparison.Ordinal) || squashed.StartsWith(p.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal)))
            {
                errors.Add(new ImportError(1, column, "personal identifiers beyond name, designation and office are not accepted; remove the column"));
            }
            else if (!Columns.Contains(column))
            {
                errors.Add(new ImportError(1, column, $"unknown column; the columns are {string.Join(", ", Columns)}"));
            }
            else if (!seen.Add(column))
            {
                errors.Add(new ImportError(1, column, "the column appears twice"));
            }
        }

        if (!header.Contains("record"))
        {
            errors.Add(new ImportError(1, "record", "the header has no 'record' column (office, section, post, officer or assignment)"));
        }
    }

    private sealed class Reader(List<ImportError> errors)
    {
        private readonly List<(int Line, string Id, string Name)> offices = [];
        private readonly Dictionary<string, List<string>> sections = new(StringComparer.Ordinal);
        private readonly List<(int Line, Post Post, int Holders)> posts = [];
        private readonly List<(int Line, Officer Officer)> officers = [];
        private readonly List<(int Line, Assignment Assignment)> assignments = [];
        private readonly List<(int Line, string Office, string Section)> sectionRows = [];
        private readonly List<(int Line, string Post, string ReportsTo)> reportingLines = [];
        private readonly List<(int Line, string Officer, string Post)> assignmentRefs = [];

        public void Add(CsvRow row)
        {
            switch (row["record"]?.ToLowerInvariant())
            {
                case "office":
                    if (Required(row, "office") is { } officeId && Required(row, "name") is { } name)
                    {
                        offices.Add((row.Line, officeId, name));
                    }

                    break;
                case "section":
                    if (Required(row, "office") is { } sectionOffice && Required(row, "section") is { } code)
                    {
                        sectionRows.Add((row.Line, sectionOffice, code));
                    }

                    break;
                case "post":
                    AddPost(row);
                    break;
                case "officer":
                    AddOfficer(row);
                    break;
                case "assignment":
                    AddAssignment(row);
                    break;
                case null:
                    errors.Add(new ImportError(row.Line, "record", "empty; write office, section, post, officer or assignment"));
                    break;
                default:
                    errors.Add(new ImportError(row.Line, "record", $"'{row["record"]}' is not a record type; write office, section, post, officer or assignment"));
                    break;
            }
        }

        private void AddPost(CsvRow row)
        {
            var id = Required(row, "post");
            var office = Required(row, "office");
            var designation = Required(row, "designation");
            var level = Integer(row, "level", required: true, min: 0);
            var holders = Integer(row, "holders", required: false, min: 1) ?? 1;
            if (id is null || office is null || designation is null || level is null)
            {
                return;
            }

            var post = new Post(new PostId(id), designation, level.Value, new OfficeId(office))
            {
                Section = row["section"],
                Role = row["role"],
                ReportsTo = row["reports_to"] is { } boss ? new PostId(boss) : null,
            };
            posts.Add((row.Line, post, holders));
            if (row["reports_to"] is { } reportsTo)
            {
                reportingLines.Add((row.Line, id, reportsTo));
            }
        }

        private void AddOfficer(CsvRow row)
        {
            var id = Required(row, "officer");
            var name = Required(row, "name");
            var clearance = SecurityGrading.Normal;
            if (row["clearance"] is { } c && !(Enum.TryParse(c.Replace(" ", string.Empty, StringComparison.Ordinal), ignoreCase: true, out clearance)
                                            && Enum.IsDefined(clearance) && !int.TryParse(c, out _)))
            {
                errors.Add(new ImportError(row.Line, "clearance", $"'{c}' is not a grading; write Normal, Confidential, Secret or TopSecret"));
                return;
            }

            var administrator = false;
            if (row["administrator"] is { } a)
            {
                switch (a.ToLowerInvariant())
                {
                    case "yes" or "true" or "y" or "1":
                        administrator = true;
                        break;
                    case "no" or "false" or "n" or "0":
                        break;
                    default:
                        errors.Add(new ImportError(row.Line, "administrator", $"'{a}' is not yes or no"));
                        return;
                }
            }

            if (id is not null && name is not null)
            {
                officers.Add((row.Line, new Officer(new OfficerId(id), name) { Clearance = clearance, IsAdministrator = administrator }));
            }
        }

        private void AddAssignment(CsvRow row)
        {
            var officer = Required(row, "officer");
            var post = Required(row, "post");
            var from = Date(row, "from", required: true);
            var to = Date(row, "to", required: false);
            if (officer is null || post is null || from is null)
            {
                return;
            }

            if (to is { } until && until <= from)
            {
                errors.Add(new ImportError(row.Line, "to", $"{row["to"]} is not after 'from' ({row["from"]}); 'to' is the day the charge was handed over"));
                return;
            }

            assignments.Add((row.Line, new Assignment(new OfficerId(officer), new PostId(post), from.Value, to)));
            assignmentRefs.Add((row.Line, officer, post));
        }

        public EmployeeMasterData Finish()
        {
            var officeIds = Unique(offices.Select(o => (o.Line, o.Id)), "office", "office");
            foreach (var (line, office, section) in sectionRows)
            {
                if (!officeIds.Contains(office))
                {
                    errors.Add(new ImportError(line, "office", $"unknown office '{office}'"));
                }
                else if (!AddSection(office, section))
                {
                    errors.Add(new ImportError(line, "section", $"section '{section}' of office '{office}' is listed twice"));
                }
            }

            var postIds = Unique(posts.Select(p => (p.Line, p.Post.Id.Value)), "post", "post");
            foreach (var (line, post, _) in posts)
            {
                if (!officeIds.Contains(post.Office.Value))
                {
                    errors.Add(new ImportError(line, "office", $"unknown office '{post.Office}'"));
                }
                else if (post.Section is { } section && !(sections.TryGetValue(post.Office.Value, out var list) && list.Contains(section)))
                {
                    errors.Add(new ImportError(line, "section", $"office '{post.Office}' has no section '{section}' (add a section row)"));
                }
            }

            foreach (var (line, post, boss) in reportingLines)
            {
                if (!postIds.Contains(boss))
                {
                    errors.Add(new ImportError(line, "reports_to", $"unknown post '{boss}'"));
                }
                else if (boss == post)
                {
                    errors.Add(new ImportError(line, "reports_to", $"post '{post}' reports to itself"));
                }
            }

            CheckCycles();
            var officerIds = Unique(officers.Select(o => (o.Line, o.Officer.Id.Value)), "officer", "officer");
            foreach (var (line, officer, post) in assignmentRefs)
            {
                if (!officerIds.Contains(officer))
                {
                    errors.Add(new ImportError(line, "officer", $"unknown officer '{officer}'"));
                }

                if (!postIds.Contains(post))
                {
                    errors.Add(new ImportError(line, "post", $"unknown post '{post}'"));
                }
            }

            CheckOverlaps();
            CheckHolders();
            return new EmployeeMasterData
            {
                Offices = [.. offices.Select(o => new Office(new OfficeId(o.Id), o.Name)
                {
                    Sections = sections.TryGetValue(o.Id, out var list) ? [.. list] : ImmutableArray<string>.Empty,
                })],
                Posts = [.. posts.Select(p => p.Post)],
                Officers = [.. officers.Select(o => o.Officer)],
                Assignments = [.. assignments.Select(a => a.Assignment)],
            };
        }

        private bool AddSection(string office, string section)
        {
            if (!sections.TryGetValue(office, out var list))
            {
                sections[office] = list = [];
            }

            if (list.Contains(section))
            {
                return false;
            }

            list.Add(section);
            return true;
        }

        private void CheckCycles()
        {
            var bossOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (line, post, boss) in reportingLines)
            {
                bossOf.TryAdd(post, boss);
                lineOf.TryAdd(post, line);
            }

            // Colour the reporting graph: 0 unvisited, 1 on the current walk, 2 known to end at the top.
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var start in bossOf.Keys)
            {
                var walk = new List<string>();
                var p = start;
                while (p is not null && state.GetValueOrDefault(p) == 0)
                {
                    state[p] = 1;
                    walk.Add(p);
                    p = bossOf.GetValueOrDefault(p);
                }

                if (p is not null && state[p] == 1)
                {
                    var loop = walk.Skip(walk.IndexOf(p)).ToList();
                    var first = loop.OrderBy(x => lineOf[x]).First();
                    errors.Add(new ImportError(lineOf[first], "reports_to", $"the reporting line loops: {string.Join(" → ", loop)} → {p}"));
                }

                walk.ForEach(w => state[w] = 2);
            }
        }

        private void CheckOverlaps()
        {
            foreach (var group in assignments.GroupBy(a => a.Assignment.Officer))
            {
                var ordered = group.OrderBy(a => a.Assignment.From).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    var previous = ordered[i - 1];
                    if (previous.Assignment.Until is not { } until || until > ordered[i].Assignment.From)
                    {
                        errors.Add(new ImportError(ordered[i].Line, "from",
                            $"officer '{group.Key}' already holds post '{previous.Assignment.Post}' then (row {previous.Line}); an officer holds one post at a time"));
                    }
                }
            }
        }

        private void CheckHolders()
        {
            var allowed = posts.GroupBy(p => p.Post.Id).ToDictionary(g => g.Key, g => g.First().Holders);
            foreach (var group in assignments.GroupBy(a => a.Assignment.Post))
            {
                if (!allowed.TryGetValue(group.Key, out var holders))
                {
                    continue;
                }

                // Sweep the starts and ends in time order (an end before a start at the same instant: a handover is not an overlap).
                var events = group.SelectMany(a => a.Assignment.Until is { } u
                        ? new[] { (At: a.Assignment.From, Delta: 1, a.Line), (At: u, Delta: -1, a.Line) }
                        : [(At: a.Assignment.From, Delta: 1, a.Line)])
                    .OrderBy(e => e.At).ThenBy(e => e.Delta);
                var count = 0;
                foreach (var e in events)
                {
                    count += e.Delta;
                    if (e.Delta > 0 && count > holders)
                    {
                        errors.Add(new ImportError(e.Line, "post",
                            $"post '{group.Key}' would have {count} holders from {e.At:yyyy-MM-dd}; it allows {holders} (set 'holders' on the post row to allow more)"));
                        break;
                    }
                }
            }
        }

        private HashSet<string> Unique(IEnumerable<(int Line, string Id)> ids, string what, string column)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (line, id) in ids)
            {
                if (!set.Add(id))
                {
                    errors.Add(new ImportError(line, column, $"{what} '{id}' is listed twice"));
                }
            }

            return set;
        }

        private string? Required(CsvRow row, string column)
        {
            var value = row[column];
            if (value is null)
            {
                errors.Add(new ImportError(row.Line, column, $"required in a '{row["record"]}' row"));
            }

            return value;
        }

        private int? Integer(CsvRow row, string column, bool required, int min)
        {
            var text = required ? Required(row, column) : row[column];
            if (text is null)
            {
                return null;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
            {
                errors.Add(new ImportError(row.Line, column, $"'{text}' is not a whole number of at least {min}"));
                return null;
            }

            return value;
        }

        private DateTimeOffset? Date(CsvRow row, string column, bool required)
        {
            var text = required ? Required(row, column) : row[column];
            if (text is null)
            {
                return null;
            }

            if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return new DateTimeOffset(day, DateOffset);
            }

            if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var at))
            {
                return at;
            }

            errors.Add(new ImportError(row.Line, column, $"'{text}' is not a date; write yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss+05:30"));
            return null;
        }
    }
}
