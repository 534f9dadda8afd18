using System.Globalization;
using FileFlow.Storage;

namespace FileFlow.Audit;

/// <summary>An append-only folder of a log's signed checkpoints, kept away from the store: each new checkpoint is appended only after a Merkle
/// consistency proof shows it extends the latest one, so a rolled-back or forked log is refused; no entry is ever overwritten.</summary>
/// <remarks>
/// Layout: entry <c>n</c> (from 1) is <c>NNNNNNNN.checkpoint.txt</c> (the <see cref="SignedCheckpoint"/> text) and, from entry 2 on,
/// <c>NNNNNNNN.consistency.txt</c> (the <see cref="ConsistencyProof"/> from entry <c>n-1</c>), so the chain can be re-checked offline with
/// <see cref="Verify"/>. Files are created with <see cref="FileMode.CreateNew"/>: a concurrent append of the same entry fails instead of
/// overwriting. Not thread-safe across appenders beyond that.
/// </remarks>
public sealed class CheckpointLog
{
    private const string CheckpointSuffix = ".checkpoint.txt";
    private const string ProofSuffix = ".consistency.txt";
    private readonly LogVerifier verifier;

    /// <summary>Initializes a checkpoint log in <paramref name="directory"/> (created on the first append) that trusts the checkpoint keys of <paramref name="verifier"/>.</summary>
    public CheckpointLog(string directory, LogVerifier verifier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(verifier);
        Directory = directory;
        this.verifier = verifier;
    }

    /// <summary>Gets the folder the entries are kept in.</summary>
    public string Directory { get; }

    /// <summary>Gets the number of checkpoints appended so far.</summary>
    public int Count => EntryPaths().Count;

    /// <summary>Reads the latest checkpoint appended, or <see langword="null"/> when none has been.</summary>
    /// <exception cref="LogFormatException">The latest entry is not a signed checkpoint.</exception>
    public SignedCheckpoint? Latest()
    {
        var entries = EntryPaths();
        return entries.Count == 0 ? null : Read(entries[^1]);
    }

    /// <summary>Appends a checkpoint after checking its signature and, when the log is not empty, that <paramref name="proof"/> shows it extends the latest entry.</summary>
    /// <returns>The path of the new entry.</returns>
    /// <exception cref="ArgumentException">The log is not empty and no proof is given, the proof is for other sizes, or the checkpoint is of another log.</exception>
    /// <exception cref="CheckpointSignatureException">The checkpoint's signature does not verify.</exception>
    /// <exception cref="LogRollbackDetectedException">The checkpoint is smaller than the latest entry: a rollback; nothing is appended.</exception>
    /// <exception cref="LogConsistencyException">The checkpoint does not extend the latest entry: a fork or rewrite; nothing is appended.</exception>
    /// <exception cref="IOException">Another process appended the same entry first.</exception>
    public async Task<string> AppendAsync(SignedCheckpoint checkpoint, ConsistencyProof? proof, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var entries = EntryPaths();
        if (entries.Count == 0)
        {
            verifier.VerifyCheckpoint(checkpoint);
        }
        else
        {
            var latest = Read(entries[^1]);
            if (proof is null)
            {
                throw new ArgumentException($"The checkpoint log '{Directory}' is not empty: a consistency proof from its latest checkpoint ({latest.Checkpoint.TreeSize} records) is required.", nameof(proof));
            }

            verifier.VerifyConsistency(latest, checkpoint, proof);
        }

        System.IO.Directory.CreateDirectory(Directory);
        var number = (entries.Count + 1).ToString("D8", CultureInfo.InvariantCulture);
        var path = Path.Combine(Directory, number + CheckpointSuffix);
        if (entries.Count > 0)
        {
            await WriteAsync(Path.Combine(Directory, number + ProofSuffix), proof!.ToText(), FileMode.Create, cancellationToken).ConfigureAwait(false);
        }

        await WriteAsync(path, checkpoint.ToText(), FileMode.CreateNew, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Appends a checkpoint of <paramref name="store"/>, with the consistency proof from the latest entry that the store produces (the proof is checked, not trusted).</summary>
    /// <returns>The path of the new entry.</returns>
    /// <exception cref="CheckpointSignatureException">The checkpoint's signature does not verify.</exception>
    /// <exception cref="LogRollbackDetectedException">The checkpoint, or the store, is smaller than the latest entry; nothing is appended.</exception>
    /// <exception cref="LogConsistencyException">The checkpoint does not extend the latest entry; nothing is appended.</exception>
    public async Task<string> AppendAsync(IDocumentStore store, SignedCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var proof = await verifier.ProveExtendsAsync(store, Latest(), checkpoint, cancellationToken).ConfigureAwait(false);
        return await AppendAsync(checkpoint, proof, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Re-checks the whole log offline: every entry's signature, and each entry's stored consistency proof from the one before; returns the latest checkpoint.</summary>
    /// <returns>The latest checkpoint, or <see langword="null"/> when the log is empty.</returns>
    /// <exception cref="LogFormatException">An entry or proof cannot be parsed, or a proof is missing.</exception>
    /// <exception cref="LogVerificationException">A signature does not verify, or an entry does not extend the one before.</exception>
    public SignedCheckpoint? Verify()
    {
        SignedCheckpoint? previous = null;
        var entries = EntryPaths();
        for (var i = 0; i < entries.Count; i++)
        {
            var expected = Path.Combine(Directory, (i + 1).ToString("D8", CultureInfo.InvariantCulture) + CheckpointSuffix);
            if (!string.Equals(entries[i], expected, StringComparison.Ordinal))
            {
                throw new LogFormatException($"The checkpoint log '{Directory}' has no entry {i + 1}: an entry was removed.");
            }

            var current = Read(entries[i]);
            if (previous is null)
            {
                verifier.VerifyCheckpoint(current);
            }
            else
            {
                var proofPath = Path.Combine(Directory, (i + 1).ToString("D8", CultureInfo.InvariantCulture) + ProofSuffix);
                if (!File.Exists(proofPath))
                {
                    throw new LogFormatException($"The checkpoint log entry '{entries[i]}' has no consistency proof '{proofPath}'.");
                }

                verifier.VerifyConsistency(previous, current, ConsistencyProof.Parse(File.ReadAllText(proofPath)));
            }

            previous = current;
        }

        return previous;
    }

    private List<string> EntryPaths() => !System.IO.Directory.Exists(Directory)
        ? []
        : System.IO.Directory.EnumerateFiles(Directory, "*" + CheckpointSuffix).Order(StringComparer.Ordinal).ToList();

    private static SignedCheckpoint Read(string path)
    {
        try
        {
            return SignedCheckpoint.Parse(File.ReadAllText(path));
        }
        catch (LogFormatException e)
        {
            throw new LogFormatException($"The checkpoint log entry '{path}' is not a signed checkpoint: {e.Message}", e);
        }
    }

    // The entry is created new (never overwritten); its proof, written first, may replace one a crashed append left without its entry.
    private static async Task WriteAsync(string path, string text, FileMode mode, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, mode, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(text), cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }
}
