using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Organisation;

namespace FileFlow.Engine;

/// <summary>An officer's action on an existing document: the trigger and its arguments.</summary>
/// <param name="DocumentId">The document acted on.</param>
/// <param name="Trigger">The trigger to fire.</param>
/// <param name="Actor">The officer acting; they sign the record.</param>
public sealed record DocumentAction(DocumentId DocumentId, DocumentTrigger Trigger, OfficerId Actor)
{
    /// <summary>Gets the action's identifier; retrying with the same identifier never applies the action twice.</summary>
    /// <value>A new random identifier by default.</value>
    public Guid ActionId { get; init; } = Guid.NewGuid();

    /// <summary>Gets the post to send the document to (forward, or return to a post other than the sender).</summary>
    public PostId? Recipient { get; init; }

    /// <summary>Gets the FileFlow instance a <see cref="DocumentTrigger.SendToInstance"/> sends the file to; <see cref="Recipient"/> then names a post of that instance.</summary>
    public string? ToInstance { get; init; }

    /// <summary>Gets the date by which the posts a <see cref="DocumentTrigger.Refer"/> names in <see cref="CopyTo"/> are to comment.</summary>
    public DateTimeOffset? ReplyBy { get; init; }

    /// <summary>Gets what a <see cref="DocumentTrigger.Withhold"/> withholds and under which clause; its <see cref="Reason"/> is required.</summary>
    public Withholding? Withholding { get; init; }

    /// <summary>Gets the reason (required to reject; recorded for any action).</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the cause for delay of an appeal filed after its window closed (with <see cref="DocumentTrigger.Appeal"/> or <see cref="DocumentTrigger.SecondAppeal"/>); the grounds of appeal go in <see cref="Reason"/>.</summary>
    /// <value><see langword="null"/> by default; required for a late appeal and refused on any other action.</value>
    public string? DelayCause { get; init; }

    /// <summary>Gets the receipt to put up in the file (with <see cref="DocumentTrigger.AttachReceipt"/>).</summary>
    public DocumentId? Receipt { get; init; }

    /// <summary>Gets a draft noting's new paragraphs (with <see cref="DocumentTrigger.Edit"/>).</summary>
    public ImmutableArray<NotingParagraph> Paragraphs { get; init; } = ImmutableArray<NotingParagraph>.Empty;

    /// <summary>Gets further attributes to sign into the record (application-specific keys).</summary>
    public ImmutableSortedDictionary<string, string> Attributes { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets further posts that receive copies of a receipt sent to several recipients at once (each copy a new receipt with its own diary number), or the posts a <see cref="DocumentTrigger.Refer"/> asks for comment.</summary>
    public ImmutableArray<PostId> CopyTo { get; init; } = ImmutableArray<PostId>.Empty;

    /// <summary>Gets the addressee outside the system of a dispatched draft (name, designation, address).</summary>
    public string? Addressee { get; init; }

    /// <summary>Gets the days within which an appeal order directs delivery (with <see cref="DocumentTrigger.AllowAppeal"/>); 15 by default.</summary>
    public int? DeliverWithinDays { get; init; }

    /// <summary>Gets the penalties a second appeal order imposes, in rupees by officer (on the designated officer, and separately on a late first appellate officer).</summary>
    public ImmutableSortedDictionary<string, decimal> Penalties { get; init; } = ImmutableSortedDictionary<string, decimal>.Empty;

    /// <summary>Gets whether imposed penalties are paid to the applicant as compensation.</summary>
    public bool Compensation { get; init; }
}
