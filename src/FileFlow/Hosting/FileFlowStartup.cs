using FileFlow.Engine;
using FileFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FileFlow.Hosting;

/// <summary>Opens the store and builds the engine when the host starts, so a store that cannot open, or a configuration that cannot work
/// (a service role no post holds, no signer for the system officer), fails the start instead of the first request or the first overdue file.</summary>
internal sealed class FileFlowStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<IDocumentStore>() is LazyDocumentStore lazy)
        {
            await lazy.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        _ = services.GetRequiredService<FileFlowEngine>();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
