using System.Diagnostics;
using System.Globalization;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.PostgreSql.Child;
using FileFlow.StoreContract;

namespace FileFlow.PostgreSql.Tests;

/// <summary>Two application processes retry the same action at the same moment on one database: it applies once and both get the same record.</summary>
public sealed class ExactlyOnceAcrossProcessesTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string schema = PostgresServer.NewSchema();
    private PostgreSqlDocumentStore? store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
            await PostgresServer.DropSchemaAsync(schema);
        }
    }

    [PostgresFact]
    public async Task The_same_action_retried_by_two_processes_at_once_applies_once_and_both_get_its_record()
    {
        store = await PostgresServer.OpenAsync(schema);
        var start = TestOffice.Start;
        var office = SeededOffice.Create(store, start);
        await using var a = await ChildProcess.StartAsync(schema, start.AddMinutes(1));
        await using var b = await ChildProcess.StartAsync(schema, start.AddMinutes(2));

        for (var round = 0; round < 8; round++)
        {
            // Fire: the file is with the section officer; both processes forward it under one action id.
            var opened = await office.Engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile($"Round {round}"));
            await office.Engine.FireAsync(new DocumentAction(opened.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.SectionOfficer });
            var fire = Guid.NewGuid();
            var (ra, rb) = await BothAsync(a, b, $"fire {opened.Head.Id} {fire}");
            SameRecord(ra, rb);
            (await store.FindActionAsync(fire)).Should().ContainSingle().Which.Sequence.Should().Be(2);

            // Open: both processes open a file under one action id; only one file may exist.
            var open = Guid.NewGuid();
            var (oa, ob) = await BothAsync(a, b, $"open {open}");
            SameRecord(oa, ob);
            (await store.FindActionAsync(open)).Should().ContainSingle().Which.Sequence.Should().Be(0);
        }

        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
        report.Documents.Should().Be(16);
        report.Records.Should().Be(8 * 3 + 8);
    }

    private static void SameRecord(string first, string second)
    {
        first.Should().StartWith("ok ");
        second.Should().StartWith("ok ");
        var x = first.Split(' ');
        var y = second.Split(' ');
        x[1..4].Should().Equal(y[1..4], "both processes must return the one record that landed");
        new[] { x[4], y[4] }.Should().BeEquivalentTo(["False", "True"], "exactly one process applied the action; the other got the stored result");
    }

    private static async Task<(string, string)> BothAsync(ChildProcess a, ChildProcess b, string command)
    {
        await Task.WhenAll(a.SendAsync(command), b.SendAsync(command));
        var replies = await Task.WhenAll(a.ReadAsync(), b.ReadAsync());
        return (replies[0], replies[1]);
    }

    private sealed class ChildProcess : IAsyncDisposable
    {
        private readonly Process process;

        private ChildProcess(Process process) => this.process = process;

        public static async Task<ChildProcess> StartAsync(string schema, DateTimeOffset now)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "FileFlow.PostgreSql.Child.dll");
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(dll);
            info.ArgumentList.Add(PostgresServer.RequiredConnectionString);
            info.ArgumentList.Add(schema);
            info.ArgumentList.Add(now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            var child = new ChildProcess(Process.Start(info)!);
            (await child.ReadAsync()).Should().Be("ready");
            return child;
        }

        public async Task SendAsync(string line)
        {
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }

        public async Task<string> ReadAsync()
        {
            using var cancel = new CancellationTokenSource(Timeout);
            return await process.StandardOutput.ReadLineAsync(cancel.Token) ?? throw new InvalidOperationException($"the child process exited with {process.ExitCode}");
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await SendAsync("quit");
                using var cancel = new CancellationTokenSource(Timeout);
                await process.WaitForExitAsync(cancel.Token);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                process.Dispose();
            }
        }
    }
}
