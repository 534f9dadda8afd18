using FileFlow.Documents;
using FileFlow.Services;
using FileFlow.Storage;

namespace FileFlow.Time;

/// <summary>Computes due dates and time-limit status from a service's stipulated time and a holiday calendar.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ServiceClock(IHolidayCalendar? calendar = null)
{
    private readonly IHolidayCalendar calendar = calendar ?? new WorkingDayCalendar();

    /// <summary>Returns when a limit started at <paramref name="start"/> falls due: calendar days added, or working days counted on the calendar.</summary>
    public DateTimeOffset DueAt(DateTimeOffset start, TimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (!limit.WorkingDays)
        {
            return start.AddDays(limit.Days);
        }

        var due = start;
        for (var counted = 0; counted < limit.Days;)
        {
            due = due.AddDays(1);
            if (calendar.IsWorkingDay(DateOnly.FromDateTime(due.UtcDateTime)))
            {
                counted++;
            }
        }

        return due;
    }

    /// <summary>Returns a document's status against its time limit at <paramref name="now"/>.</summary>
    public static TimeLimitStatus StatusOf(DocumentHead head, ServiceDefinition? service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (head.DueAt is not { } due || service is null)
        {
            return TimeLimitStatus.None;
        }

        if (head.State is DocumentState.Approved or DocumentState.Rejected || !DocumentStates.IsPending(head.Kind, head.State))
        {
            return TimeLimitStatus.Completed;
        }

        if (head.PausedAt is not null)
        {
            return TimeLimitStatus.Paused;
        }

        if (head.EscalationLevel > 0 || now > due)
        {
            return TimeLimitStatus.Breached;
        }

        var window = TimeSpan.FromDays(service.TimeLimit.Days);
        return due - now <= window * (1 - service.TimeLimit.AtRiskShare) ? TimeLimitStatus.AtRisk : TimeLimitStatus.OnTime;
    }
}
