namespace FileFlow.WebTests;

/// <summary>A fact that drives Debian's headless Chromium against the desk, which signs on SoftHSM2 tokens; skipped with the reason when Chromium,
/// ChromeDriver or the PKCS#11 module is missing, unless <c>FILEFLOW_REQUIRE_BROWSER=1</c> / <c>FILEFLOW_REQUIRE_PKCS11=1</c> (CI) make that a failure.</summary>
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
        else
        {
            Skip = DeskFactAttribute.SkipReason;
        }
    }
}

/// <summary>A fact that needs the desk (and so SoftHSM2); skipped only when the module is absent and not required.</summary>
public sealed class DeskFactAttribute : FactAttribute
{
    public DeskFactAttribute()
    {
        Skip = SkipReason;
    }

    /// <summary>The module's path: <c>FILEFLOW_TEST_PKCS11_MODULE</c> when set (.ci/softhsm.sh exports it), else Debian's path.</summary>
    public static string ModulePath => Environment.GetEnvironmentVariable("FILEFLOW_TEST_PKCS11_MODULE") is { Length: > 0 } path ? path : "/usr/lib/softhsm/libsofthsm2.so";

    /// <summary>The reason to skip, or null when the tests must run.</summary>
    public static string? SkipReason => File.Exists(ModulePath) || Environment.GetEnvironmentVariable("FILEFLOW_REQUIRE_PKCS11") == "1"
        ? null
        : $"No PKCS#11 module at {ModulePath}: source .ci/softhsm.sh (SoftHSM2 holds the officers' demo tokens).";
}
