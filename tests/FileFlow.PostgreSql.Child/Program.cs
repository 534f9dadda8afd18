// A second application process for the exactly-once tests. Usage: dotnet FileFlow.PostgreSql.Child.dll <connection> <schema> <unix-ms>
// Reads commands from stdin, one per line, answering each on stdout:
//   open <actionId>            -> ok <documentId> <sequence> <hash> <replayed>
//   fire <documentId> <actionId> -> ok <documentId> <sequence> <hash> <replayed>   (Sunita forwards to the under secretary)
//   quit
using FileFlow;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.PostgreSql;
using FileFlow.PostgreSql.Child;
using FileFlow.StoreContract;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: FileFlow.PostgreSql.Child <connection> <schema> <unix-ms>");
    return 2;
}

await using var store = await PostgreSqlDocumentStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = args[0], Schema = args[1] });
var office = SeededOffice.Create(store, DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)));
Console.Out.WriteLine("ready");
Console.Out.Flush();
while (Console.In.ReadLine() is { } line)
{
    var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (words.Length == 0 || words[0] == "quit")
    {
        break;
    }

    try
    {
        ActionResult result = words[0] switch
        {
            "open" => await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile(), Guid.Parse(words[1])),
            "fire" => await office.Engine.FireAsync(new DocumentAction(DocumentId.Parse(words[1]), DocumentTrigger.Forward, TestOffice.Sunita)
            {
                ActionId = Guid.Parse(words[2]),
                Recipient = TestOffice.UnderSecretary,
            }),
            _ => throw new InvalidOperationException("unknown command " + words[0]),
        };
        Console.Out.WriteLine($"ok {result.Record.DocumentId} {result.Record.Sequence} {result.Record.Hash} {result.Replayed}");
    }
    catch (FileFlowException e)
    {
        Console.Out.WriteLine($"error {e.GetType().Name} {e.Message.ReplaceLineEndings(" ")}");
    }

    Console.Out.Flush();
}

return 0;
