using FileFlow.Documents;
using FileFlow.Records;

namespace FileFlow.Engine;

/// <summary>One document moved by a transfer, and its signed transfer record.</summary>
/// <param name="DocumentId">The document moved.</param>
/// <param name="Record">The signed record of the move.</param>
public sealed record SignedTransfer(DocumentId DocumentId, SignedRecord Record);
