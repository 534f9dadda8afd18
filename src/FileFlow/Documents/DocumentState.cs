namespace FileFlow.Documents;

/// <summary>The states a document can be in; each kind's machine uses the subset its transition table names.</summary>
public enum DocumentState
{
    /// <summary>Before the document exists: the state its creation record starts from.</summary>
    None = 0,

    /// <summary>Created and with its creator (a receipt just diarised, a file opened, a noting being written); not yet moved.</summary>
    Draft = 1,

    /// <summary>Sent up or across to a recipient, who now holds it.</summary>
    Forwarded = 2,

    /// <summary>Sent back down to a lower level (or to the sender), who now holds it.</summary>
    Returned = 3,

    /// <summary>Pulled back by its sender before the recipient acted; the sender holds it again.</summary>
    Recalled = 4,

    /// <summary>Approved (sanctioned) by the officer holding it.</summary>
    Approved = 5,

    /// <summary>Rejected, with a reason, by the officer holding it.</summary>
    Rejected = 6,

    /// <summary>Temporarily closed; it can be reopened.</summary>
    Parked = 7,

    /// <summary>Closed; it can be reopened.</summary>
    Closed = 8,

    /// <summary>A receipt put up in a file; it travels with the file from then on.</summary>
    Attached = 9,

    /// <summary>A draft noting its author discarded before it moved; final.</summary>
    Discarded = 10,

    /// <summary>A service file returned to the applicant for something missing; its time-limit clock is stopped.</summary>
    WithApplicant = 11,

    /// <summary>A yellow note: a draft note for correction that can be edited, discarded, or confirmed into a green note.</summary>
    Yellow = 12,

    /// <summary>An approved draft issued inside the system (arrived as a receipt in the addressee's office).</summary>
    Issued = 13,

    /// <summary>An approved draft dispatched outside the system with a dispatch number.</summary>
    Dispatched = 14,

    /// <summary>Before the first appellate officer.</summary>
    UnderAppeal = 15,

    /// <summary>Before the second appellate authority.</summary>
    UnderSecondAppeal = 16,

    /// <summary>Sent to another FileFlow instance: read-only here until it is received back.</summary>
    TransferredOut = 17,
}
