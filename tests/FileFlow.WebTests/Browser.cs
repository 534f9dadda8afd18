using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit.Abstractions;

namespace FileFlow.WebTests;

/// <summary>One headless Chromium with its own fresh profile, and the few page steps the browser tests take; every wait is explicit.</summary>
/// <remarks>No implicit wait: a step either finds what it needs on the loaded page or waits for it, up to <see cref="Patience"/>, and says what it waited for.</remarks>
public sealed class Browser : IDisposable
{
    /// <summary>How long a step waits for a page or an element; generous, because CI machines are shared.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ChromeDriver driver;
    private readonly string profile;
    private readonly ITestOutputHelper output;
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private Browser(ChromeDriver driver, string profile, ITestOutputHelper output)
    {
        this.driver = driver;
        this.profile = profile;
        this.output = output;
    }

    /// <summary>Gets the address of the page the browser shows.</summary>
    public string Url => driver.Url;

    /// <summary>Starts Debian's Chromium through its ChromeDriver with the flags a sandboxed, offline machine needs.</summary>
    public static Browser Start(ITestOutputHelper output)
    {
        foreach (var path in new[] { ChromiumFactAttribute.Chromium, ChromiumFactAttribute.ChromeDriver })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{path} is missing and FILEFLOW_REQUIRE_BROWSER=1 requires the browser test: run .ci/browser.sh (apt-get install chromium chromium-driver).");
            }
        }

        // Never let Selenium Manager look for a browser or driver on the network: both paths are given.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var profile = Path.Combine(Path.GetTempPath(), "fileflow-chromium-" + Guid.NewGuid().ToString("N"));
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.ChromeDriver)!, Path.GetFileName(ChromiumFactAttribute.ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Chromium, PageLoadStrategy = PageLoadStrategy.Normal };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions", "--no-proxy-server",
            "--window-size=1280,1024", "--user-data-dir=" + profile);
        var driver = new ChromeDriver(service, options, Patience);
        var timeouts = driver.Manage().Timeouts();
        timeouts.ImplicitWait = TimeSpan.Zero;
        timeouts.PageLoad = Patience;
        timeouts.AsynchronousJavaScript = Patience;
        return new Browser(driver, profile, output);
    }

    /// <summary>Signs in as the seeded officer with the demo password and their token's PIN, and waits for the inbox.</summary>
    public void SignIn(string baseUrl, string officer, string password = DeskFixture.Password, string pin = DeskFixture.Pin)
    {
        driver.Navigate().GoToUrl(baseUrl + "/Account/SignIn");
        WaitUntilLoaded();
        Find(By.Id("officer")).SendKeys(officer);
        Find(By.Id("password")).SendKeys(password);
        Find(By.Id("pin")).SendKeys(pin);
        Submit(By.Id("sign-in"));
        new Uri(driver.Url).AbsolutePath.Should().Be("/Inbox");
        Find(By.Id("inbox"));
    }

    /// <summary>Signs out and checks the browser is back on the sign-in page.</summary>
    public void SignOut()
    {
        Submit(By.Id("sign-out"));
        new Uri(driver.Url).AbsolutePath.Should().Be("/Account/SignIn");
    }

    /// <summary>Opens a page of the desk and waits until it has loaded.</summary>
    public void GoTo(string url)
    {
        driver.Navigate().GoToUrl(url);
        WaitUntilLoaded();
    }

    /// <summary>Gets the <c>lang</c> attribute of the page's html element.</summary>
    public string Language => Find(By.TagName("html")).GetDomAttribute("lang") ?? "";

    /// <summary>Gets the text of the whole page.</summary>
    public string Text => Find(By.TagName("body")).Text;

    /// <summary>Waits for a displayed element and returns it.</summary>
    public IWebElement Find(By target) =>
        Wait($"{target} to be displayed", d => d.FindElements(target).FirstOrDefault(e => e.Displayed));

    /// <summary>Returns every element the loaded page has for the selector.</summary>
    public IReadOnlyList<IWebElement> FindAll(By target) => driver.FindElements(target);

    /// <summary>Selects an option of a drop-down and checks it took.</summary>
    public void Choose(string option)
    {
        var element = Wait($"option {option}", d => d.FindElements(By.CssSelector(option)).FirstOrDefault());
        element.Click();
        element.Selected.Should().BeTrue($"{option} was clicked");
    }

    /// <summary>Clicks a button or link that leaves the page, waits until the next page has loaded and checks it shows no error.</summary>
    public void Submit(By target)
    {
        var started = clock.Elapsed;
        var page = Find(By.TagName("html"));
        Find(target).Click();
        Wait($"the page to change after clicking {target}", _ => IsStale(page) ? page : null);
        WaitUntilLoaded();
        var errors = driver.FindElements(By.CssSelector("p.error")).Select(e => e.Text).ToList();
        errors.Should().BeEmpty($"the page after clicking {target} ({driver.Url}) reports no error");
        output.WriteLine($"{clock.Elapsed:mm\\:ss\\.fff} {target} → {new Uri(driver.Url).PathAndQuery} in {(clock.Elapsed - started).TotalMilliseconds:F0} ms");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            driver.Quit();
        }
        finally
        {
            driver.Dispose();
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium's last helper process may still be writing; the temp folder is swept by the OS.
            }
        }
    }

    private void WaitUntilLoaded() =>
        Wait("document.readyState to be complete", d => Equals(((IJavaScriptExecutor)d).ExecuteScript("return document.readyState"), "complete") ? "loaded" : null);

    private T Wait<T>(string what, Func<IWebDriver, T?> condition)
        where T : class
    {
        var wait = new WebDriverWait(driver, Patience) { PollingInterval = TimeSpan.FromMilliseconds(50), Message = "waited for " + what };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait.Until(condition)!;
    }

    private static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
        catch (UnknownErrorException e) when (e.Message.Contains("does not belong to the document", StringComparison.Ordinal))
        {
            // Chromium's way of saying the same while the page is being replaced.
            return true;
        }
    }
}
