namespace FileFlow.Time;

/// <summary>Says which days are working days, for time limits counted in working days.</summary>
public interface IHolidayCalendar
{
    /// <summary>Returns whether <paramref name="day"/> is a working day.</summary>
    bool IsWorkingDay(DateOnly day);
}
