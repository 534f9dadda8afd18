namespace FileFlow.Signing.Certificates;

/// <summary>What FileFlow asks a remote signing service (eSign, a signing server) to sign: the record's bytes, their digest and the signing time.</summary>
/// <param name="Data">The record's canonical bytes, for services that hash themselves.</param>
/// <param name="Digest">The SHA-256 of <paramref name="Data"/>, for services (such as eSign) that sign a document hash.</param>
/// <param name="SigningTime">The record's time; the returned CMS must carry it as its signing-time attribute (whole seconds).</param>
public sealed record RemoteSignatureRequest(ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Digest, DateTimeOffset SigningTime)
{
    /// <summary>Gets the name of the digest algorithm of <see cref="Digest"/>.</summary>
    /// <value>Always <c>SHA256</c>.</value>
    public string DigestAlgorithm { get; } = "SHA256";
}
