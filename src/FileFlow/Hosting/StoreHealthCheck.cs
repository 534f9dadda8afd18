using FileFlow.Audit;
using FileFlow.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FileFlow.Hosting;

/// <summary>
/// The store's health: reachable with a fresh connection, at a schema version this code reads, its writer alive, and (when configured) its
/// signed checkpoint recent and not ahead of the store. Unhealthy names the reason; Degraded means an old or missing checkpoint.
/// </summary>
internal sealed class StoreHealthCheck(IDocumentStore store, IOptions<FileFlowHealthCheckOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        StoreHealth? health;
        try
        {
            var target = store is LazyDocumentStore lazy ? await lazy.OpenAsync(cancellationToken).ConfigureAwait(false) : store;
            health = target is IStoreHealthProbe probe ? await probe.ProbeAsync(cancellationToken).ConfigureAwait(false) : null;
            if (health is null)
            {
                // A store without a probe: one small query shows it answers.
                await target.QueryAsync(new DocumentQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"FileFlow store unreachable: {e.Message}", e);
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        if (health is not null)
        {
            data["store"] = health.Store;
            data["schemaVersion"] = health.SchemaVersion;
            data["records"] = health.Records;
            data["writerAlive"] = health.WriterAlive;
            if (!health.WriterAlive)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"{health.Store}: the writer has stopped; restart the application", data: data);
            }
        }

        if (settings.CheckpointPath is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                return HealthCheckResult.Degraded($"no signed checkpoint at '{path}'", data: data);
            }

            Checkpoint checkpoint;
            try
            {
                checkpoint = SignedCheckpoint.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Checkpoint;
            }
            catch (Exception e) when (e is LogFormatException or IOException)
            {
                return HealthCheckResult.Degraded($"'{path}' is not a signed checkpoint: {e.Message}", e, data);
            }

            var age = time.GetUtcNow() - checkpoint.Timestamp;
            data["checkpointSize"] = checkpoint.TreeSize;
            data["checkpointAgeSeconds"] = Math.Round(age.TotalSeconds);
            if (health is not null && checkpoint.TreeSize > health.Records)
            {
                return new HealthCheckResult(context.Registration.FailureStatus,
                    $"the store holds {health.Records} records but its checkpoint commits to {checkpoint.TreeSize}: records are missing (restored an old copy?)", data: data);
            }

            if (age > settings.MaxCheckpointAge)
            {
                return HealthCheckResult.Degraded($"the signed checkpoint is {age.TotalHours:0.#} hours old (more than {settings.MaxCheckpointAge.TotalHours:0.#})", data: data);
            }
        }

        return HealthCheckResult.Healthy(health is null ? "FileFlow store answers" : $"{health.Store}: schema {health.SchemaVersion}, {health.Records} records", data);
    }
}
