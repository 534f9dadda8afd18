using System.CommandLine;
using FileFlow.Cli.Infrastructure;
using FileFlow.Documents;
using FileFlow.Machines;
using FileFlow.Services;

namespace FileFlow.Cli.Commands;

/// <summary><c>fileflow graph</c>: a service's route (Mermaid) or a document kind's state machine (Mermaid or Graphviz DOT).</summary>
internal static class GraphCommand
{
    public static Command Create(CliContext context)
    {
        var service = new Option<string?>("--service") { Description = "Draw this service's route", HelpName = "ID" };
        var kind = new Option<string?>("--kind") { Description = "Draw this document kind's state machine: file, noting or receipt", HelpName = "KIND" };
        kind.AcceptOnlyFromAmong("file", "noting", "receipt");
        var format = new Option<string>("--format") { Description = "mermaid or dot", DefaultValueFactory = _ => "mermaid", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command = new Command("graph", "Print a service route or a document state machine as Mermaid or Graphviz DOT") { service, kind, format };
        command.SetAction(result =>
        {
            var serviceId = result.GetValue(service);
            var kindName = result.GetValue(kind);
            if ((serviceId is null) == (kindName is null))
            {
                throw new CliException("give exactly one of --service ID and --kind file|noting|receipt");
            }

            var dot = result.GetValue(format) == "dot";
            if (serviceId is not null)
            {
                var catalog = ServiceCatalog.LoadDefaults();
                if (!catalog.Contains(serviceId))
                {
                    throw new CliException($"no service '{serviceId}'; known: {string.Join(", ", catalog.Services.Select(s => s.Id))}");
                }

                if (dot)
                {
                    throw new CliException("service routes are drawn as Mermaid only; use --format mermaid (DOT is available for --kind)");
                }

                context.Out.Write(ServiceDiagram.ToMermaid(catalog.Get(serviceId)));
                return ExitCodes.Ok;
            }

            var machine = DocumentMachine.For(ListCommands.ParseEnum<DocumentKind>(kindName!, "--kind"));
            context.Out.WriteLine(dot ? machine.Dot : machine.Mermaid);
            return ExitCodes.Ok;
        });
        return command;
    }
}
