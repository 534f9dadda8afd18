using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using FileFlow.Cli.Infrastructure;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Services;
using FileFlow.Signing;
using FileFlow.Storage;
using FileFlow.Time;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow report</c>: one self-contained HTML page (inline CSS and SVG, no scripts): pendency over time, time-limit compliance per service, the slowest posts and the penalty ledger.</summary>
internal static class ReportCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create(CliContext context, CommonOptions common)
    {
        var output = new Option<string>("--out") { Description = "Where to write the HTML page", DefaultValueFactory = _ => "report.html", HelpName = "PATH" };
        var org = new Option<string?>("--org") { Description = "The organisation chart (JSON); default <db>.org.json", HelpName = "JSON" };
        var command = new Command("report", "Write an HTML report of the store with charts: pendency, compliance, slowest posts, penalties") { output, org };
        common.AddStoreTo(command);
        command.SetAction(async (result, ct) =>
        {
            var location = common.Location(result);
            var chart = ListCommands.LoadChart(result.GetValue(org), location);
            var opened = await StoreFactory.OpenAsync(location, mustExist: true, readOnly: true, cancellationToken: ct).ConfigureAwait(false);
            await using var disposeStore = opened.ConfigureAwait(false);
            var clock = await ListCommands.StoreClockAsync(opened.Store, location, ct).ConfigureAwait(false);
            var (data, ledger, referrals) = await CliProgress.OverStoreAsync(context, json: false, "reading the store", opened.Store, 1, async store =>
            {
                var collected = await ServiceDeliveryFigures.CollectAsync(store, clock.GetUtcNow(), ct).ConfigureAwait(false);
                var engine = new FileFlowEngine(store, new SignerRegistry(), chart, new FileFlowEngineOptions { TimeProvider = clock, Services = ServiceCatalog.LoadDefaults(), SystemOfficer = null });
                // A read-only report: it escalates nothing, so it needs no system signer (the catalogue is still checked against the chart).
                var ledger = await engine.PenaltyLedgerAsync(ct).ConfigureAwait(false);
                return (collected, ledger, await ConsultationCommands.OutstandingAsync(engine, store, ct).ConfigureAwait(false));
            }, ct).ConfigureAwait(false);
            var html = Render(data, ledger.Take(15).Select(l => (chart.ContainsOfficer(l.Officer) ? $"{chart.GetOfficer(l.Officer).Name} ({l.Officer})" : l.Officer.Value, l.Total, l.Files.Length)).ToList(),
                ledger.Sum(l => l.Total), referrals, clock.GetUtcNow());
            var path = result.GetValue(output)!;
            await File.WriteAllTextAsync(path, html, ct).ConfigureAwait(false);
            context.Out.WriteLine($"Wrote {Path.GetFullPath(path)} ({data.Files:N0} files, {data.Records:N0} records).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Render(
        ServiceDeliveryFigures data, List<(string Officer, decimal Total, int Files)> ledger, decimal penaltyTotal, IReadOnlyList<Referral> referrals, DateTimeOffset now)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>FileFlow report</title><style>")
            .Append("body{font-family:'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:24px 40px;color:#1f2933;background:#f7f8fa}")
            .Append("h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;color:#243b53}.sub{color:#627d98;margin-bottom:18px}")
            .Append(".cards{display:flex;gap:14px;flex-wrap:wrap}.card{background:#fff;border-radius:8px;padding:12px 18px;box-shadow:0 1px 3px #0002;min-width:150px}")
            .Append(".card b{display:block;font-size:24px;color:#102a43}.card span{color:#627d98;font-size:13px}")
            .Append(".panel{background:#fff;border-radius:8px;padding:14px 18px;box-shadow:0 1px 3px #0002}svg text{font-size:12px;fill:#334e68}")
            .Append(".legend span{display:inline-block;margin-right:16px;font-size:13px}.legend i{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px;border-radius:2px}")
            .Append("</style></head><body>\n");
        b.Append("<h1>FileFlow — service delivery report</h1><div class=\"sub\">As of ").Append(now.ToString("yyyy-MM-dd HH:mm", Inv)).Append(" UTC (the store's latest time)</div>\n");
        var onTime = data.Compliance.Values.Sum(c => c.OnTime);
        var breached = data.Compliance.Values.Sum(c => c.Breached);
        var pending = data.Compliance.Values.Sum(c => c.Pending);
        b.Append("<div class=\"cards\">");
        Card(b, data.Files.ToString("N0", Inv), "files");
        Card(b, data.Records.ToString("N0", Inv), "signed records");
        Card(b, onTime + breached == 0 ? "—" : (100.0 * onTime / (onTime + breached)).ToString("0.0", Inv) + "%", "decided within the time limit");
        Card(b, pending.ToString("N0", Inv), $"pending ({data.PendingBreached:N0} past due)");
        Card(b, "Rs " + penaltyTotal.ToString("N0", Inv), "penalty accrued");
        Card(b, referrals.Count.ToString("N0", Inv), $"referrals awaiting comment ({referrals.Count(r => r.IsOverdue(now)):N0} overdue)");
        b.Append("</div>\n");

        b.Append("<h2>Pendency over time</h2><div class=\"panel\">").Append(PendencyChart(data)).Append("</div>\n");
        b.Append("<h2>Time-limit compliance per service</h2><div class=\"panel\"><div class=\"legend\"><span><i style=\"background:#2f9e6e\"></i>on time</span><span><i style=\"background:#e0523f\"></i>breached</span><span><i style=\"background:#9fb3c8\"></i>pending</span></div>")
            .Append(ComplianceChart(data)).Append("</div>\n");
        b.Append("<h2>Slowest posts (median hours a file waits)</h2><div class=\"panel\">")
            .Append(BarChart(data.SlowPosts.Select(p => ($"{p.Post} ({p.Count})", p.MedianHours)).ToList(), "#d9822b", v => v.ToString("0", Inv) + " h")).Append("</div>\n");
        b.Append("<h2>Penalty ledger (officers who held files past their limits, largest first)</h2><div class=\"panel\">")
            .Append(ledger.Count == 0 ? "<p>No penalties: every service was delivered in time.</p>" : BarChart(ledger.Select(l => ($"{l.Officer} — {l.Files} files", (double)l.Total)).ToList(), "#c23b3b", v => "Rs " + v.ToString("N0", Inv)))
            .Append("</div>\n");
        b.Append("<h2>Consultation pendency (referrals awaiting comment, per post asked)</h2><div class=\"panel\">")
            .Append(referrals.Count == 0 ? "<p>No referral awaits comment.</p>" : BarChart(referrals.GroupBy(r => r.Post.Value).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(15).Select(g => ($"{g.Key} ({g.Count(r => r.IsOverdue(now))} overdue)", (double)g.Count())).ToList(), "#5a67d8", v => v.ToString("0", Inv)))
            .Append("</div>\n");
        b.Append("<p class=\"sub\">Generated by fileflow report from the signed records; every figure can be re-derived with fileflow verify.</p></body></html>\n");
        return b.ToString();
    }

    private static void Card(StringBuilder b, string value, string label) =>
        b.Append("<div class=\"card\"><b>").Append(WebUtility.HtmlEncode(value)).Append("</b><span>").Append(WebUtility.HtmlEncode(label)).Append("</span></div>");

    private static string PendencyChart(ServiceDeliveryFigures data)
    {
        if (data.NetOpened.Count == 0)
        {
            return "<p>No files.</p>";
        }

        var days = data.NetOpened.Keys.Order().ToList();
        var series = new List<(DateOnly Day, int Open)>();
        var open = 0;
        for (var d = days[0]; d <= days[^1]; d = d.AddDays(1))
        {
            open += data.NetOpened.GetValueOrDefault(d);
            series.Add((d, open));
        }

        const int W = 1080, H = 260, L = 50, B = 30;
        var max = Math.Max(1, series.Max(s => s.Open));
        double X(int i) => L + ((W - L - 10) * (series.Count == 1 ? 0 : i / (double)(series.Count - 1)));
        double Y(int v) => H - B - ((H - B - 10) * v / (double)max);
        var svg = new StringBuilder($"<svg width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var g = 0; g <= 4; g++)
        {
            var v = max * g / 4;
            svg.Append(Inv, $"<line x1=\"{L}\" x2=\"{W - 10}\" y1=\"{Y(v):0.#}\" y2=\"{Y(v):0.#}\" stroke=\"#e4e7eb\"/><text x=\"{L - 6}\" y=\"{Y(v) + 4:0.#}\" text-anchor=\"end\">{v}</text>");
        }

        var points = string.Join(" ", series.Select((s, i) => string.Create(Inv, $"{X(i):0.#},{Y(s.Open):0.#}")));
        svg.Append(Inv, $"<polygon points=\"{L},{H - B} {points} {X(series.Count - 1):0.#},{H - B}\" fill=\"#2680c2\" fill-opacity=\"0.15\"/>");
        svg.Append(Inv, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"#2680c2\" stroke-width=\"2.5\"/>");
        var step = Math.Max(1, series.Count / 8);
        for (var i = 0; i < series.Count; i += step)
        {
            svg.Append(Inv, $"<text x=\"{X(i):0.#}\" y=\"{H - 10}\" text-anchor=\"middle\">{series[i].Day:dd MMM}</text>");
        }

        svg.Append(Inv, $"<text x=\"{W - 12}\" y=\"16\" text-anchor=\"end\">peak {max:N0} files open</text></svg>");
        return svg.ToString();
    }

    private static string ComplianceChart(ServiceDeliveryFigures data)
    {
        var rows = data.Compliance.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        const int W = 1080, Row = 30, L = 190;
        var max = Math.Max(1, rows.Select(r => r.Value.OnTime + r.Value.Breached + r.Value.Pending).DefaultIfEmpty(1).Max());
        var svg = new StringBuilder($"<svg width=\"{W}\" height=\"{(rows.Count * Row) + 10}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, c) = (rows[i].Key, rows[i].Value);
            var y = (i * Row) + 5;
            svg.Append(Inv, $"<text x=\"{L - 8}\" y=\"{y + 17}\" text-anchor=\"end\">{WebUtility.HtmlEncode(name)}</text>");
            double x = L;
            foreach (var (value, colour) in new[] { (c.OnTime, "#2f9e6e"), (c.Breached, "#e0523f"), (c.Pending, "#9fb3c8") })
            {
                var w = (W - L - 230) * value / (double)max;
                svg.Append(Inv, $"<rect x=\"{x:0.#}\" y=\"{y}\" width=\"{w:0.#}\" height=\"22\" fill=\"{colour}\" rx=\"2\"/>");
                x += w;
            }

            var total = c.OnTime + c.Breached;
            svg.Append(Inv, $"<text x=\"{x + 8:0.#}\" y=\"{y + 16}\">{(total == 0 ? "—" : (100.0 * c.OnTime / total).ToString("0", Inv) + "% on time")} · {c.Breached} breached</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string BarChart(List<(string Label, double Value)> rows, string colour, Func<double, string> format)
    {
        if (rows.Count == 0)
        {
            return "<p>Not enough data.</p>";
        }

        const int W = 1080, Row = 28, L = 330;
        var max = Math.Max(1e-9, rows.Max(r => r.Value));
        var svg = new StringBuilder($"<svg width=\"{W}\" height=\"{(rows.Count * Row) + 10}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = (i * Row) + 5;
            var w = (W - L - 120) * rows[i].Value / max;
            svg.Append(Inv, $"<text x=\"{L - 8}\" y=\"{y + 16}\" text-anchor=\"end\">{WebUtility.HtmlEncode(rows[i].Label)}</text>");
            svg.Append(Inv, $"<rect x=\"{L}\" y=\"{y}\" width=\"{w:0.#}\" height=\"20\" fill=\"{colour}\" rx=\"2\"/>");
            svg.Append(Inv, $"<text x=\"{L + w + 8:0.#}\" y=\"{y + 15}\">{WebUtility.HtmlEncode(format(rows[i].Value))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
