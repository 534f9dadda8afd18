using FileFlow.Engine;
using FileFlow.Time;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DepartmentalApp.Pages;

/// <summary>The office's pendency from <see cref="ServiceDeliveryFigures"/>, the figures <c>fileflow report</c> shows: counts only, no document's subject.</summary>
public sealed class PendencyModel(FileFlowEngine engine, TimeProvider time) : PageModel
{
    public ServiceDeliveryFigures? Figures { get; private set; }

    public decimal PenaltyAccrued { get; private set; }

    /// <summary>Gets the pendency (files open) at the end of each of the last days that saw a change.</summary>
    public IReadOnlyList<(DateOnly Day, int Open)> Pendency { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Figures = await ServiceDeliveryFigures.CollectAsync(engine.Store, time.GetUtcNow(), cancellationToken);
        PenaltyAccrued = (await engine.PenaltyLedgerAsync(cancellationToken)).Sum(l => l.Total);
        var open = 0;
        Pendency = Figures.NetOpened.Select(d => (d.Key, open += d.Value)).TakeLast(14).ToList();
    }
}
