using System.Diagnostics;
using FileFlow.Organisation;
using FileFlow.Signing;

namespace FileFlow.Diagnostics;

/// <summary>Hands out the inner provider's signers wrapped so each signature's duration is recorded.</summary>
internal sealed class TimedSignerProvider(ISignerProvider inner, EngineInstruments instruments) : ISignerProvider
{
    public ISigner GetSigner(OfficerId officer) => new TimedSigner(inner.GetSigner(officer), instruments);

    private sealed class TimedSigner(ISigner inner, EngineInstruments instruments) : ISigner
    {
        public string KeyId => inner.KeyId;

        // Nobody listening to the histogram: the inner signer's task is returned as it is, with no clock read and no async frame.
        public ValueTask<RecordSignature> SignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken = default) =>
            instruments.SigningDuration.Enabled ? TimedSignAsync(data, signingTime, cancellationToken) : inner.SignAsync(data, signingTime, cancellationToken);

        private async ValueTask<RecordSignature> TimedSignAsync(ReadOnlyMemory<byte> data, DateTimeOffset signingTime, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.SignAsync(data, signingTime, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                instruments.SigningDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }
}
