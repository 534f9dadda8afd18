namespace FileFlow.Documents;

/// <summary>How a receipt arrived.</summary>
public enum ReceiptMedium
{
    /// <summary>Arrived electronically (e-mail, portal, another e-office).</summary>
    Electronic = 1,

    /// <summary>Arrived on paper; diarised for tracking (a scanned copy may accompany it).</summary>
    Physical = 2,
}
