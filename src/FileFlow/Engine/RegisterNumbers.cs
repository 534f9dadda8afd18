using System.Collections.Immutable;
using System.Globalization;
using FileFlow.Documents;
using FileFlow.Storage;

namespace FileFlow.Engine;

/// <summary>
/// One attempt's register numbers (file, diary, dispatch, part and volume): read from the store's counters without taking them, and
/// claimed by the append that carries them, so a refused or failed action leaves no gap. A department's own
/// <see cref="IFileNumberGenerator"/> is asked for file and diary numbers instead, only once every check has passed.
/// </summary>
/// <remarks>
/// Within one engine, actions taking numbers from the same counter wait for each other (from reading the counter until their append
/// ends), so they do not sign records with the same number only to have all but one refused. Only the first counter an action takes
/// is waited for; a further one is locked only if free, so two actions never wait on each other. Other processes are not waited for:
/// their conflicts fail the append and the engine reads the numbers again.
/// </remarks>
internal sealed class RegisterNumbers(IDocumentStore store, IFileNumberGenerator? generator, RegisterNumbers.Locks locks) : IDisposable
{
    private readonly Dictionary<string, long> next = new(StringComparer.Ordinal);
    private readonly List<SerialClaim> claims = [];
    private readonly List<SemaphoreSlim> held = [];

    /// <summary>Gets the counter values this attempt took, for the append to claim.</summary>
    public ImmutableArray<SerialClaim> Claims => [.. claims];

    public async ValueTask<FileNumber> FileNumberAsync(string department, string section, string subjectHead, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (generator is not null)
        {
            return await generator.NextFileNumberAsync(department, section, subjectHead, at, cancellationToken).ConfigureAwait(false);
        }

        var year = at.UtcDateTime.Year;
        var serial = await TakeAsync(StoreSerialNumberGenerator.FileScope(department, section, subjectHead, year), cancellationToken).ConfigureAwait(false);
        return new FileNumber(department, section, subjectHead, serial, year);
    }

    public async ValueTask<DiaryNumber> DiaryNumberAsync(string section, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (generator is not null)
        {
            return await generator.NextDiaryNumberAsync(section, at, cancellationToken).ConfigureAwait(false);
        }

        var year = at.UtcDateTime.Year;
        var running = await TakeAsync(StoreSerialNumberGenerator.DiaryScope(section, year), cancellationToken).ConfigureAwait(false);
        return new DiaryNumber(running, year, section);
    }

    public async ValueTask<string> DispatchNumberAsync(string section, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var year = at.UtcDateTime.Year;
        var serial = await TakeAsync($"dispatch:{section}/{year}", cancellationToken).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"D-{serial}/{year}/{section}");
    }

    /// <summary>Takes the next value of a counter for this attempt: the store's next free value, then one more for each further take.</summary>
    public async ValueTask<long> TakeAsync(string scope, CancellationToken cancellationToken)
    {
        if (!next.TryGetValue(scope, out var value))
        {
            var gate = locks.For(scope);
            if (held.Count == 0)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                held.Add(gate);
            }
            else if (gate.Wait(0, CancellationToken.None))
            {
                held.Add(gate);
            }

            value = await store.PeekSerialAsync(scope, cancellationToken).ConfigureAwait(false);
        }

        next[scope] = value + 1;
        claims.Add(new SerialClaim(scope, value));
        return value;
    }

    /// <summary>Lets other actions take numbers from the counters this attempt held.</summary>
    public void Dispose()
    {
        foreach (var gate in held)
        {
            gate.Release();
        }

        held.Clear();
    }

    /// <summary>One engine's locks, one per counter.</summary>
    internal sealed class Locks
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

        public SemaphoreSlim For(string scope) => gates.GetOrAdd(scope, _ => new SemaphoreSlim(1, 1));
    }
}
