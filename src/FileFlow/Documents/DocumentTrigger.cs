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

    /// <summary>Starts a yellow note: a draft note written for correction (by a PA or a junior), not yet part of the file's record.</summary>
    CreateYellow = 17,

    /// <summary>Confirms a yellow note into a green note (the permanent note), by the officer it was written for.</summary>
    Confirm = 18,

    /// <summary>Records that the recipient opened the document; after it the sender can no longer pull it back.</summary>
    Open = 19,

    /// <summary>Marks a physical receipt as received in the inbox; nothing else may be done with it before.</summary>
    Receive = 20,

    /// <summary>An administrator moves a departing officer's documents to another post, in one signed operation.</summary>
    Transfer = 21,

    /// <summary>Issues an approved draft inside the system: it arrives as a new receipt in the addressee's office.</summary>
    Issue = 22,

    /// <summary>Dispatches an approved draft outside the system, with a dispatch number.</summary>
    Dispatch = 23,

    /// <summary>Acknowledges a complete application: the service's clock starts and the due date is written on the acknowledgment.</summary>
    Acknowledge = 24,

    /// <summary>The applicant files a first appeal against a rejection or a default.</summary>
    Appeal = 25,

    /// <summary>A second appeal against the first appeal's order or a default on it, by the applicant or on the authority's own motion.</summary>
    SecondAppeal = 26,

    /// <summary>The appellate officer allows the appeal and orders delivery within a period.</summary>
    AllowAppeal = 27,

    /// <summary>The appellate officer dismisses the appeal, with reasons.</summary>
    DismissAppeal = 28,

    /// <summary>Sends a file to a post in another FileFlow instance; the file is read-only here until it comes back.</summary>
    SendToInstance = 29,

    /// <summary>Records that a file sent from another instance arrived here, after its signed history was verified and imported; signed by the system.</summary>
    ReceiveFromInstance = 30,

    /// <summary>Refers the file's question to several posts for comment by a date; the file stays where it is and moves on as usual meanwhile.</summary>
    Refer = 31,

    /// <summary>The first appellate officer extends the time to decide a first appeal, once, as far as the service's act allows, recording the reasons.</summary>
    ExtendAppealTime = 32,

    /// <summary>Withholds a document of the file, or one paragraph of a noting, from certified copies, under a clause of section 8(1) of the RTI Act; by the public information officer.</summary>
    Withhold = 33,
}
