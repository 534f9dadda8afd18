using DepartmentalApp;
using Microsoft.AspNetCore.Builder;

namespace FileFlow.WebTests;

/// <summary>One running desk for the browser and API tests: a fresh data directory, one SoftHSM2 token per officer provisioned on first start,
/// listening on a free loopback port. The PKCS#11 module comes from <c>FILEFLOW_TEST_PKCS11_MODULE</c> (exported by .ci/softhsm.sh).</summary>
public sealed class DeskFixture : IAsyncLifetime
{
    public const string Password = "Desk@2026";
    public const string Pin = "246813";
    private const string SecurityOfficerPin = "13572468";

    private readonly string data = Path.Combine(Path.GetTempPath(), "fileflow-web-" + Guid.NewGuid().ToString("N"));
    private WebApplication? app;

    /// <summary>Gets the desk's address, such as http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Gets the desk's services (its engine, its token sessions).</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The desk is not started.");

    /// <summary>Gets the desk's data directory.</summary>
    public string DataDirectory => data;

    public async Task InitializeAsync()
    {
        // Token labels unique to this run: SoftHSM2 keeps earlier runs' tokens in the same token directory.
        var prefix = "w" + Guid.NewGuid().ToString("N")[..6] + "-";
        app = AppHost.Build([
            "--DepartmentalApp:Port=0", "--DepartmentalApp:DataDirectory=" + data, "--Logging:LogLevel:Default=Warning",
            "--DepartmentalApp:Tokens:Module=" + DeskFactAttribute.ModulePath, "--DepartmentalApp:Tokens:LabelPrefix=" + prefix,
            "--DepartmentalApp:Tokens:DemoPin=" + Pin, "--DepartmentalApp:Tokens:DemoSecurityOfficerPin=" + SecurityOfficerPin,
            "--DepartmentalApp:Telemetry:Exporter=none", "--DepartmentalApp:MaxScanBytes=200000",
        ]);
        await app.StartAsync();
        BaseUrl = app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));

        // The first request compiles the pages; make it here, not under the browser's timeouts.
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        (await http.GetStringAsync(new Uri("/health", UriKind.Relative))).Should().Be("Healthy", "the store check reaches the SQLite store");
        (await http.GetAsync(new Uri("/Account/SignIn", UriKind.Relative))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
    }

    /// <summary>Writes a small, real PDF (one page, the text given) and returns its path.</summary>
    public string WritePdf(string text)
    {
        var body = $"BT /F1 18 Tf 72 720 Td ({text}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {body.Length} >>\nstream\n{body}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        var path = Path.Combine(data, "letter-" + Guid.NewGuid().ToString("N")[..8] + ".pdf");
        File.WriteAllText(path, pdf.ToString());
        return path;
    }
}

/// <summary>The browser and API tests share one desk (one set of tokens).</summary>
[CollectionDefinition(Name)]
public sealed class DeskCollection : ICollectionFixture<DeskFixture>
{
    public const string Name = "desk";
}
