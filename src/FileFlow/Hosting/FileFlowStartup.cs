using FileFlow.Storage;
using Microsoft.Extensions.Hosting;

namespace FileFlow.Hosting;

/// <summary>Opens the store when the host starts, so a store that cannot open fails the start instead of the first request.</summary>
internal sealed class FileFlowStartup(IDocumentStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is LazyDocumentStore lazy)
        {
            await lazy.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
