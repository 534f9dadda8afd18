namespace FileFlow.Signing;

/// <summary>A signature over a record's canonical bytes, tagged with the scheme that made it.</summary>
/// <param name="Algorithm">The scheme, one of <see cref="SignatureAlgorithms"/> (a raw signature) or <c>cms</c> (a detached CMS SignedData).</param>
/// <param name="Value">The signature bytes.</param>
public sealed record RecordSignature(string Algorithm, byte[] Value);
