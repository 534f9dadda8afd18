namespace FileFlow.Services;

/// <summary>Who delivers a service and who hears appeals, by role, with each level's time limits.</summary>
/// <param name="Designated">The designated officer's role (who must deliver in time; penalties fall on them).</param>
/// <param name="FirstAppellate">The first appellate officer's role (escalation level 1).</param>
/// <param name="SecondAppellate">The second appellate authority's role (escalation level 2).</param>
/// <param name="FirstAppealWindowDays">Days within which an applicant may file a first appeal.</param>
/// <param name="FirstAppealDecisionDays">Days the first appellate officer has to decide (before level 2).</param>
/// <param name="SecondAppealWindowDays">Days within which a second appeal may be filed.</param>
/// <param name="SecondAppealDecisionDays">Days the second appellate authority has to decide.</param>
public sealed record AppellateChain(
    string Designated,
    string FirstAppellate,
    string SecondAppellate,
    int FirstAppealWindowDays,
    int FirstAppealDecisionDays,
    int SecondAppealWindowDays,
    int SecondAppealDecisionDays)
{
    /// <summary>Gets what an appellate officer may do with a file escalated to them for delay.</summary>
    /// <value><see cref="EscalationPowers.All"/> when the definition does not say.</value>
    public EscalationPowers OnEscalation { get; init; } = EscalationPowers.All;

    /// <summary>Gets the days, counted from the first appeal, to which the first appellate officer may extend the time to decide it by recording reasons
    /// (<see cref="Documents.DocumentTrigger.ExtendAppealTime"/>); the RTI Act's s.19(6) allows 45.</summary>
    /// <value><see langword="null"/> when the definition does not say: no extension.</value>
    public int? FirstAppealExtendedDays { get; init; }
}
