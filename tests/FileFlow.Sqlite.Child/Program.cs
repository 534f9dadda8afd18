using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Sqlite;
using FileFlow.Sqlite.Child;
using FileFlow.Storage;
using FileFlow.StoreContract;

// A child process for the SQLite store's multi-process tests.
//   race <db> <documentId> <recipientPost>  : forwards the document as the section officer; the append waits for "GO" on stdin
//                                            after printing READY, so two children decide on the same head before either appends.
//                                            Prints LANDED or CONFLICT <expected> <actual>.
//   bulk <db> <workers>                     : routes files (open, forward, approve) until killed, printing "ACK <actionId>"
//                                            only after each action's append has returned (is durable).
var mode = args[0];
var path = args[1];
var store = await SqliteDocumentStore.OpenAsync(new SqliteStoreOptions { Path = path });
try
{
    if (mode == "race")
    {
        var id = DocumentId.Parse(args[2]);
        var recipient = new FileFlow.Organisation.PostId(args[3]);
        var gated = new GatedStore(store, async () =>
        {
            Console.Out.WriteLine("READY");
            Console.Out.Flush();
            var line = await Console.In.ReadLineAsync();
            if (line != "GO")
            {
                throw new InvalidOperationException("Expected GO, got " + line);
            }
        });
        var office = SeededOffice.Create(gated);
        try
        {
            await office.Engine.FireAsync(new DocumentAction(id, DocumentTrigger.Forward, TestOffice.Sunita) { Recipient = recipient });
            Console.Out.WriteLine("LANDED");
        }
        catch (ConcurrencyException e)
        {
            Console.Out.WriteLine($"CONFLICT {e.ExpectedSequence} {e.ActualSequence}");
        }

        Console.Out.Flush();
        return 0;
    }

    if (mode == "bulk")
    {
        var workers = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var office = SeededOffice.Create(store);
        var output = TextWriter.Synchronized(Console.Out);
        void Ack(ActionResult result)
        {
            output.WriteLine("ACK " + result.Record.Record.ActionId.ToString("N"));
            output.Flush();
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < deadline)
            {
                var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());
                Ack(opened);
                var forwarded = await office.Engine.FireAsync(new DocumentAction(opened.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
                Ack(forwarded);
                var approved = await office.Engine.FireAsync(new DocumentAction(opened.Head.Id, DocumentTrigger.Approve, TestOffice.Sunita));
                Ack(approved);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        return 0;
    }

    Console.Error.WriteLine("usage: race <db> <documentId> <post> | bulk <db> <workers>");
    return 2;
}
finally
{
    await store.DisposeAsync();
}
