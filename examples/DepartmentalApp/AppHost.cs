using System.Globalization;
using System.Net;
using FileFlow.Diagnostics;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Pkcs11;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DepartmentalApp;

/// <summary>Builds the desk: Razor Pages and a JSON API over FileFlow on SQLite, ASP.NET Core Identity sign-in, officers' keys on PKCS#11 tokens,
/// Hindi and English, health checks, background escalation and OpenTelemetry.</summary>
public static class AppHost
{
    /// <summary>The cultures the desk speaks: English (India) and Hindi (India).</summary>
    public static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("en-IN"), CultureInfo.GetCultureInfo("hi-IN")];

    /// <summary>The default data directory: outside the source tree, in the user's local application data (~/.local/share/FileFlowDesk on Linux).</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "FileFlowDesk");

    /// <summary>Builds the app from command-line arguments (configuration keys such as <c>--DepartmentalApp:Port=0</c>); Kestrel listens on 127.0.0.1 only.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(AppHost).Assembly.GetName().Name });
        var settings = builder.Configuration.GetSection("DepartmentalApp");
        var dataDirectory = Path.GetFullPath(settings["DataDirectory"] is { Length: > 0 } configured ? configured : DefaultDataDirectory);
        Directory.CreateDirectory(dataDirectory);
        builder.Configuration["FileFlow:Sqlite:Path"] ??= Path.Combine(dataDirectory, "fileflow.db");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.GetValue("Port", 5080)));
        builder.Services.Configure<DeskOptions>(settings);
        builder.Services.AddSingleton(new DataDirectory(dataDirectory));

        // Officers' keys are on their tokens: the server loads the PKCS#11 module and unlocks a token only with the PIN typed at sign-in.
        var tokenSettings = settings.GetSection("Tokens");
        var module = Pkcs11Module.Load(tokenSettings["Module"] is { Length: > 0 } path ? path : "/usr/lib/softhsm/libsofthsm2.so");
        var prefix = tokenSettings["LabelPrefix"] ?? "desk-";
        string TokenLabel(OfficerId officer) => prefix + officer.Value;
        var provision = tokenSettings["DemoPin"] is { Length: > 0 } demoPin
            ? DepartmentalOffice.ProvisionDemoTokens(module, TokenLabel, tokenSettings["DemoSecurityOfficerPin"] ?? throw new InvalidOperationException("DepartmentalApp:Tokens:DemoSecurityOfficerPin must be set with DemoPin."), demoPin, TimeProvider.System)
            : null;
        var office = DepartmentalOffice.LoadOrSeed(dataDirectory, settings["SystemKeyPassword"] ?? "development-only-change-me", TimeProvider.System, provision);
        var tokens = new OfficerTokens(module, DepartmentalOffice.SystemOfficer, office.SystemSigner);
        builder.Services.AddSingleton(office);
        builder.Services.AddSingleton(tokens);
        // begin-snippet: di
        // Settings come from the "FileFlow" section (appsettings.json, environment, command line) and are checked at start.
        builder.Services.AddFileFlow(fileflow => fileflow
            .UseSqlite()                      // FileFlow:Sqlite:Path, SynchronousMode, GroupCommit, ...
            .UseSigner(tokens)                // an ISignerProvider: each officer's key on their PKCS#11 token
            .UseOrganisation(office.Chart)    // offices, posts, officers and who holds which post since when
            .AddBackgroundEscalation()        // FileFlow:Escalation:Interval; overdue files escalate, once, on every node
            .AddHealthChecks());              // /health: store reachable, schema version, writer alive
        // end-snippet

        // Sign-in: ASP.NET Core Identity with hashed passwords in SQLite (see the README for switching to OpenID Connect).
        builder.Services.AddDbContext<DeskDbContext>(db => db.UseSqlite("Data Source=" + Path.Combine(dataDirectory, "identity.db")));
        builder.Services.AddIdentity<DeskUser, IdentityRole>(identity =>
            {
                identity.Password.RequiredLength = 8;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<DeskDbContext>();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/SignIn";
            cookie.AccessDeniedPath = "/Account/SignIn";
            cookie.Cookie.Name = "fileflow-desk";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Events.OnRedirectToLogin = context => Api.Refuse(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Api.Refuse(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "data-protection")));

        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        builder.Services.AddRazorPages(pages => pages.Conventions.AuthorizeFolder("/").AllowAnonymousToFolder("/Account"))
            .AddViewLocalization();
        builder.Services.AddScoped<Desk>();
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        AddTelemetry(builder);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(tokens.Dispose);
        DeskIdentity.SeedAsync(app.Services, settings["DemoPassword"] ?? "Desk@2026", TokenLabel, CancellationToken.None).GetAwaiter().GetResult();

        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.Use(TokenGate.RequireUnlockedToken);
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.Name == culture) ?? Cultures[0];
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/");
        }).AllowAnonymous();
        Api.Map(app);
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        return app;
    }

    // begin-snippet: telemetry
    // Traces and metrics of the desk and of FileFlow: to the console by default, to an OTLP collector with
    // DepartmentalApp:Telemetry:Exporter=otlp (endpoint from OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4317); "none" turns both off.
    private static void AddTelemetry(WebApplicationBuilder builder)
    {
        var exporter = builder.Configuration["DepartmentalApp:Telemetry:Exporter"]?.ToUpperInvariant() ?? "CONSOLE";
        if (exporter == "NONE")
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("fileflow-desk"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(FileFlowDiagnostics.ActivitySourceName).AddAspNetCoreInstrumentation();
                _ = exporter == "OTLP" ? tracing.AddOtlpExporter() : tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(FileFlowDiagnostics.MeterName).AddAspNetCoreInstrumentation();
                _ = exporter == "OTLP" ? metrics.AddOtlpExporter() : metrics.AddConsoleExporter();
            });
    }
    // end-snippet
}

/// <summary>The desk's own settings (section <c>DepartmentalApp</c>).</summary>
public sealed class DeskOptions
{
    /// <summary>Gets or sets the largest scanned letter accepted, in bytes.</summary>
    public long MaxScanBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>The desk's data directory (SQLite stores, scanned letters, keys, data-protection keys).</summary>
public sealed record DataDirectory(string Path);

/// <summary>A signed-in officer whose token is not unlocked in this process (the server restarted, or they signed out elsewhere) must sign in again.</summary>
internal static class TokenGate
{
    public static async Task RequireUnlockedToken(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && !context.Request.Path.StartsWithSegments("/Account")
            && !context.RequestServices.GetRequiredService<OfficerTokens>().IsUnlocked(Desk.Officer(context.User)))
        {
            await context.RequestServices.GetRequiredService<SignInManager<DeskUser>>().SignOutAsync();
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            context.Response.Redirect("/Account/SignIn?ReturnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
            return;
        }

        await next(context);
    }
}
