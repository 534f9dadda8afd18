using System.Net;
using System.Security.Claims;
using FileFlow.Engine;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace DepartmentalApp;

/// <summary>Builds the web application: FileFlow through <c>AddFileFlow</c> on SQLite, cookie sign-in, antiforgery, and the pages.</summary>
public static class AppHost
{
    /// <summary>Builds the app from command-line arguments (configuration keys such as <c>--DepartmentalApp:Port=0</c>); Kestrel listens on 127.0.0.1 only.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var settings = builder.Configuration.GetSection("DepartmentalApp");
        var dataDirectory = Path.GetFullPath(settings["DataDirectory"] ?? "fileflow-data", Directory.GetCurrentDirectory());
        Directory.CreateDirectory(dataDirectory);
        builder.Configuration["FileFlow:Sqlite:Path"] ??= Path.Combine(dataDirectory, "fileflow.db");
        var port = settings.GetValue("Port", 5080);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

        var office = DepartmentalOffice.LoadOrSeed(dataDirectory, settings["KeyPassword"] ?? "development-only-change-me", TimeProvider.System);
        builder.Services.AddSingleton(office);
        // begin-snippet: di
        // Settings come from the "FileFlow" section (appsettings.json, environment, command line) and are checked at start.
        builder.Services.AddFileFlow(fileflow => fileflow
            .UseSqlite()                      // FileFlow:Sqlite:Path, SynchronousMode, GroupCommit, ...
            .UseSigner(office.Signers)        // an ISignerProvider: one signer per officer
            .UseOrganisation(office.Chart)    // offices, posts, officers and who holds which post since when
            .AddBackgroundEscalation()        // FileFlow:Escalation:Interval; overdue files escalate, once, on every node
            .AddHealthChecks());              // /health: store reachable, schema version, writer alive
        // end-snippet
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/login";
                cookie.Cookie.Name = "fileflow-desk";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "data-protection")));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        var demoPassword = settings["DemoPassword"] ?? "fileflow";

        app.MapGet("/", (HttpContext context) => Results.Redirect(context.User.Identity?.IsAuthenticated == true ? "/inbox" : "/login"));
        app.MapGet("/login", (HttpContext context, string? error) => Pages.Login(context, error));
        app.MapPost("/login", async (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string officer, [Microsoft.AspNetCore.Mvc.FromForm] string password) =>
        {
            var staff = DepartmentalOffice.Staff.FirstOrDefault(s => s.Officer.Value == officer);
            if (staff.Name is null || password != demoPassword)
            {
                return Results.Redirect("/login?error=1");
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, staff.Officer.Value), new Claim(ClaimTypes.Name, staff.Name)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect("/inbox");
        });
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        });

        var desk = app.MapGroup("/").RequireAuthorization();
        desk.MapGet("/inbox", Pages.InboxAsync);
        desk.MapPost("/receipts", Pages.DiariseAsync);
        desk.MapGet("/files/new", Pages.NewFileAsync);
        desk.MapPost("/files", Pages.OpenFileAsync);
        desk.MapGet("/documents/{id:guid}", Pages.DocumentAsync);
        desk.MapPost("/documents/{id:guid}/notings", Pages.WriteNotingAsync);
        desk.MapPost("/documents/{id:guid}/actions", Pages.ActAsync);
        app.MapHealthChecks("/health");
        return app;
    }
}
