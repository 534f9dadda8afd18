using System.Collections.Concurrent;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Signing;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FileFlow.Hosting.Tests.Diagnostics;

public sealed class LoggingTests
{
    [Fact]
    public async Task A_full_scenario_logs_each_action_structured_and_never_a_noting_text_password_or_key()
    {
        var notingMarker = "NOTING-MARKER-" + Guid.NewGuid().ToString("N");
        var passwordMarker = "PFX-PASSWORD-" + Guid.NewGuid().ToString("N");
        var office = TestOffice.Create();
        var root = DevelopmentCertificateAuthority.CreateRoot("FileFlow Logging Test Root", TestOffice.Start.AddYears(-1), TestOffice.Start.AddYears(5));
        var signers = new SignerRegistry();
        var pfxFiles = new List<byte[]>();
        foreach (var officer in office.Chart.Officers.Select(o => o.Id).Append(TestOffice.System))
        {
            var issued = root.IssueOfficerCertificate(new OfficerCertificateRequest
            {
                Officer = officer,
                Name = "Officer " + officer.Value,
                NotBefore = TestOffice.Start.AddDays(-30),
                NotAfter = TestOffice.Start.AddYears(2),
                Algorithm = CertificateKeyAlgorithm.EcdsaP256,
            });
            var pfx = issued.ExportPkcs12(passwordMarker);
            pfxFiles.Add(pfx);
            using var stream = new MemoryStream(pfx);
            signers.Register(officer, OfficerCredential.LoadPkcs12(stream, passwordMarker).CreateSigner());
        }

        var sink = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        services.AddSingleton<TimeProvider>(office.Clock);
        services.AddFileFlow(b => b.UseInMemoryStore().UseSigner(signers).UseOrganisation(office.Chart));
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<FileFlowEngine>();

        var head = await LeaveScenario.RunAsync(engine, "Shri Ramesh Kumar is unwell: " + notingMarker);
        var refused = async () => await engine.FireAsync(new DocumentAction(head.Id, DocumentTrigger.Reject, TestOffice.Arvind) { Reason = notingMarker });
        await refused.Should().ThrowAsync<FileFlowException>();
        await engine.EscalateOverdueAsync();

        var text = string.Join('\n', sink.Entries.Select(e => e.ToString()));
        sink.Entries.Should().Contain(e => e.EventName == "ActionStored" && e.Values["Trigger"] == "Forward" && e.Values["Document"] == head.Id.ToString()
            && e.Values["Actor"] == "ramesh" && e.Values["From"] == "EST-DA" && e.Values["To"] == "EST-SO");
        sink.Entries.Count(e => e.EventName == "ActionStored").Should().Be(7, "receipt, file, attach, noting, forward, forward, approve");
        sink.Entries.Should().ContainSingle(e => e.EventName == "ActionFailed");
        text.Should().NotContain(notingMarker).And.NotContain(passwordMarker).And.NotContain("PRIVATE KEY");
        foreach (var pfx in pfxFiles)
        {
            text.Should().NotContain(Convert.ToBase64String(pfx.AsSpan(0, 48)));
        }
    }

    private sealed record Entry(string Category, LogLevel Level, string? EventName, string Message, IReadOnlyDictionary<string, string?> Values, string? Exception)
    {
        public override string ToString() =>
            $"{Level} {Category} [{EventName}] {Message} {string.Join(", ", Values.Select(v => v.Key + "=" + v.Value))} {Exception}";
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                entries.Enqueue(new Entry(category, LogLevel.None, "Scope", state.ToString() ?? string.Empty, new Dictionary<string, string?>(), null));
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? pairs.ToDictionary(p => p.Key, p => p.Value?.ToString(), StringComparer.Ordinal)
                    : new Dictionary<string, string?>();
                entries.Enqueue(new Entry(category, logLevel, eventId.Name, formatter(state, exception), values, exception?.ToString()));
            }
        }
    }
}
