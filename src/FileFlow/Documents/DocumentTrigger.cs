namespace FileFlow.Documents;

/// <summary>The actions an officer can take on a document; which are permitted depends on its kind and state.</summary>
public enum DocumentTrigger
{
    /// <summary>Creates the document: opens a file, diarises a receipt or starts a noting.</summary>
    Create = 1,

    /// <summary>Sends the document to a recipient post (up or across the hierarchy).</summary>
    Forward = 2,

    /// <summary>Sends the document back down, by default to the post that sent it.</summary>
    Return = 3,

    /// <summary>The sender pulls the document back before the recipient has acted on it.</summary>
    Recall = 4,

    /// <summary>Approves (sanctions) the document.</summary>
    Approve = 5,

    /// <summary>Rejects the document; a reason is required.</summary>
    Reject = 6,

    /// <summary>Parks the document (temporary closure).</summary>
    Park = 7,

    /// <summary>Reopens a parked or closed document; the reopening officer holds it.</summary>
    Reopen = 8,

    /// <summary>Closes the document.</summary>
    Close = 9,

    /// <summary>Puts a receipt up in a file: fired on the file, it moves the receipt to <see cref="DocumentState.Attached"/>.</summary>
    AttachReceipt = 10,

    /// <summary>Fired on a receipt when it is put up in a file (as a consequence of <see cref="AttachReceipt"/>).</summary>
    PutInFile = 11,

    /// <summary>Replaces the text of a draft noting; only its author, only while it is a draft.</summary>
    Edit = 12,

    /// <summary>Discards a draft noting.</summary>
    Discard = 13,

    /// <summary>Moves an overdue service file to the appellate officer, by operation of law when its time limit passes; signed by the system.</summary>
    Escalate = 14,

    /// <summary>Returns a service file to the applicant for a missing document or detail; the time-limit clock stops.</summary>
    ReturnToApplicant = 15,

    /// <summary>Records the applicant's resubmission; the clock restarts where it stopped.</summary>
    Resubmit = 16,
}
