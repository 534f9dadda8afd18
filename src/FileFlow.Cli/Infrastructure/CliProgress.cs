using FileFlow.Storage;
using Spectre.Console;

namespace FileFlow.Cli.Infrastructure;

/// <summary>A progress bar for a long command on a terminal (Spectre.Console, as <c>simulate</c> shows); nothing when output is redirected or JSON.</summary>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="work"/> with a bar counting the records it reads from the store it is given, out of <paramref name="passes"/> reads of the whole store.</summary>
    public static async Task<T> OverStoreAsync<T>(
        CliContext context, bool json, string description, IDocumentStore store, int passes, Func<IDocumentStore, Task<T>> work, CancellationToken cancellationToken)
    {
        if (!context.Interactive || json)
        {
            return await work(store).ConfigureAwait(false);
        }

        long? total = store is IStoreHealthProbe probe ? (await probe.ProbeAsync(cancellationToken).ConfigureAwait(false)).Records * passes : null;
        return await ShowAsync(context, json, description, total, advance => work(new CountingStore(store, advance))).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> under a spinner (no known total) or a bar it advances itself.</summary>
    public static async Task<T> ShowAsync<T>(CliContext context, bool json, string description, long? total, Func<Action<long>, Task<T>> work)
    {
        if (!context.Interactive || json)
        {
            return await work(_ => { }).ConfigureAwait(false);
        }

        T result = default!;
        await context.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(description, maxValue: Math.Max(1, total ?? 1));
                task.IsIndeterminate = total is null;
                result = await work(n => task.Increment(n)).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }
}
