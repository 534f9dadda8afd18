namespace FileFlow.Audit;

/// <summary>What is wrong with a record found bad by verification.</summary>
public enum VerificationFailureKind
{
    /// <summary>The stored bytes are not a canonical record.</summary>
    Malformed = 1,

    /// <summary>The record's bytes name another document or sequence than the store files it under.</summary>
    Misplaced = 2,

    /// <summary>Sequence numbers skip, repeat or run out of order: a record was dropped, duplicated or reordered.</summary>
    SequenceGap = 3,

    /// <summary>The record does not name its predecessor's hash: the chain is broken.</summary>
    BrokenChain = 4,

    /// <summary>The content (a noting's text) does not match the hash the record signs.</summary>
    ContentMismatch = 5,

    /// <summary>The signature does not verify, or its key or certificate is not acceptable.</summary>
    BadSignature = 6,

    /// <summary>The document's machine does not permit the recorded transition from the replayed state.</summary>
    IllegalTransition = 7,

    /// <summary>The actor could not act for the recorded post at the record's time.</summary>
    Unauthorised = 8,

    /// <summary>The stored head (state, holder, …) differs from the one replayed from the records.</summary>
    HeadMismatch = 9,

    /// <summary>Records are missing: a document has a head but no records, or the global log has a hole.</summary>
    Missing = 10,

    /// <summary>A file of an export bundle is missing, not listed in its manifest, or differs from the SHA-256 the manifest lists.</summary>
    BundleMismatch = 11,

    /// <summary>A record's inclusion proof does not lead to the checkpoint's root, or the checkpoint itself is not trusted.</summary>
    NotInLog = 12,

    /// <summary>An export bundle leaves out a document its file names, or carries a document that does not belong to the file.</summary>
    Incomplete = 13,

    /// <summary>An export bundle's manifest is unsigned, or its signature does not verify to a trust anchor: nothing vouches that the bundle is complete.</summary>
    UnsignedManifest = 14,
}
