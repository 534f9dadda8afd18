using System.Security.Cryptography;
using System.Text;
using FileFlow.Signing;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>A witness held away from the store: countersigns a log's checkpoint only after checking that it extends the last checkpoint of that log the
/// witness countersigned (a Merkle consistency proof), and keeps that last checkpoint as its own state, so it never countersigns a rollback or a fork.</summary>
/// <remarks>
/// The state is one file per log origin in the state folder, <c>&lt;SHA-256 of the origin, hex&gt;.witnessed.txt</c>, holding the last signed checkpoint
/// witnessed; it is replaced only after a checkpoint passes the checks. Whoever holds the store, even with the log's key, cannot get a countersignature for a
/// log that does not extend what the witness saw. Not thread-safe: run one witness per state folder at a time.
/// </remarks>
public sealed class CheckpointWitness
{
    private readonly ISigner signer;
    private readonly LogVerifier logVerifier;
    private readonly TimeProvider timeProvider;

    /// <summary>Initializes a witness that signs with <paramref name="signer"/> (a certificate with the Witness role), keeps its state in <paramref name="stateDirectory"/>,
    /// and accepts checkpoints whose log signatures <paramref name="logVerifier"/> trusts.</summary>
    public CheckpointWitness(ISigner signer, string stateDirectory, LogVerifier logVerifier, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDirectory);
        ArgumentNullException.ThrowIfNull(logVerifier);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.signer = signer;
        StateDirectory = stateDirectory;
        this.logVerifier = logVerifier;
        this.timeProvider = timeProvider;
    }

    /// <summary>Gets the folder the witness keeps its state in.</summary>
    public string StateDirectory { get; }

    /// <summary>Returns the last checkpoint of a log this witness countersigned, or <see langword="null"/> when it has witnessed none.</summary>
    /// <exception cref="LogFormatException">The state file is not a signed checkpoint.</exception>
    public SignedCheckpoint? LastWitnessed(string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var path = StatePath(origin);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return SignedCheckpoint.Parse(File.ReadAllText(path));
        }
        catch (LogFormatException e)
        {
            throw new LogFormatException($"The witness state '{path}' is not a signed checkpoint: {e.Message}", e);
        }
    }

    /// <summary>Checks the checkpoint's signature and, when this witness has witnessed the log before, that <paramref name="proof"/> shows it extends that
    /// checkpoint; then countersigns it and records it as the last witnessed.</summary>
    /// <exception cref="ArgumentException">The witness has witnessed the log before and no proof is given, or the proof is for other sizes.</exception>
    /// <exception cref="CheckpointSignatureException">The checkpoint's signature does not verify.</exception>
    /// <exception cref="LogRollbackDetectedException">The checkpoint is smaller than the last witnessed: refused, the state is unchanged.</exception>
    /// <exception cref="LogConsistencyException">The checkpoint does not extend the last witnessed: refused, the state is unchanged.</exception>
    public async Task<WitnessedCheckpoint> WitnessAsync(SignedCheckpoint checkpoint, ConsistencyProof? proof, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var last = LastWitnessed(checkpoint.Checkpoint.Origin);
        if (last is null)
        {
            logVerifier.VerifyCheckpoint(checkpoint);
        }
        else
        {
            if (proof is null)
            {
                throw new ArgumentException($"The witness last countersigned {last.Checkpoint.TreeSize} records of '{last.Checkpoint.Origin}': a consistency proof from that size is required.", nameof(proof));
            }

            logVerifier.VerifyConsistency(last, checkpoint, proof);
        }

        var now = timeProvider.GetUtcNow();
        now = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var signature = await signer.SignAsync(Cosignature.SignedBytes(checkpoint.Checkpoint, now), now, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(StateDirectory);
        var path = StatePath(checkpoint.Checkpoint.Origin);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, checkpoint.ToText(), Encoding.ASCII, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        return new WitnessedCheckpoint(checkpoint, [new Cosignature(signer.KeyId, now, signature)]);
    }

    /// <summary>Witnesses a checkpoint of <paramref name="store"/>, with the consistency proof from the last witnessed checkpoint that the store produces (checked, not trusted).</summary>
    /// <exception cref="CheckpointSignatureException">The checkpoint's signature does not verify.</exception>
    /// <exception cref="LogRollbackDetectedException">The checkpoint, or the store, is smaller than the last witnessed: refused.</exception>
    /// <exception cref="LogConsistencyException">The checkpoint does not extend the last witnessed: refused.</exception>
    public async Task<WitnessedCheckpoint> WitnessAsync(IDocumentStore store, SignedCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var proof = await logVerifier.ProveExtendsAsync(store, LastWitnessed(checkpoint.Checkpoint.Origin), checkpoint, cancellationToken).ConfigureAwait(false);
        return await WitnessAsync(checkpoint, proof, cancellationToken).ConfigureAwait(false);
    }

    private string StatePath(string origin) =>
        Path.Combine(StateDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(origin))) + ".witnessed.txt");
}
