namespace FileFlow.Services;

/// <summary>What the appellate officer a file is escalated to for delay may do with it, as the service definition states (<c>appeals.onEscalation</c>).</summary>
/// <remarks>Escalation never grants a power the route denies: deciding is always limited to the officer's own powers under the route.</remarks>
[Flags]
public enum EscalationPowers
{
    /// <summary>The appellate officer may do nothing but hold the file.</summary>
    None = 0,

    /// <summary>Order delivery: return the file down to the competent authority or the designated officer with a direction to deliver.</summary>
    OrderDelivery = 1,

    /// <summary>Decide the application where it lies, if the appellate officer's role is at or above the competent authority on the route.</summary>
    DecideWithinPowers = 2,

    /// <summary>Send the file up to the competent authority when it lies above the appellate officer.</summary>
    SendUp = 4,

    /// <summary>All of the above: the default when a definition does not say.</summary>
    All = OrderDelivery | DecideWithinPowers | SendUp,
}
