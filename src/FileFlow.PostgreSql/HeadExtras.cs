using System.Text.Json;
using FileFlow.Documents;
using FileFlow.Organisation;
using FileFlow.Storage;

namespace FileFlow.PostgreSql;

/// <summary>The head fields that no query filters on, kept as one JSON column so the projection can grow without a column per field.</summary>
internal static class HeadExtras
{
    public static string Serialize(DocumentHead head) => JsonSerializer.Serialize(new Extras(
        head.SentBy?.Value,
        head.ServiceVersion,
        head.Authority,
        head.EscalationLevel,
        head.PausedAt,
        head.Applicant?.Value,
        head.AppealLevel,
        (int)head.Grading,
        head.Physical,
        head.AwaitingReceipt));

    public static DocumentHead Apply(DocumentHead head, string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return head;
        }

        var e = JsonSerializer.Deserialize<Extras>(json) ?? throw new System.Data.DataException("column heads.extras holds null");
        Check(e.EscalationLevel is >= 0 and <= 2, "EscalationLevel", e.EscalationLevel);
        Check(e.AppealLevel is >= 0 and <= 2, "AppealLevel", e.AppealLevel);
        Check(e.ServiceVersion is null or >= 0, "ServiceVersion", e.ServiceVersion);
        Check(Enum.IsDefined((SecurityGrading)e.Grading), "Grading", e.Grading);
        var read = head with
        {
            SentBy = e.SentBy is null ? null : new PostId(e.SentBy),
            ServiceVersion = e.ServiceVersion,
            Authority = e.Authority,
            EscalationLevel = e.EscalationLevel,
            PausedAt = e.PausedAt,
            Applicant = e.Applicant is null ? null : new OfficerId(e.Applicant),
            AppealLevel = e.AppealLevel,
            Grading = (SecurityGrading)e.Grading,
            Physical = e.Physical,
            AwaitingReceipt = e.AwaitingReceipt,
        };

        // Only the form this code writes is accepted: a renamed key would otherwise read as its default and a changed byte pass unseen.
        if (!string.Equals(Serialize(read), json, StringComparison.Ordinal))
        {
            throw new System.Data.DataException("column heads.extras is not in the form FileFlow writes (an unknown key, or a changed byte)");
        }

        return read;
    }

    private static void Check(bool inRange, string name, int? value)
    {
        if (!inRange)
        {
            throw new System.Data.DataException($"column heads.extras holds {name} {value}, which is out of range");
        }
    }

    private sealed record Extras(
        string? SentBy, int? ServiceVersion, string? Authority, int EscalationLevel, DateTimeOffset? PausedAt,
        string? Applicant, int AppealLevel, int Grading, bool Physical, bool AwaitingReceipt);
}
