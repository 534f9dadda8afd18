using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.StoreContract;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FileFlow.Hosting.Tests;

/// <summary>Regression tests for issue 14, defect 10: AddFileFlow fails the start when the catalogue does not fit the chart or the system officer has no signer.</summary>
public sealed class ConfigurationCheckTests
{
    private readonly TestOffice office = TestOffice.Create();

    [Fact]
    public async Task Host_start_fails_naming_a_service_role_no_post_holds()
    {
        using var host = Build(b => b.UseSigner(office.Signers).UseOrganisation(office.Chart)
            .ConfigureCatalog(c => c.WithOverrides("state.json", """{ "salary": { "appeals": { "firstAppellate": "treasury-officer" } } }""")));

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("no post in the organisation has role 'treasury-officer'").And.Contain("salary");
    }

    [Fact]
    public async Task Host_start_fails_naming_the_system_officer_without_a_signer()
    {
        var signers = new SignerRegistry();
        foreach (var officer in office.Chart.Officers)
        {
            signers.Register(officer.Id, office.Signers.GetSigner(officer.Id));
        }

        using var host = Build(b => b.UseSigner(signers).UseOrganisation(office.Chart));

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("FileFlow:SystemOfficer names 'fileflow-system', who has no signer");
    }

    [Fact]
    public async Task Host_start_builds_the_engine_so_a_change_made_in_ConfigureEngine_is_checked_too()
    {
        using var host = Build(b => b.UseSigner(office.Signers).UseOrganisation(office.Chart)
            .ConfigureEngine((_, options) => options.SystemOfficer = new OfficerId("nobody")));

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<EngineConfigurationException>()).Which.Officer.Should().Be(new OfficerId("nobody"));
    }

    [Fact]
    public async Task Host_starts_without_a_system_signer_when_services_are_disabled()
    {
        var signers = new SignerRegistry();
        foreach (var officer in office.Chart.Officers)
        {
            signers.Register(officer.Id, office.Signers.GetSigner(officer.Id));
        }

        using var host = Build(b => b.UseSigner(signers).UseOrganisation(office.Chart).Configure(o => o.EnableServices = false));

        await host.StartAsync();

        host.Services.GetRequiredService<FileFlowEngine>().Services.Should().BeNull();
        await host.StopAsync();
    }

    private static IHost Build(Action<FileFlowBuilder> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFileFlow(b =>
        {
            b.UseInMemoryStore();
            configure(b);
        });
        return builder.Build();
    }
}
