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
}
