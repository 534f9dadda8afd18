using FileFlow.Organisation;

namespace FileFlow.Services;

/// <summary>A run of whole days of delay on one service file charged to one officer: who was answerable for the file while those days ran, and the penalty they accrue.</summary>
/// <remarks>Day <c>k</c> of delay is charged to the officer answerable for the file at the moment it became <c>k</c> days late: the holder of the post
/// the file lay with, or the officer in current charge of that post while a delegation was in force. While an officer given their own time limit
/// for the file (an appellate officer, or the authority ordered to deliver) is within that limit, the delay stays with the officer in default before them.</remarks>
/// <param name="Officer">The officer charged, or <see langword="null"/> when the post had no holder and no one in charge.</param>
/// <param name="Post">The post the file lay with (or, within another officer's own limit, the post in default).</param>
/// <param name="Capacity"><see cref="ActingCapacity.Holder"/>, or <see cref="ActingCapacity.Delegate"/> for the officer in current charge of an absent holder's post.</param>
/// <param name="FirstDay">The first day of delay in the run (1 is the first whole day past the due date).</param>
/// <param name="Days">How many days the run holds.</param>
/// <param name="From">When the run began (the file was <c>FirstDay - 1</c> days late).</param>
/// <param name="To">When its last day was complete.</param>
/// <param name="Amount">The penalty accrued for these days, after the service's cap.</param>
public sealed record DelayShare(OfficerId? Officer, PostId Post, ActingCapacity Capacity, int FirstDay, int Days, DateTimeOffset From, DateTimeOffset To, decimal Amount)
{
    /// <summary>Gets the last day of delay in the run.</summary>
    public int LastDay => FirstDay + Days - 1;
}
