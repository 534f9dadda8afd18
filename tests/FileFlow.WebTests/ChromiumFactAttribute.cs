namespace FileFlow.WebTests;

/// <summary>A fact that drives Debian's headless Chromium; skipped with the reason when Chromium or ChromeDriver is not installed, unless <c>FILEFLOW_REQUIRE_BROWSER=1</c> (CI) makes that a failure.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    public ChromiumFactAttribute()
    {
        var required = Environment.GetEnvironmentVariable("FILEFLOW_REQUIRE_BROWSER") == "1";
        if (!required && !(File.Exists(Chromium) && File.Exists(ChromeDriver)))
        {
            Skip = $"Chromium is not installed ({Chromium} and {ChromeDriver}): run .ci/browser.sh (apt-get install chromium chromium-driver) to run the browser test.";
        }
    }
}
