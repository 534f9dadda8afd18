using System.Collections.Immutable;

namespace FileFlow.Services;

/// <summary>Who delivers a service and who hears appeals, by role, with each level's time limits.</summary>
/// <param name="Designated">The designated officer's role (who must deliver in time).</param>
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
    /// <summary>The words <c>appeals.onEscalation</c> may hold: <c>orderDelivery</c>, <c>decideWithinPowers</c> and <c>sendUp</c>.</summary>
    public static ImmutableArray<string> EscalationPowers { get; } = ["orderDelivery", "decideWithinPowers", "sendUp"];

    /// <summary>Gets what the appellate officer may do with a file escalated to them (from <c>appeals.onEscalation</c>): order delivery, decide within their own powers, send it up.</summary>
    /// <value>Empty when the definition does not say.</value>
    public ImmutableArray<string> OnEscalation { get; init; } = [];
}
