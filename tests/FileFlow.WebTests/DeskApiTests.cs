using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using Microsoft.Extensions.DependencyInjection;
using static DepartmentalApp.Api;

namespace FileFlow.WebTests;

/// <summary>The desk's JSON API against the running desk: the same sign-in (password and token PIN), the same clearance and authority checks, idempotent acting.</summary>
[Collection(DeskCollection.Name)]
public sealed partial class DeskApiTests(DeskFixture desk) : IDisposable
{
    private readonly List<HttpClient> clients = [];

    [DeskFact]
    public async Task Without_signing_in_the_API_answers_401_and_the_OpenAPI_document_lists_its_endpoints()
    {
        var anonymous = Client();
        (await anonymous.GetAsync(new Uri("/api/inbox", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var openApi = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        openApi.Should().Contain("/api/inbox").And.Contain("/api/documents/{id}/actions").And.Contain("/api/documents/{id}/history");
    }

    [DeskFact]
    public async Task A_wrong_PIN_is_refused_and_leaves_the_officer_signed_out()
    {
        var client = Client();
        var response = await client.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative), new SignInRequest("rajiv", DeskFixture.Password, "999999"));
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync(new Uri("/api/inbox", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [DeskFact]
    public async Task A_retried_forward_with_the_same_action_id_applies_once()
    {
        var ramesh = await SignedInAsync("ramesh");
        var receipt = await DiariseAsync(new OfficerId("ramesh"), "Retry test " + Guid.NewGuid().ToString("N")[..6], SecurityGrading.Normal);

        var permitted = await ramesh.GetFromJsonAsync<ListPage<string>>(new Uri($"/api/documents/{receipt.Value}/actions", UriKind.Relative));
        permitted!.Items.Should().Contain("Forward");
        var request = new ActRequest(Guid.NewGuid(), "Forward", "EST-SO", null);
        var first = await ramesh.PostAsJsonAsync(new Uri($"/api/documents/{receipt.Value}/actions", UriKind.Relative), request);
        var retried = await ramesh.PostAsJsonAsync(new Uri($"/api/documents/{receipt.Value}/actions", UriKind.Relative), request);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        retried.StatusCode.Should().Be(HttpStatusCode.OK);
        var applied = await first.Content.ReadFromJsonAsync<ActResult>();
        (await retried.Content.ReadFromJsonAsync<ActResult>()).Should().Be(applied);
        applied!.Holder.Should().Be("EST-SO");

        var history = await ramesh.GetFromJsonAsync<ListPage<HistoryItem>>(new Uri($"/api/documents/{receipt.Value}/history", UriKind.Relative));
        history!.Items.Select(h => h.Action).Should().Equal("Create", "Forward");
        history.Items.Should().AllSatisfy(h => h.SignatureValid.Should().BeTrue());

        // The recipient sees it in her inbox, sent by the dealing assistant.
        var sunita = await SignedInAsync("sunita");
        var inbox = await sunita.GetFromJsonAsync<ListPage<InboxItem>>(new Uri("/api/inbox?limit=200", UriKind.Relative));
        inbox!.Items.Should().ContainSingle(i => i.Id == receipt.Value).Which.Sender.Should().Be("EST-DA");
        inbox.Total.Should().Be(inbox.Items.Count);
    }

    [DeskFact]
    public async Task An_officer_cannot_act_on_a_document_another_post_holds_nor_read_one_above_their_clearance()
    {
        var sunitaDocument = await DiariseAsync(new OfficerId("sunita"), "Held by the section officer " + Guid.NewGuid().ToString("N")[..6], SecurityGrading.Normal);
        var confidential = await DiariseAsync(new OfficerId("sunita"), "Confidential " + Guid.NewGuid().ToString("N")[..6], SecurityGrading.Confidential);
        var ramesh = await SignedInAsync("ramesh");

        var permitted = await ramesh.GetFromJsonAsync<ListPage<string>>(new Uri($"/api/documents/{sunitaDocument.Value}/actions", UriKind.Relative));
        permitted!.Items.Should().BeEmpty();
        var act = await ramesh.PostAsJsonAsync(new Uri($"/api/documents/{sunitaDocument.Value}/actions", UriKind.Relative), new ActRequest(Guid.NewGuid(), "Forward", "CMO", null));
        act.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ramesh.GetAsync(new Uri($"/api/documents/{confidential.Value}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ramesh.GetAsync(new Uri($"/api/documents/{confidential.Value}/history", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var engine = desk.Services.GetRequiredService<FileFlowEngine>();
        (await engine.GetAsync(sunitaDocument, new OfficerId("sunita"))).Holder.Should().Be(new PostId("EST-SO"), "the refused action changed nothing");
    }

    [DeskFact]
    public async Task A_scanned_letter_that_is_not_a_PDF_or_too_large_is_refused_and_nothing_is_diarised()
    {
        var client = await SignedInAsync("meera");
        var engine = desk.Services.GetRequiredService<FileFlowEngine>();
        var before = (await engine.InboxAsync(new OfficerId("meera"), new FileFlow.Storage.DocumentQuery { Limit = 500 })).Items.Count;

        var notPdf = await DiariseFormAsync(client, "Not a PDF", "application/pdf", "GIF89a not a letter"u8.ToArray());
        notPdf.Should().Contain("The scanned letter must be a PDF.");
        var tooLarge = await DiariseFormAsync(client, "Too large", "application/pdf", [.. "%PDF-1.4\n"u8, .. new byte[300_000]]);
        tooLarge.Should().Contain("The scanned letter is larger than");

        (await engine.InboxAsync(new OfficerId("meera"), new FileFlow.Storage.DocumentQuery { Limit = 500 })).Items.Should().HaveCount(before);
    }

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private HttpClient Client()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(desk.BaseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
        clients.Add(client);
        return client;
    }

    private async Task<HttpClient> SignedInAsync(string officer)
    {
        var client = Client();
        var response = await client.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative), new SignInRequest(officer, DeskFixture.Password, DeskFixture.Pin));
        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        return client;
    }

    // Setting up through the engine the desk runs, as the signed-in officer (whose token the sign-in unlocked).
    private async Task<DocumentId> DiariseAsync(OfficerId officer, string subject, SecurityGrading grading)
    {
        if (!desk.Services.GetRequiredService<DepartmentalApp.OfficerTokens>().IsUnlocked(officer))
        {
            await SignedInAsync(officer.Value);
        }

        var engine = desk.Services.GetRequiredService<FileFlowEngine>();
        var post = engine.Organisation.PostsActingFor(officer, DateTimeOffset.UtcNow).First().Post;
        var result = await engine.DiariseReceiptAsync(officer, post, new NewReceipt("EST", "A sender", new DateOnly(2026, 4, 1), subject, ReceiptMedium.Electronic) { Grading = grading });
        return result.Head.Id;
    }

    private static async Task<string> DiariseFormAsync(HttpClient client, string subject, string contentType, byte[] bytes)
    {
        var form = await client.GetStringAsync(new Uri("/Receipts/New", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(subject), "Subject" },
            { new StringContent("A sender"), "ReceivedFrom" },
            { new StringContent("Electronic"), "Medium" },
            { new StringContent("Normal"), "Grading" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(file, "Scan", "letter.pdf");
        var response = await client.PostAsync(new Uri("/Receipts/New", UriKind.Relative), content);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "a refused upload shows the form again with the reason");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
