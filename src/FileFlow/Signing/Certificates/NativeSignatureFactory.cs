using FileFlow.Signing.Keys;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;

namespace FileFlow.Signing.Certificates;

/// <summary>Signs certificates and CRLs BouncyCastle builds with the platform's native RSA or ECDSA: the same algorithm identifier and
/// signature format as <see cref="Asn1SignatureFactory"/> (PKCS#1 v1.5; DER ECDSA-Sig-Value), an order of magnitude less CPU.</summary>
internal sealed class NativeSignatureFactory(Asn1SignatureFactory details, RawPrivateKey key) : ISignatureFactory
{
    public object AlgorithmDetails => details.AlgorithmDetails;

    public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(key);

    private sealed class Calculator(RawPrivateKey key) : IStreamCalculator<IBlockResult>
    {
        private readonly MemoryStream buffer = new();

        public Stream Stream => buffer;

        // BouncyCastle closes the stream before it asks for the result; ToArray still reads a closed MemoryStream.
        public IBlockResult GetResult() => new SimpleBlockResult(key.Sign(buffer.ToArray()));
    }
}
