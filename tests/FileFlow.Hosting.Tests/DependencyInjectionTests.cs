using System.Collections.Immutable;
using FileFlow.Audit;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Hosting;
using FileFlow.Organisation;
using FileFlow.Routing;
using FileFlow.Sqlite;
using FileFlow.Storage;
using FileFlow.StoreContract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FileFlow.Hosting.Tests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly TestOffice office = TestOffice.Create();

    public void Dispose() => temp.Dispose();

    private ServiceCollection Services(IDictionary<string, string?>? settings = null, Action<FileFlowBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton<TimeProvider>(office.Clock);
        services.AddFileFlow(builder =>
        {
            builder.UseSigner(office.Signers).UseOrganisation(office.Chart);
            configure?.Invoke(builder);
        });
        return services;
    }

    [Fact]
    public async Task AddFileFlow_with_sqlite_resolves_one_engine_that_sanctions_medical_leave_end_to_end()
    {
        var path = temp.File("fileflow.db");
        await using var provider = Services(configure: b => b.UseSqlite(path)).BuildServiceProvider(validateScopes: true);
        provider.GetRequiredService<IStartupValidator>().Validate();

        var engine = provider.GetRequiredService<FileFlowEngine>();
        provider.GetRequiredService<FileFlowEngine>().Should().BeSameAs(engine);
        var sanctioned = await LeaveScenario.RunAsync(engine);

        sanctioned.State.Should().Be(DocumentState.Approved);
        sanctioned.Holder.Should().Be(TestOffice.UnderSecretary);
        sanctioned.ServiceId.Should().Be("medical-leave");
        sanctioned.UpdatedAt.Should().Be(TestOffice.Start, "the engine reads time from the container's TimeProvider (a fake clock here)");
        File.Exists(path).Should().BeTrue();
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(engine.Store);
        report.Failures.Should().BeEmpty();
        report.Documents.Should().Be(3, "the receipt, the file and the noting");
    }

    [Fact]
    public async Task The_singleton_engine_is_safe_under_parallel_use_and_opens_the_store_once()
    {
        var opens = 0;
        var path = temp.File("parallel.db");
        await using var provider = Services(configure: b => b.UseStore(async (_, ct) =>
        {
            Interlocked.Increment(ref opens);
            return await SqliteDocumentStore.OpenAsync(path, ct);
        })).BuildServiceProvider();

        var engines = new FileFlowEngine[8];
        await Parallel.ForAsync(0, engines.Length, async (i, ct) =>
        {
            engines[i] = provider.GetRequiredService<FileFlowEngine>();
            var head = await LeaveScenario.RunAsync(engines[i], cancellationToken: ct);
            head.State.Should().Be(DocumentState.Approved);
        });

        engines.Distinct().Should().ContainSingle();
        opens.Should().Be(1);
        var report = await new StoreVerifier(office.Keys, office.Chart).VerifyAllAsync(engines[0].Store);
        report.Failures.Should().BeEmpty();
        report.Documents.Should().Be(3 * engines.Length);
    }

    [Fact]
    public async Task Host_start_opens_the_sqlite_store_from_configuration_and_disposes_it_at_stop()
    {
        var path = temp.File("hosted.db");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FileFlow:Sqlite:Path"] = path,
            ["FileFlow:Sqlite:SynchronousMode"] = "Normal",
            ["FileFlow:Sqlite:GroupCommit"] = "false",
        });
        builder.Services.AddFileFlow(b => b.UseSqlite().UseSigner(office.Signers).UseOrganisation(office.Chart));
        using var host = builder.Build();

        File.Exists(path).Should().BeFalse();
        await host.StartAsync();
        File.Exists(path).Should().BeTrue("the store opens when the host starts, before any request");
        var sqlite = host.Services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;
        sqlite.SynchronousMode.Should().Be(SqliteSynchronousMode.Normal);
        sqlite.GroupCommit.Should().BeFalse();
        (await LeaveScenario.RunAsync(host.Services.GetRequiredService<FileFlowEngine>())).State.Should().Be(DocumentState.Approved);
        await host.StopAsync();
    }

    [Fact]
    public async Task Host_start_fails_naming_FileFlow_Sqlite_Path_when_it_is_missing()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFileFlow(b => b.UseSqlite().UseSigner(office.Signers).UseOrganisation(office.Chart));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("FileFlow:Sqlite:Path must be set");
    }

    [Theory]
    [InlineData("FileFlow:SystemOfficer", "", "FileFlow:SystemOfficer must be set")]
    [InlineData("FileFlow:ServicesOverrideFile", "/nonexistent/overrides.json", "FileFlow:ServicesOverrideFile names '/nonexistent/overrides.json', which does not exist")]
    [InlineData("FileFlow:ServicesDirectory", "/nonexistent/services", "FileFlow:ServicesDirectory names '/nonexistent/services', which does not exist")]
    [InlineData("FileFlow:Sqlite:MaxGroupSize", "0", "FileFlow:Sqlite:MaxGroupSize must be between 1 and 100000")]
    public async Task A_bad_setting_fails_at_start_with_a_message_naming_it(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["FileFlow:Sqlite:Path"] = temp.File("bad.db"), [key] = value };
        await using var provider = Services(settings, b => b.UseSqlite()).BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public async Task A_malformed_services_override_file_fails_at_start_naming_the_setting()
    {
        var overrides = temp.File("overrides.json");
        await File.WriteAllTextAsync(overrides, """{ "gpf": { "timeLimit": { "days": -3 } } }""");
        await using var provider = Services(new Dictionary<string, string?> { ["FileFlow:ServicesOverrideFile"] = overrides }, b => b.UseInMemoryStore()).BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("FileFlow:ServicesOverrideFile").And.Contain("gpf");
    }

    [Fact]
    public async Task Missing_store_signer_and_organisation_registrations_fail_at_start_naming_the_builder_call()
    {
        var services = new ServiceCollection();
        services.AddFileFlow();
        await using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var failure = validate.Should().Throw<OptionsValidationException>().Which;
        failure.Failures.Should().HaveCount(3);
        failure.Message.Should().Contain("UseSqlite(...)").And.Contain("UseSigner(...)").And.Contain("UseOrganisation(...)");
    }

    [Fact]
    public async Task A_services_override_file_from_configuration_changes_the_time_limit_of_new_files()
    {
        var overrides = temp.File("overrides.json");
        await File.WriteAllTextAsync(overrides, """{ "medical-leave": { "timeLimit": { "days": 3 } } }""");
        await using var provider = Services(new Dictionary<string, string?> { ["FileFlow:ServicesOverrideFile"] = overrides }, b => b.UseInMemoryStore()).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var engine = provider.GetRequiredService<FileFlowEngine>();

        var file = await engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "LEAVE", "Leave") { ServiceId = "medical-leave", Inputs = LeaveScenario.Inputs });

        file.Head.DueAt.Should().Be(TestOffice.Start.AddDays(3));
        file.Head.ServiceVersion.Should().Be(2);
        provider.GetRequiredService<Services.ServiceCatalog>().Should().BeSameAs(engine.Services);
    }

    [Fact]
    public async Task AddRoutingRule_routes_one_service_with_a_rule_resolved_from_the_container()
    {
        await using var provider = Services(configure: b => b.UseInMemoryStore().AddRoutingRule<StraightToSectionOfficer>("gpf")).BuildServiceProvider();
        var engine = provider.GetRequiredService<FileFlowEngine>();
        var gpf = await engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "GPF", "GPF advance")
        {
            ServiceId = "gpf",
            Inputs = new Dictionary<string, string> { ["kind"] = "advance", ["purpose"] = "marriage", ["amount"] = "150000", ["balance"] = "600000" }.ToImmutableSortedDictionary(StringComparer.Ordinal),
        });
        var leave = await engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, new NewFile("HEALTH", "EST", "LEAVE", "Leave") { ServiceId = "medical-leave", Inputs = LeaveScenario.Inputs });

        var moved = await engine.FireAsync(new DocumentAction(gpf.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.AccountsOfficer });
        var refused = async () => await engine.FireAsync(new DocumentAction(leave.Head.Id, DocumentTrigger.Forward, TestOffice.Ramesh) { Recipient = TestOffice.AccountsOfficer });

        moved.Head.Holder.Should().Be(TestOffice.SectionOfficer, "the custom rule routes gpf files");
        moved.Record.Record.Attribute("routing").Should().Be(StraightToSectionOfficer.Note);
        await refused.Should().ThrowAsync<RoutingException>("other services keep their route, which does not lead to accounts");
        provider.GetRequiredService<StraightToSectionOfficer>().Calls.Should().Be(1);
    }

    [Fact]
    public async Task Registrations_the_application_made_first_win_over_FileFlow_defaults()
    {
        var services = new ServiceCollection();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 10, 0, 0, TimeSpan.Zero));
        var store = new InMemoryDocumentStore();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IDocumentStore>(store);
        services.AddSingleton<Signing.ISignerProvider>(office.Signers);
        services.AddSingleton(office.Chart);
        services.AddFileFlow();
        services.AddFileFlow(b => b.Configure(o => o.EnableServices = false));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var engine = provider.GetRequiredService<FileFlowEngine>();
        var file = await engine.OpenFileAsync(TestOffice.Ramesh, TestOffice.DealingAssistant, TestOffice.LeaveFile());

        engine.Store.Should().BeSameAs(store);
        engine.Services.Should().BeNull("the second AddFileFlow call configured the same registration");
        file.Head.CreatedAt.Should().Be(clock.GetUtcNow());
        services.Count(d => d.ServiceType == typeof(FileFlowEngine)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(TimeProvider)).Should().Be(1);
    }

    /// <summary>A deliberately odd rule: any gpf action lands with the section officer.</summary>
    private sealed class StraightToSectionOfficer : IRoutingRule
    {
        public const string Note = "custom: straight to the section officer";

        private int calls;

        public int Calls => calls;

        public ValueTask<RoutingDecision> RouteAsync(RoutingContext context, CancellationToken cancellationToken = default)
        {
            if (context.Document is not null)
            {
                Interlocked.Increment(ref calls);
            }

            return ValueTask.FromResult(context.Document is null ? new RoutingDecision(context.ActingAs) : new RoutingDecision(TestOffice.SectionOfficer, Note));
        }
    }
}
