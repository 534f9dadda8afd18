using FileFlow.Documents;
using FileFlow.Records;

namespace FileFlow.Instances;

/// <summary>What receiving one bundle did: the file, the instance it came from, how many records were imported and this instance's signed receipt.</summary>
/// <param name="File">The file received.</param>
/// <param name="FromInstance">The instance that sent it.</param>
/// <param name="Imported">How many records were imported (0 when it had already been received).</param>
/// <param name="Receipt">The receipt record, naming the sender's last record as its previous hash.</param>
/// <param name="AlreadyReceived">Whether the bundle had already been applied; nothing was stored this time.</param>
public sealed record InstanceReceipt(DocumentId File, string FromInstance, int Imported, SignedRecord Receipt, bool AlreadyReceived);
