using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>
/// What a caller asked for under one action id: the document (none for a creation), the trigger, the actor and a fingerprint of every
/// argument. A retry with the same action id must ask for the same thing, or it is another action reusing the id.
/// </summary>
/// <param name="Document">The document acted on; <see langword="null"/> for an action that creates one.</param>
/// <param name="Trigger">The trigger of the action's main record.</param>
/// <param name="Actor">The officer acting.</param>
/// <param name="Fingerprint">SHA-256 (hex) of the request's canonical form, signed into the main record as <c>request</c>.</param>
internal sealed record ActionRequest(DocumentId? Document, DocumentTrigger Trigger, OfficerId Actor, string Fingerprint)
{
    /// <summary>The request of an action on an existing document: every argument of <see cref="DocumentAction"/> but its id.</summary>
    public static ActionRequest Of(DocumentAction action)
    {
        var writer = new Writer("fire")
            .Add(action.DocumentId.ToString()).Add(action.Trigger.ToString()).Add(action.Actor.Value)
            .Add(action.Recipient?.Value).Add(action.Reason).Add(action.DelayCause).Add(action.Receipt?.ToString())
            .Add(action.Paragraphs.IsDefaultOrEmpty ? null : Convert.ToHexString(NotingContent.Encode(action.Paragraphs)))
            .Add(action.Addressee).Add(action.DeliverWithinDays?.ToString(CultureInfo.InvariantCulture))
            .Add(action.Compensation ? "true" : "false");
        writer.Add(action.Attributes.Count);
        foreach (var (key, value) in action.Attributes)
        {
            writer.Add(key).Add(value);
        }

        writer.Add(action.CopyTo.IsDefault ? 0 : action.CopyTo.Length);
        foreach (var post in action.CopyTo.IsDefault ? [] : action.CopyTo)
        {
            writer.Add(post.Value);
        }

        writer.Add(action.Penalties.Count);
        foreach (var (officer, amount) in action.Penalties)
        {
            writer.Add(officer).Add(amount.ToString(CultureInfo.InvariantCulture));
        }

        if (action.ReplyBy is { } replyBy)
        {
            // Only a referral carries it, so the fingerprints of every other request stay as they were.
            writer.Add("replyBy").Add(replyBy.ToString("O", CultureInfo.InvariantCulture));
        }

        if (action.ToInstance is not null)
        {
            // Only a send to another instance carries it, so the fingerprints of every other request stay as they were.
            writer.Add("toInstance").Add(action.ToInstance);
        }

        if (action.Withholding is { } withholding)
        {
            // Only a withholding carries it, so the fingerprints of every other request stay as they were.
            writer.Add("withhold").Add(withholding.Document.ToString()).Add(withholding.Paragraph?.ToString(CultureInfo.InvariantCulture)).Add(withholding.Section.ToString());
        }

        return new(action.DocumentId, action.Trigger, action.Actor, writer.Finish());
    }

    /// <summary>The request to open a file.</summary>
    public static ActionRequest OpenFile(OfficerId actor, PostId asPost, NewFile file)
    {
        var writer = new Writer("open-file").Add(actor.Value).Add(asPost.Value)
            .Add(file.Department).Add(file.Section).Add(file.SubjectHead).Add(file.Subject).Add(file.ServiceId)
            .Add(file.Application?.ToString()).Add(file.Applicant?.Value).Add(file.Grading.ToString());
        writer.Add(file.Inputs.Count);
        foreach (var (key, value) in file.Inputs)
        {
            writer.Add(key).Add(value);
        }

        return new(null, DocumentTrigger.Create, actor, writer.Finish());
    }

    /// <summary>The request to diarise a receipt.</summary>
    public static ActionRequest DiariseReceipt(OfficerId actor, PostId asPost, NewReceipt receipt)
    {
        var writer = new Writer("diarise").Add(actor.Value).Add(asPost.Value)
            .Add(receipt.Section).Add(receipt.ReceivedFrom).Add(receipt.LetterDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Add(receipt.Subject).Add(receipt.Medium.ToString()).Add(receipt.Grading.ToString());
        if (receipt.Attributes.Count > 0)
        {
            // Only when present, so the fingerprints of receipts diarised without attributes stay as they were.
            writer.Add(receipt.Attributes.Count);
            foreach (var (key, value) in receipt.Attributes)
            {
                writer.Add(key).Add(value);
            }
        }

        return new(null, DocumentTrigger.Create, actor, writer.Finish());
    }

    /// <summary>The request to make a document inside a file: a noting, yellow note, draft for approval, part or volume.</summary>
    public static ActionRequest InFile(string operation, DocumentTrigger trigger, OfficerId actor, DocumentId file, string? subject, ReadOnlySpan<byte> content) =>
        new(null, trigger, actor, new Writer(operation).Add(actor.Value).Add(file.ToString()).Add(subject).Add(Convert.ToHexString(content)).Finish());

    /// <summary>The request to transfer a post's pending documents to another post.</summary>
    public static ActionRequest Transfer(OfficerId administrator, PostId from, PostId to, string reason) =>
        new(null, DocumentTrigger.Transfer, administrator, new Writer("transfer").Add(administrator.Value).Add(from.Value).Add(to.Value).Add(reason).Finish());

    /// <summary>The request of an escalation by operation of law.</summary>
    public static ActionRequest Escalation(DocumentId document, int level, OfficerId system) =>
        new(document, DocumentTrigger.Escalate, system, new Writer("escalate").Add(document.ToString()).Add(level).Finish());

    /// <summary>The request to receive a file from another instance, named by the hash of the sender's last record.</summary>
    public static ActionRequest InstanceReceipt(DocumentId file, string senderLastHash, OfficerId system) =>
        new(file, DocumentTrigger.ReceiveFromInstance, system, new Writer("receive-from-instance").Add(file.ToString()).Add(senderLastHash).Finish());

    /// <summary>Length-prefixed UTF-8 fields hashed in order, so no two different requests share a canonical form.</summary>
    /// <remarks>The fields are gathered in one buffer and hashed once: one native call per request rather than two per field.</remarks>
    private sealed class Writer
    {
        private readonly ArrayBufferWriter<byte> buffer = new(256);

        public Writer(string operation) => Add("fileflow-request/1").Add(operation);

        public Writer Add(string? value)
        {
            if (value is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), -1);
                buffer.Advance(4);
                return this;
            }

            var length = Encoding.UTF8.GetByteCount(value);
            var span = buffer.GetSpan(4 + length);
            BinaryPrimitives.WriteInt32BigEndian(span, length);
            Encoding.UTF8.GetBytes(value, span[4..]);
            buffer.Advance(4 + length);
            return this;
        }

        public Writer Add(int value) => Add(value.ToString(CultureInfo.InvariantCulture));

        public string Finish()
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.WrittenSpan, hash);
            return Convert.ToHexStringLower(hash);
        }
    }
}
