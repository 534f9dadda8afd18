using FileFlow.Documents;

namespace FileFlow.Machines;

/// <summary>One row of a machine's transition table.</summary>
/// <param name="From">The state the trigger is permitted in.</param>
/// <param name="Trigger">The trigger.</param>
/// <param name="To">The state after it (the same state for a re-entry or internal transition).</param>
public readonly record struct MachineTransition(DocumentState From, DocumentTrigger Trigger, DocumentState To);
