using OpenQA.Selenium;
using Xunit.Abstractions;

namespace FileFlow.WebTests;

/// <summary>Drives the departmental desk in headless Chromium: officers sign in with password and token PIN, and a section's day runs through it.</summary>
[Collection(DeskCollection.Name)]
public sealed class DepartmentalAppBrowserTests(DeskFixture desk, ITestOutputHelper output)
{
    [ChromiumFact]
    public void An_officer_signs_in_with_password_and_token_PIN_and_sees_their_inbox()
    {
        using var browser = Browser.Start(output);
        browser.SignIn(desk.BaseUrl, "sunita");
        browser.Find(By.Id("title")).Text.Should().Be("Inbox of Sunita Verma");
        browser.Language.Should().Be("en");
        browser.SignOut();
    }

    [ChromiumFact]
    public void A_wrong_token_PIN_keeps_the_officer_out()
    {
        using var browser = Browser.Start(output);
        browser.GoTo(desk.BaseUrl + "/Account/SignIn");
        browser.Find(By.Id("officer")).SendKeys("meera");
        browser.Find(By.Id("password")).SendKeys(DeskFixture.Password);
        browser.Find(By.Id("pin")).SendKeys("000000");
        browser.Find(By.Id("sign-in")).Click();
        browser.Find(By.Id("sign-in-error")).Text.Should().Be("The token refused the PIN.");
        browser.GoTo(desk.BaseUrl + "/Inbox");
        new Uri(browser.Url).AbsolutePath.Should().Be("/Account/SignIn");
    }
}
