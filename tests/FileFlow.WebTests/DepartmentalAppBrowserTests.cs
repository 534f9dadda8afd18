using DepartmentalApp;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace FileFlow.WebTests;

/// <summary>Drives the departmental desk in headless Chromium through a whole medical-leave sanction, as three officers.</summary>
public sealed class DepartmentalAppBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "fileflow-web-" + Guid.NewGuid().ToString("N"));
    private WebApplication? app;
    private string baseUrl = "";

    public async Task InitializeAsync()
    {
        app = AppHost.Build(["--DepartmentalApp:Port=0", "--DepartmentalApp:DataDirectory=" + data, "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        baseUrl = app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));

        // The first request compiles the pages; make it here, not under the browser's timeouts.
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        (await http.GetStringAsync(new Uri("/health", UriKind.Relative))).Should().Be("Healthy", "the store check reaches the SQLite store");
        (await http.GetAsync(new Uri("/login", UriKind.Relative))).EnsureSuccessStatusCode();
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

    [ChromiumFact]
    public void A_leave_sanction_runs_through_the_browser_and_every_step_shows_a_verified_signature()
    {
        using var browser = Browser.Start(output);
        var subject = "Medical leave of Shri Mohan Lal, Pharmacist " + Guid.NewGuid().ToString("N")[..6];

        // The dealing assistant diarises the application and opens the medical-leave file on it.
        browser.SignIn(baseUrl, "ramesh");
        browser.Find(By.Id("receipt-subject")).SendKeys(subject);
        browser.Find(By.Id("receipt-from")).SendKeys("Shri Mohan Lal, Pharmacist, CHC Bakshi Ka Talab");
        browser.Submit(By.Id("diarise-submit"));
        browser.Find(By.Id("inbox")).Text.Should().Contain(subject);
        browser.Choose("#service option[value='medical-leave']");
        browser.Choose("#application option:nth-child(2)");
        browser.Submit(By.Id("open-file-next"));
        browser.Find(By.TagName("h1")).Text.Should().Contain("चिकित्सा अवकाश की स्वीकृति");
        browser.Find(By.Id("input-from")).SendKeys("2026-04-01");
        browser.Find(By.Id("input-to")).SendKeys("2026-04-10");
        browser.Find(By.Id("input-days")).SendKeys("10");
        browser.Find(By.Id("input-certificate")).SendKeys("MC/2026/118");
        browser.Submit(By.Id("new-file-submit"));
        var fileUrl = browser.Url;
        fileUrl.Should().Contain("/documents/");
        browser.Find(By.Id("receipts")).Text.Should().Contain(subject);
        browser.Find(By.Id("noting-text")).SendKeys("Shri Mohan Lal has applied for 10 days' medical leave with a certificate.\n\nLeave is due. Put up for sanction.");
        browser.Submit(By.Id("noting-submit"));
        browser.Find(By.Id("notings")).Text.Should().Contain("2. Leave is due. Put up for sanction.");
        browser.Submit(By.Id("do-forward"));
        browser.Find(By.Id("holder")).Text.Should().Contain("EST-SO");
        browser.SignOut();

        // The section officer finds it in her inbox and forwards it up the route.
        browser.SignIn(baseUrl, "sunita");
        browser.Submit(By.LinkText(subject));
        browser.Submit(By.Id("do-forward"));
        browser.Find(By.Id("holder")).Text.Should().Contain("CMO");
        browser.SignOut();

        // The head of office, the competent authority for 10 days' leave, sanctions it.
        browser.SignIn(baseUrl, "arvind");
        browser.Submit(By.LinkText(subject));
        browser.Find(By.Id("time-limit")).Text.Should().Contain("left");
        browser.Find(By.Id("reason")).SendKeys("Sanctioned.");
        browser.Submit(By.Id("do-approve"));
        browser.Url.Should().StartWith(fileUrl);
        browser.Find(By.Id("state")).Text.Should().Be("Approved");
        browser.Find(By.Id("time-limit")).Text.Should().Contain("Completed");

        // The history page shows every signed step, each signature verified against the office's trust anchor.
        var rows = browser.FindAll(By.CssSelector("#history tr.record"));
        // Each recipient's opening of the page is signed as an Open (after which the sender can no longer pull the file back).
        rows.Select(r => r.FindElements(By.TagName("td"))[2].Text).Should().Equal("Create", "AttachReceipt", "Forward", "Open", "Forward", "Open", "Approve");
        rows.Should().AllSatisfy(r => r.FindElements(By.TagName("td"))[7].Text.Should().Be("✔ verified"));
        rows.Select(r => r.FindElements(By.TagName("td"))[4].Text).Should().Equal("ramesh", "ramesh", "ramesh", "sunita", "sunita", "arvind", "arvind");
    }
}
