using FileFlow.Organisation;

namespace FileFlow.Authority;

/// <summary>Where an overdue service file goes by operation of law: the appellate level and its post, strictly above the post in default.</summary>
/// <param name="Level">The escalation level reached (1 the first appellate officer, 2 the second appellate authority).</param>
/// <param name="Role">The appellate role of that level.</param>
/// <param name="Post">The post holding that role for the file.</param>
internal sealed record EscalationTarget(int Level, string Role, PostId Post);
