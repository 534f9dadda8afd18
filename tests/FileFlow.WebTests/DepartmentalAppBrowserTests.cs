using System.Security.Cryptography;
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

    [ChromiumFact]
    public void A_section_day_runs_in_the_browser_from_diarising_a_scanned_letter_to_a_sanction_with_its_remark()
    {
        using var browser = Browser.Start(output);
        var subject = "Medical leave of Shri Mohan Lal, Pharmacist " + Guid.NewGuid().ToString("N")[..6];
        var letter = desk.WritePdf("Application for medical leave");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(letter)));

        // The dealing assistant diarises the application with its scanned letter; the letter's hash is signed into the receipt.
        browser.SignIn(desk.BaseUrl, "ramesh");
        browser.Submit(By.Id("nav-diarise"));
        browser.Find(By.Id("receipt-subject")).SendKeys(subject);
        browser.Find(By.Id("receipt-from")).SendKeys("Shri Mohan Lal, Pharmacist, CHC Bakshi Ka Talab");
        browser.Find(By.Id("receipt-scan")).SendKeys(letter);
        browser.Submit(By.Id("diarise-submit"));
        browser.Find(By.Id("scan")).Text.Should().Contain(sha256);
        var receiptId = new Uri(browser.Url).AbsolutePath.Split('/')[^1];

        // He opens the medical-leave file on it, notes and forwards it.
        browser.Submit(By.Id("nav-open-file"));
        browser.Choose("#service option[value='medical-leave']");
        browser.Choose($"#application option[value='{receiptId}']");
        browser.Submit(By.Id("open-file-next"));
        browser.Find(By.TagName("h1")).Text.Should().Contain("Sanction of medical leave");
        browser.Find(By.Id("input-from")).SendKeys("2026-04-01");
        browser.Find(By.Id("input-to")).SendKeys("2026-04-10");
        browser.Find(By.Id("input-days")).SendKeys("10");
        browser.Find(By.Id("input-certificate")).SendKeys("MC/2026/118");
        browser.Submit(By.Id("new-file-submit"));
        var fileUrl = browser.Url;
        browser.Find(By.Id("receipts")).Text.Should().Contain(subject);
        browser.FindAll(By.CssSelector("#act button")).Select(b => b.GetDomAttribute("value")).Should().Contain("Forward").And.NotContain("Approve", "a dealing assistant cannot sanction leave");
        browser.Find(By.Id("noting-text")).SendKeys("Shri Mohan Lal has applied for 10 days' medical leave with a certificate.\n\nLeave is due. Put up for sanction.");
        browser.Submit(By.Id("noting-submit"));
        browser.Find(By.Id("notings")).Text.Should().Contain("2. Leave is due. Put up for sanction.");
        browser.Submit(By.Id("do-forward"));
        browser.Find(By.Id("holder")).Text.Should().Contain("EST-SO");
        browser.Find(By.Id("state")).Text.Should().Be("forwarded");
        browser.SignOut();

        // The section officer finds it in her inbox, sent by the dealing assistant, and forwards it up the route.
        browser.SignIn(desk.BaseUrl, "sunita");
        var row = browser.FindAll(By.CssSelector("#inbox tr.item")).Single(r => r.Text.Contains(subject, StringComparison.Ordinal));
        row.FindElement(By.ClassName("sender")).Text.Should().Contain("EST-DA");
        row.FindElement(By.ClassName("status")).Text.Should().Contain("forwarded");
        browser.Submit(By.LinkText(subject));
        browser.Submit(By.Id("do-forward"));
        browser.Find(By.Id("holder")).Text.Should().Contain("CMO");
        browser.SignOut();

        // The head of office, the competent authority for 10 days' leave, sanctions it with a remark the file then shows.
        browser.SignIn(desk.BaseUrl, "arvind");
        browser.Submit(By.LinkText(subject));
        browser.Find(By.Id("reason")).SendKeys("Sanctioned as per rules.");
        browser.Submit(By.Id("do-approve"));
        browser.Url.Should().StartWith(fileUrl);
        browser.Find(By.Id("state")).Text.Should().Be("approved");
        browser.Find(By.Id("decision-remarks")).Text.Should().Be("Sanctioned as per rules.");
        browser.Find(By.Id("decision")).Text.Should().Contain("approved by Dr Arvind Singh");

        // Every step is signed on the officer's token and verifies against the office's root.
        var rows = browser.FindAll(By.CssSelector("#history tr.record"));
        rows.Select(r => r.GetDomAttribute("data-trigger")).Should().Equal("Create", "AttachReceipt", "Forward", "Open", "Forward", "Open", "Approve");
        rows.Should().AllSatisfy(r => r.FindElement(By.ClassName("signature")).GetDomAttribute("data-valid").Should().Be("true"));
        rows.Select(r => r.FindElement(By.ClassName("actor")).GetDomAttribute("data-officer")).Should().Equal("ramesh", "ramesh", "ramesh", "sunita", "sunita", "arvind", "arvind");

        // In Hindi the same file reads in words, with the page's language said so.
        browser.Submit(By.Id("lang-hi"));
        browser.Language.Should().Be("hi");
        browser.Find(By.Id("state")).Text.Should().Be("स्वीकृत");
        browser.Find(By.Id("decision")).Text.Should().Contain("निर्णय").And.Contain("Sanctioned as per rules.");
        browser.FindAll(By.CssSelector("#history tr.record td:nth-child(3)")).Select(c => c.Text).Should().Contain("अग्रेषित की गई");
        browser.Submit(By.Id("nav-inbox"));
        browser.Find(By.Id("title")).Text.Should().Be("Dr Arvind Singh की आवक");
        browser.Submit(By.Id("lang-en"));
        browser.Language.Should().Be("en");

        // The pendency page counts the sanction as decided on time (the figures fileflow report draws).
        browser.Submit(By.Id("nav-pendency"));
        int.Parse(browser.Find(By.CssSelector("#compliance tr[data-service='medical-leave'] .on-time")).Text, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(1);
    }

    [ChromiumFact]
    public void An_uncleared_officer_cannot_see_a_confidential_receipt_nor_act_on_a_file_another_post_holds()
    {
        using var browser = Browser.Start(output);
        var secret = "Vigilance complaint against a pharmacist " + Guid.NewGuid().ToString("N")[..6];
        var open = "Transfer request of a staff nurse " + Guid.NewGuid().ToString("N")[..6];

        // The section officer diarises a confidential complaint and an ordinary request; both stay with her.
        browser.SignIn(desk.BaseUrl, "sunita");
        browser.Submit(By.Id("nav-diarise"));
        browser.Find(By.Id("receipt-subject")).SendKeys(secret);
        browser.Find(By.Id("receipt-from")).SendKeys("A complainant");
        browser.Choose("#receipt-grading option[value='Confidential']");
        browser.Find(By.Id("receipt-scan")).SendKeys(desk.WritePdf("Complaint"));
        browser.Submit(By.Id("diarise-submit"));
        browser.Find(By.Id("grading")).Text.Should().Be("confidential");
        var secretUrl = browser.Url;
        browser.Submit(By.Id("nav-diarise"));
        browser.Find(By.Id("receipt-subject")).SendKeys(open);
        browser.Find(By.Id("receipt-from")).SendKeys("Smt Kamla Devi, Staff Nurse");
        browser.Find(By.Id("receipt-scan")).SendKeys(desk.WritePdf("Transfer request"));
        browser.Submit(By.Id("diarise-submit"));
        var openUrl = browser.Url;
        browser.FindAll(By.CssSelector("#act button")).Should().NotBeEmpty("the holder may act on her receipt");
        browser.SignOut();

        // The dealing assistant, cleared for normal papers only, finds neither in his search; the confidential one is refused outright.
        browser.SignIn(desk.BaseUrl, "ramesh");
        browser.Find(By.Id("q")).SendKeys("pharmacist");
        browser.Submit(By.Id("search-submit"));
        browser.Find(By.Id("inbox")).Text.Should().NotContain(secret);
        browser.GoTo(secretUrl);
        browser.Find(By.Id("refused")).Text.Should().Be("You are not cleared for this document.");
        browser.Text.Should().NotContain(secret);

        // He may read the ordinary request but is offered no action on it: the section officer holds it.
        browser.GoTo(openUrl);
        browser.Find(By.TagName("h1")).Text.Should().Contain(open);
        browser.Find(By.Id("no-actions")).Text.Should().Be("No actions are open to you on this document.");
        browser.FindAll(By.Id("act")).Should().BeEmpty();
    }

    [ChromiumFact]
    public void A_rejected_applicant_appeals_and_the_appellate_authority_allows_it_with_reasons_on_the_file()
    {
        using var browser = Browser.Start(output);
        var subject = "Medical leave of Shri Mohan Lal " + Guid.NewGuid().ToString("N")[..6];

        // The dealing assistant opens the file for the pharmacist, who is its applicant, and it goes up the route.
        browser.SignIn(desk.BaseUrl, "ramesh");
        browser.Submit(By.Id("nav-open-file"));
        browser.Choose("#service option[value='medical-leave']");
        browser.Submit(By.Id("open-file-next"));
        browser.Find(By.Id("file-subject")).Clear();
        browser.Find(By.Id("file-subject")).SendKeys(subject);
        browser.Choose("#applicant option[value='mohan']");
        browser.Find(By.Id("input-from")).SendKeys("2026-05-01");
        browser.Find(By.Id("input-to")).SendKeys("2026-05-05");
        browser.Find(By.Id("input-days")).SendKeys("5");
        browser.Find(By.Id("input-certificate")).SendKeys("MC/2026/201");
        browser.Submit(By.Id("new-file-submit"));
        var fileUrl = browser.Url;
        browser.Submit(By.Id("do-forward"));
        browser.SignOut();
        browser.SignIn(desk.BaseUrl, "sunita");
        browser.Submit(By.LinkText(subject));
        browser.Submit(By.Id("do-forward"));
        browser.SignOut();

        // The head of office rejects it, with the reason a rejection must carry.
        browser.SignIn(desk.BaseUrl, "arvind");
        browser.Submit(By.LinkText(subject));
        browser.Find(By.Id("reason")).SendKeys("The certificate does not cover the period.");
        browser.Submit(By.Id("do-reject"));
        browser.Find(By.Id("state")).Text.Should().Be("rejected");
        browser.SignOut();

        // The applicant, who holds no post on the route, is offered the appeal and no move or decision.
        browser.SignIn(desk.BaseUrl, "mohan");
        browser.GoTo(fileUrl);
        browser.FindAll(By.CssSelector("#act button")).Select(b => b.GetDomAttribute("value")).Should().Equal(["Appeal"],
            "the applicant holds no post on the route, and a second appeal lies only against the first appeal's order");
        browser.Find(By.Id("reason")).SendKeys("The certificate covers 1 to 5 May.");
        browser.Submit(By.Id("do-appeal"));
        browser.Find(By.Id("state")).Text.Should().Be("under appeal");
        browser.Find(By.Id("no-actions")).Displayed.Should().BeTrue("only the appellate authority decides the appeal, and it is within its time");
        browser.FindAll(By.CssSelector("#act button")).Should().BeEmpty();
        browser.SignOut();

        // The first appellate authority finds it in her inbox and allows the appeal; the order's reasons show as the decision.
        browser.SignIn(desk.BaseUrl, "meera");
        browser.Submit(By.LinkText(subject));
        browser.Find(By.Id("reason")).SendKeys("The certificate covers the period; leave to be sanctioned.");
        browser.Submit(By.Id("do-allowappeal"));
        browser.Find(By.Id("decision")).Text.Should().Contain("appeal allowed by Dr Meera Iyer");
        browser.Find(By.Id("decision-remarks")).Text.Should().Be("The certificate covers the period; leave to be sanctioned.");
        browser.FindAll(By.CssSelector("#history tr.record .signature")).Should().AllSatisfy(c => c.GetDomAttribute("data-valid").Should().Be("true"));
    }
}
