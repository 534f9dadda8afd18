using System.Collections.Frozen;

namespace FileFlow.Time;

/// <summary>A calendar of weekly days off (Sunday, and second and fourth Saturdays by default as in many state offices) plus gazetted holidays.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class WorkingDayCalendar : IHolidayCalendar
{
    private readonly FrozenSet<DateOnly> holidays;
    private readonly FrozenSet<DayOfWeek> weeklyOff;
    private readonly bool secondAndFourthSaturdaysOff;

    /// <summary>Initializes a calendar.</summary>
    /// <param name="holidays">Gazetted holidays.</param>
    /// <param name="weeklyOff">Days off every week; Sunday by default.</param>
    /// <param name="secondAndFourthSaturdaysOff">Whether the second and fourth Saturdays of a month are off; true by default.</param>
    public WorkingDayCalendar(IEnumerable<DateOnly>? holidays = null, IEnumerable<DayOfWeek>? weeklyOff = null, bool secondAndFourthSaturdaysOff = true)
    {
        this.holidays = (holidays ?? []).ToFrozenSet();
        this.weeklyOff = (weeklyOff ?? [DayOfWeek.Sunday]).ToFrozenSet();
        this.secondAndFourthSaturdaysOff = secondAndFourthSaturdaysOff;
    }

    /// <inheritdoc />
    public bool IsWorkingDay(DateOnly day)
    {
        if (weeklyOff.Contains(day.DayOfWeek) || holidays.Contains(day))
        {
            return false;
        }

        var nth = ((day.Day - 1) / 7) + 1;
        return !(secondAndFourthSaturdaysOff && day.DayOfWeek == DayOfWeek.Saturday && nth is 2 or 4);
    }
}
