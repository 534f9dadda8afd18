using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>One period a file spent parked: when and by whom it was parked and reopened (or closed), and why.</summary>
/// <param name="ParkedAt">When it was parked.</param>
/// <param name="ParkedBy">Who parked it.</param>
/// <param name="Reason">The reason given, if any.</param>
/// <param name="EndedAt">When it was reopened or closed, or <see langword="null"/> while still parked.</param>
/// <param name="EndedBy">Who reopened or closed it.</param>
public sealed record ParkPeriod(DateTimeOffset ParkedAt, OfficerId ParkedBy, string? Reason, DateTimeOffset? EndedAt, OfficerId? EndedBy);
