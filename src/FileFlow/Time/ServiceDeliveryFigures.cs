using System.Globalization;
using FileFlow.Documents;
using FileFlow.Storage;

namespace FileFlow.Time;

/// <summary>How a service's files stand against their time limits: decided on time, decided late (or escalated), still pending.</summary>
/// <param name="OnTime">Files decided within their time limit.</param>
/// <param name="Breached">Files decided after it, or escalated.</param>
/// <param name="Pending">Files not yet decided.</param>
public readonly record struct ServiceCompliance(int OnTime, int Breached, int Pending);

/// <summary>How long files wait at one post before they move on.</summary>
/// <param name="Post">The post.</param>
/// <param name="MedianHours">The median wait, in hours.</param>
/// <param name="Count">How many waits were measured.</param>
public readonly record struct PostWait(string Post, double MedianHours, int Count);

/// <summary>The service-delivery figures of a whole store, read from its signed records: files opened and closed per day, time-limit compliance per
/// service, pending files past their limits and the slowest posts. <c>fileflow report</c> and the departmental desk's pendency page show these figures.</summary>
public sealed class ServiceDeliveryFigures
{
    private ServiceDeliveryFigures()
    {
    }

    /// <summary>Gets how many signed records the store holds.</summary>
    public long Records { get; private set; }

    /// <summary>Gets how many files the store holds.</summary>
    public long Files { get; private set; }

    /// <summary>Gets how many pending files are past their time limit (or escalated).</summary>
    public int PendingBreached { get; private set; }

    /// <summary>Gets, per day (UTC), files opened minus files closed; their running sum is the pendency over time.</summary>
    public IReadOnlyDictionary<DateOnly, int> NetOpened => netOpened;

    /// <summary>Gets the compliance of each service (general files under <c>(general)</c> are left out: they have no time limit).</summary>
    public IReadOnlyDictionary<string, ServiceCompliance> Compliance => compliance;

    /// <summary>Gets the twelve posts where files wait longest (median), among posts with at least five measured waits, slowest first.</summary>
    public IReadOnlyList<PostWait> SlowPosts { get; private set; } = [];

    private readonly SortedDictionary<DateOnly, int> netOpened = [];
    private readonly Dictionary<string, ServiceCompliance> compliance = new(StringComparer.Ordinal);

    /// <summary>Reads every record of the store once and computes the figures as of <paramref name="now"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="now">The time the figures are for (pending files past their due time by then count as breached).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ServiceDeliveryFigures> CollectAsync(IDocumentStore store, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var data = new ServiceDeliveryFigures();
        var files = new Dictionary<DocumentId, FileTrack>();
        var waits = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        await foreach (var stored in store.ReadAllAsync(0, cancellationToken).ConfigureAwait(false))
        {
            data.Records++;
            var r = stored.Record;
            if (r.Kind != DocumentKind.File)
            {
                continue;
            }

            var day = DateOnly.FromDateTime(r.OccurredAt.UtcDateTime);
            if (!files.TryGetValue(r.DocumentId, out var f))
            {
                files[r.DocumentId] = f = new FileTrack { Service = r.Attribute(RecordAttributes.Service) ?? "(general)" };
                data.Files++;
                data.netOpened[day] = data.netOpened.GetValueOrDefault(day) + 1;
            }
            else if (f.Holder is { } holder && f.Last is { } last)
            {
                if (!waits.TryGetValue(holder, out var list))
                {
                    waits[holder] = list = [];
                }

                list.Add((r.OccurredAt - last).TotalHours);
            }

            if (r.Attribute(RecordAttributes.DueAt) is { } due && r.Trigger is DocumentTrigger.Create or DocumentTrigger.Resubmit)
            {
                f.Due = DateTimeOffset.Parse(due, CultureInfo.InvariantCulture);
            }

            switch (r.Trigger)
            {
                case DocumentTrigger.Escalate:
                    f.Escalated = true;
                    break;
                case DocumentTrigger.Approve or DocumentTrigger.Reject when f.Decided is null:
                    f.Decided = r.OccurredAt;
                    break;
                case DocumentTrigger.Close:
                    data.netOpened[day] = data.netOpened.GetValueOrDefault(day) - 1;
                    break;
            }

            f.Holder = r.Holder.Value;
            f.Last = r.OccurredAt;
        }

        foreach (var f in files.Values.Where(f => f.Due is not null))
        {
            var c = data.compliance.GetValueOrDefault(f.Service);
            var breached = f.Escalated || (f.Decided ?? now) > f.Due;
            data.compliance[f.Service] = f.Decided is null
                ? c with { Pending = c.Pending + 1 }
                : breached ? c with { Breached = c.Breached + 1 } : c with { OnTime = c.OnTime + 1 };
            if (f.Decided is null && breached)
            {
                data.PendingBreached++;
            }
        }

        data.SlowPosts = waits.Where(w => w.Value.Count >= 5)
            .Select(w => new PostWait(w.Key, Median(w.Value), w.Value.Count))
            .OrderByDescending(w => w.MedianHours).Take(12).ToList();
        return data;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    private sealed class FileTrack
    {
        public required string Service { get; init; }

        public DateTimeOffset? Due { get; set; }

        public DateTimeOffset? Decided { get; set; }

        public bool Escalated { get; set; }

        public string? Holder { get; set; }

        public DateTimeOffset? Last { get; set; }
    }
}
