using System.Collections.Frozen;
using System.Reflection;

namespace FileFlow.Storage;

/// <summary>The attribute keys FileFlow writes into records; applications may add their own under other keys.</summary>
public static class RecordAttributes
{
    /// <summary>A file's number, on its creation record.</summary>
    public const string FileNumber = "fileNumber";

    /// <summary>A receipt's diary number, on its creation record.</summary>
    public const string DiaryNumber = "diaryNumber";

    /// <summary>The subject of a file or receipt.</summary>
    public const string Subject = "subject";

    /// <summary>The service a file is for.</summary>
    public const string Service = "service";

    /// <summary>Prefix of a service input's key, for example <c>input.amount</c>.</summary>
    public const string InputPrefix = "input.";

    /// <summary>Who sent a receipt.</summary>
    public const string ReceivedFrom = "receivedFrom";

    /// <summary>The date on a receipt's letter (ISO 8601).</summary>
    public const string LetterDate = "letterDate";

    /// <summary>Whether a receipt arrived electronically or on paper.</summary>
    public const string Medium = "medium";

    /// <summary>The file a noting belongs to, or that a receipt is put up in.</summary>
    public const string Parent = "parent";

    /// <summary>A receipt put up in a file (on the file's record).</summary>
    public const string Receipt = "receipt";

    /// <summary>The reason given for a rejection, return or other action.</summary>
    public const string Reason = "reason";

    /// <summary>The file action a noting or receipt moved with.</summary>
    public const string CausedBy = "causedBy";

    /// <summary>When the service is due (ISO 8601, UTC).</summary>
    public const string DueAt = "dueAt";

    /// <summary>The version of the service definition a file was opened under.</summary>
    public const string ServiceVersion = "serviceVersion";

    /// <summary>The SHA-256 digest of the service definition a file was opened under.</summary>
    public const string ServiceDigest = "serviceDigest";

    /// <summary>The role competent to sanction, fixed from the inputs when the file was opened.</summary>
    public const string Authority = "authority";

    /// <summary>When the time-limit clock started (ISO 8601, UTC).</summary>
    public const string ClockStart = "clockStart";

    /// <summary>The escalation level an escalation record moves the file to (1 or 2).</summary>
    public const string Escalation = "escalation";

    /// <summary>When the file had fallen due, on an escalation record.</summary>
    public const string OverdueSince = "overdueSince";

    /// <summary>Formats a time for an attribute: ISO 8601 round-trip form in UTC.</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The employee who applied for a service (the officer id), on a file's creation record.</summary>
    public const string Applicant = "applicant";

    /// <summary>The appeal level an appeal record moves the file to (1 or 2).</summary>
    public const string AppealLevel = "appealLevel";

    /// <summary>A document's security grading, on its creation record.</summary>
    public const string Grading = "grading";

    /// <summary>Whom the applicant may appeal to (a post), on a rejection.</summary>
    public const string AppealTo = "appealTo";

    /// <summary>The last day to appeal (ISO 8601, UTC), on a rejection or an appeal order.</summary>
    public const string AppealBy = "appealBy";

    /// <summary>The days within which an appeal order directs delivery.</summary>
    public const string DeliverWithinDays = "deliverWithinDays";

    /// <summary>Prefix of a penalty imposed by an appeal order: <c>penalty.&lt;officer&gt;</c> = amount in rupees.</summary>
    public const string PenaltyPrefix = "penalty.";

    /// <summary>Whether an imposed penalty is paid to the applicant as compensation (<c>true</c>/<c>false</c>).</summary>
    public const string Compensation = "compensation";

    /// <summary>Whether a second appeal was opened on the authority's own motion.</summary>
    public const string OwnMotion = "ownMotion";

    /// <summary>The cause shown for a late appeal (the window is extended for cause).</summary>
    public const string DelayCause = "delayCause";

    /// <summary>The posts a receipt's copies went to, on a forward to several recipients.</summary>
    public const string CopiesTo = "copiesTo";

    /// <summary>The original receipt a copy was made from.</summary>
    public const string CopyOf = "copyOf";

    /// <summary>The draft an issued receipt comes from (the reference back).</summary>
    public const string IssuedFrom = "issuedFrom";

    /// <summary>The file the issued draft belongs to (its number), on the receipt it arrives as.</summary>
    public const string IssuedFromFile = "issuedFromFile";

    /// <summary>A dispatch number given to a draft dispatched outside the system.</summary>
    public const string DispatchNumber = "dispatchNumber";

    /// <summary>The addressee of an issued or dispatched draft.</summary>
    public const string Addressee = "addressee";

    /// <summary>The post a transfer moved documents from.</summary>
    public const string TransferredFrom = "transferredFrom";

    /// <summary>How many documents one transfer moved (on each of its records).</summary>
    public const string TransferCount = "transferCount";

    /// <summary>The fingerprint of the request an action answered (SHA-256 of its canonical form, hex), on the action's main record; a retry with the same action id must match it.</summary>
    public const string Request = "request";

    /// <summary>The routing rule's note on why the document went where it did.</summary>
    public const string Routing = "routing";

    /// <summary>The instance a file is sent to (<see cref="Documents.DocumentTrigger.SendToInstance"/>).</summary>
    public const string ToInstance = "toInstance";

    /// <summary>The instance that sends a file (<see cref="Documents.DocumentTrigger.SendToInstance"/>) or that received it (<see cref="Documents.DocumentTrigger.ReceiveFromInstance"/>).</summary>
    public const string Instance = "instance";

    /// <summary>The posts a file's question is referred to for comment (<see cref="Documents.DocumentTrigger.Refer"/>), comma-separated.</summary>
    public const string ReferredTo = "referredTo";

    /// <summary>The date by which a referral's comments are due (ISO 8601).</summary>
    public const string ReplyBy = "replyBy";

    /// <summary>On a noting that answers a referral: the sequence of the file's <see cref="Documents.DocumentTrigger.Refer"/> record it answers.</summary>
    public const string Referral = "referral";

    /// <summary>How many records a <see cref="Documents.DocumentTrigger.ReceiveFromInstance"/> imported in its own append, just before it.</summary>
    public const string Imported = "imported";

    /// <summary>The document a <see cref="Documents.DocumentTrigger.Withhold"/> withholds from certified copies.</summary>
    public const string Withheld = "withheld";

    /// <summary>The paragraph of a noting a <see cref="Documents.DocumentTrigger.Withhold"/> withholds, when not the whole document.</summary>
    public const string WithheldParagraph = "withheldParagraph";

    /// <summary>The clause of section 8(1) of the RTI Act a withholding relies on, for example <c>8(1)(j)</c>.</summary>
    public const string RtiSection = "rtiSection";

    private static readonly FrozenSet<string> ReservedKeys = typeof(RecordAttributes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && !f.Name.EndsWith("Prefix", StringComparison.Ordinal))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Returns whether a key is one FileFlow writes (any key above, or one under <see cref="InputPrefix"/> or <see cref="PenaltyPrefix"/>), so an application may not set it on an action.</summary>
    public static bool IsReserved(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReservedKeys.Contains(key)
            || key.StartsWith(InputPrefix, StringComparison.Ordinal)
            || key.StartsWith(PenaltyPrefix, StringComparison.Ordinal);
    }
}
