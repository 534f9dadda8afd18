using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Storage;
using FileFlow.StoreContract;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FileFlow.Tests.Engine;

/// <summary>Random sequences of triggers by random officers: whatever lands, sequences stay contiguous, the chain verifies and replay equals the stored head.</summary>
public sealed class RandomActionPropertyTests
{
    private static readonly OfficerId[] Officers = [TestOffice.Ramesh, TestOffice.Sunita, TestOffice.Arvind, TestOffice.Meera, TestOffice.Karan];
    private static readonly PostId[] Posts = [TestOffice.DealingAssistant, TestOffice.SectionOfficer, TestOffice.UnderSecretary, TestOffice.JointSecretary, TestOffice.AccountsAssistant];
    private static readonly DocumentTrigger[] Triggers = Enum.GetValues<DocumentTrigger>();

    [Property(MaxTest = 60)]
    public Property Random_trigger_sequences_keep_the_log_sound(int[] steps)
    {
        return Prop.ToProperty(RunAsync(steps ?? []).GetAwaiter().GetResult());
    }

    private static async Task<bool> RunAsync(int[] steps)
    {
        var office = TestOffice.Create();
        var file = await office.OpenFileAsync();
        var noting = await office.Engine.WriteNotingAsync(TestOffice.Ramesh, file.Id, NotingContent.Number("Initial note."));
        var documents = new[] { file.Id, noting.Head.Id };
        var landed = 2;
        foreach (var step in steps.Take(40))
        {
            var s = (uint)step;
            var action = new DocumentAction(documents[s % 2], Triggers[(s / 2) % (uint)Triggers.Length], Officers[(s / 64) % (uint)Officers.Length])
            {
                Recipient = Posts[(s / 512) % (uint)Posts.Length],
                Reason = (s & 1024) == 0 ? "reason" : null,
                Paragraphs = NotingContent.Number("Edited note."),
            };
            var before = await office.Store.GetHeadAsync(action.DocumentId);
            try
            {
                await office.Engine.FireAsync(action);
                landed++;
            }
            catch (FileFlowException)
            {
                // A refused action must change nothing.
                if (await office.Store.GetHeadAsync(action.DocumentId) != before)
                {
                    return false;
                }
            }

            office.Tick(1);
        }

        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(office.Store);
        if (!report.IsValid || report.Records < landed)
        {
            return false;
        }

        foreach (var id in documents)
        {
            DocumentHead? replayed = null;
            long expected = 0;
            await foreach (var r in office.Store.ReadStreamAsync(id))
            {
                if (r.Sequence != expected++)
                {
                    return false;
                }

                replayed = DocumentProjection.Apply(replayed, r.Record, r.Hash);
            }

            if (replayed != await office.Store.GetHeadAsync(id))
            {
                return false;
            }
        }

        return true;
    }
}
