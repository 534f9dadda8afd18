using System.Collections.Immutable;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Storage;
using FileFlow.StoreContract;

namespace FileFlow.Hosting.Tests;

/// <summary>A medical-leave sanction through the engine a container hands out: diarise, open the service file, note, forward up the route, sanction.</summary>
internal static class LeaveScenario
{
    public static readonly ImmutableSortedDictionary<string, string> Inputs = new Dictionary<string, string>
    {
        ["from"] = "2026-04-01",
        ["to"] = "2026-04-10",
        ["days"] = "10",
        ["certificate"] = "MC/2026/118",
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    public static async Task<DocumentHead> RunAsync(FileFlowEngine engine, string notingText = "Leave is due under the rules. Put up for sanction.", CancellationToken cancellationToken = default)
    {
        var receipt = await engine.DiariseReceiptAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveApplication(), cancellationToken: cancellationToken);
        var file = await engine.OpenFileAsync(
            TestOffice.Ramesh,
            TestOffice.DealingAssistant,
            new NewFile("HEALTH", "EST", "LEAVE", "Medical leave of Shri Ramesh Kumar") { ServiceId = "medical-leave", Inputs = Inputs, Application = receipt.Head.Id },
            cancellationToken: cancellationToken);
        var id = file.Head.Id;
        await engine.FireAsync(new DocumentAction(id, DocumentTrigger.AttachReceipt, TestOffice.Ramesh) { Receipt = receipt.Head.Id }, cancellationToken);
        await engine.WriteNotingAsync(TestOffice.Ramesh, id, NotingContent.Number(notingText), cancellationToken: cancellationToken);
        await engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, TestOffice.Ramesh), cancellationToken);
        await engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, TestOffice.Sunita), cancellationToken);
        var sanctioned = await engine.FireAsync(new DocumentAction(id, DocumentTrigger.Approve, TestOffice.Arvind) { Reason = "Sanctioned." }, cancellationToken);
        return sanctioned.Head;
    }
}
