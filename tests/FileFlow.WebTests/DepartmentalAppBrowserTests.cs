using DepartmentalApp;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace FileFlow.WebTests;

/// <summary>Drives the departmental desk in headless Chromium through a whole medical-leave sanction, as three officers.</summary>
public sealed class DepartmentalAppBrowserTests : IAsyncLifetime
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "fileflow-web-" + Guid.NewGuid().ToString("N"));
    private WebApplication? app;
    private string baseUrl = "";

    public async Task InitializeAsync()
    {
        app = AppHost.Build(["--DepartmentalApp:Port=0", "--DepartmentalApp:DataDirectory=" + data, "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        baseUrl = app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
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
        using var driver = StartChromium();
        var subject = "Medical leave of Shri Mohan Lal, Pharmacist " + Guid.NewGuid().ToString("N")[..6];

        // The dealing assistant diarises the application and opens the medical-leave file on it.
        SignIn(driver, "ramesh");
        driver.FindElement(By.Id("receipt-subject")).SendKeys(subject);
        driver.FindElement(By.Id("receipt-from")).SendKeys("Shri Mohan Lal, Pharmacist, CHC Bakshi Ka Talab");
        Submit(driver, By.Id("diarise-submit"));
        NoError(driver);
        driver.FindElement(By.Id("inbox")).Text.Should().Contain(subject);
        Choose(driver, "#service option[value='medical-leave']");
        Choose(driver, "#application option:nth-child(2)");
        Submit(driver, By.Id("open-file-next"));
        driver.FindElement(By.TagName("h1")).Text.Should().Contain("चिकित्सा अवकाश की स्वीकृति");
        driver.FindElement(By.Id("input-from")).SendKeys("2026-04-01");
        driver.FindElement(By.Id("input-to")).SendKeys("2026-04-10");
        driver.FindElement(By.Id("input-days")).SendKeys("10");
        driver.FindElement(By.Id("input-certificate")).SendKeys("MC/2026/118");
        Submit(driver, By.Id("new-file-submit"));
        NoError(driver);
        var fileUrl = driver.Url;
        fileUrl.Should().Contain("/documents/");
        driver.FindElement(By.Id("receipts")).Text.Should().Contain(subject);
        driver.FindElement(By.Id("noting-text")).SendKeys("Shri Mohan Lal has applied for 10 days' medical leave with a certificate.\n\nLeave is due. Put up for sanction.");
        Submit(driver, By.Id("noting-submit"));
        driver.FindElement(By.Id("notings")).Text.Should().Contain("2. Leave is due. Put up for sanction.");
        Submit(driver, By.Id("do-forward"));
        NoError(driver);
        driver.FindElement(By.Id("holder")).Text.Should().Contain("EST-SO");
        SignOut(driver);

        // The section officer finds it in her inbox and forwards it up the route.
        SignIn(driver, "sunita");
        Submit(driver, By.LinkText(subject));
        Submit(driver, By.Id("do-forward"));
        NoError(driver);
        driver.FindElement(By.Id("holder")).Text.Should().Contain("CMO");
        SignOut(driver);

        // The head of office, the competent authority for 10 days' leave, sanctions it.
        SignIn(driver, "arvind");
        Submit(driver, By.LinkText(subject));
        driver.FindElement(By.Id("time-limit")).Text.Should().Contain("left");
        driver.FindElement(By.Id("reason")).SendKeys("Sanctioned.");
        Submit(driver, By.Id("do-approve"));
        NoError(driver);
        driver.Url.Should().StartWith(fileUrl);
        driver.FindElement(By.Id("state")).Text.Should().Be("Approved");
        driver.FindElement(By.Id("time-limit")).Text.Should().Contain("Completed");

        var rows = driver.FindElements(By.CssSelector("#history tr.record"));
        rows.Select(r => r.FindElements(By.TagName("td"))[2].Text).Should().Equal("Create", "AttachReceipt", "Forward", "Forward", "Approve");
        rows.Should().AllSatisfy(r => r.FindElements(By.TagName("td"))[7].Text.Should().Be("✔ verified"));
        rows.Select(r => r.FindElements(By.TagName("td"))[4].Text).Should().Equal("ramesh", "ramesh", "ramesh", "sunita", "arvind");
    }

    private static ChromeDriver StartChromium()
    {
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.ChromeDriver)!, Path.GetFileName(ChromiumFactAttribute.ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "fileflow-chromium-" + Guid.NewGuid().ToString("N")));
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().ImplicitWait = TimeSpan.FromSeconds(5);
        return driver;
    }

    private void SignIn(ChromeDriver driver, string officer)
    {
        driver.Navigate().GoToUrl(baseUrl + "/login");
        Choose(driver, $"#officer option[value='{officer}']");
        driver.FindElement(By.Id("password")).SendKeys("fileflow");
        Submit(driver, By.Id("sign-in"));
        driver.FindElement(By.TagName("h1")).Text.Should().StartWith("Inbox of");
    }

    private static void SignOut(ChromeDriver driver)
    {
        Submit(driver, By.Id("sign-out"));
        driver.Url.Should().EndWith("/login");
    }

    private static void NoError(ChromeDriver driver) =>
        driver.FindElements(By.CssSelector("p.error")).Select(e => e.Text).Should().BeEmpty();

    private static void Choose(ChromeDriver driver, string option)
    {
        var element = driver.FindElement(By.CssSelector(option));
        element.Click();
        element.Selected.Should().BeTrue();
    }

    /// <summary>Clicks and waits until the browser has left the current page.</summary>
    private static void Submit(ChromeDriver driver, By target)
    {
        var page = driver.FindElement(By.TagName("html"));
        driver.FindElement(target).Click();
        new WebDriverWait(driver, TimeSpan.FromSeconds(15)).Until<bool>(browser =>
        {
            try
            {
                _ = page.Enabled;
                return false;
            }
            catch (StaleElementReferenceException)
            {
                return true;
            }
        });
    }
}
