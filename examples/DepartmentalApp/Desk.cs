using System.Globalization;
using System.Security.Claims;
using FileFlow.Documents;
using FileFlow.Engine;
using FileFlow.Organisation;
using FileFlow.Services;
using FileFlow.Storage;
using FileFlow.Time;
using Microsoft.Extensions.Localization;

namespace DepartmentalApp;

/// <summary>The marker type of the desk's shared string resources (Resources/SharedResource.resx and SharedResource.hi.resx).</summary>
public sealed class SharedResource;

/// <summary>What every page needs: the signed-in officer, words for enum values in the current language, dates in Indian form.</summary>
public sealed class Desk(IStringLocalizer<SharedResource> localizer, FileFlowEngine engine, TimeProvider time)
{
    /// <summary>India Standard Time; the desk shows every time in it.</summary>
    public static readonly TimeSpan Ist = TimeSpan.FromHours(5.5);

    /// <summary>The actions a desk offers as buttons (the rest happen by opening a page, by law, or by attaching).</summary>
    public static readonly IReadOnlySet<DocumentTrigger> Buttons = new HashSet<DocumentTrigger>
    {
        DocumentTrigger.Forward, DocumentTrigger.Return, DocumentTrigger.Recall, DocumentTrigger.Approve, DocumentTrigger.Reject,
        DocumentTrigger.Park, DocumentTrigger.Reopen, DocumentTrigger.Close, DocumentTrigger.ReturnToApplicant, DocumentTrigger.Resubmit,
        DocumentTrigger.Appeal, DocumentTrigger.SecondAppeal, DocumentTrigger.AllowAppeal, DocumentTrigger.DismissAppeal,
    };

    /// <summary>Gets the engine.</summary>
    public FileFlowEngine Engine => engine;

    /// <summary>Gets the time now.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Returns the officer id of a signed-in user.</summary>
    public static OfficerId Officer(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."));

    /// <summary>Returns the first post an officer holds or acts for now.</summary>
    public PostId PostOf(OfficerId officer) => engine.Organisation.PostsActingFor(officer, Now).Select(p => p.Post).FirstOrDefault();

    /// <summary>A state as words.</summary>
    public string Word(DocumentState state) => localizer["State." + state];

    /// <summary>A record's action as words (what happened).</summary>
    public string Word(DocumentTrigger trigger) => localizer["Trigger." + trigger];

    /// <summary>An action as a button's verb (what to do).</summary>
    public string Verb(DocumentTrigger trigger) => localizer["Do." + trigger];

    /// <summary>A document kind as words.</summary>
    public string Word(DocumentKind kind) => localizer["Kind." + kind];

    /// <summary>A time-limit status as words.</summary>
    public string Word(TimeLimitStatus status) => localizer["Limit." + status];

    /// <summary>A grading as words.</summary>
    public string Word(SecurityGrading grading) => localizer["Grading." + grading];

    /// <summary>A date and time in Indian form (dd-MM-yyyy, 24-hour IST).</summary>
    public static string Time(DateTimeOffset at) => at.ToOffset(Ist).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A date in Indian form.</summary>
    public static string Date(DateTimeOffset at) => at.ToOffset(Ist).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    /// <summary>A post's designation with its code.</summary>
    public string PostName(PostId? post) =>
        post is { } p && engine.Organisation.ContainsPost(p) ? $"{engine.Organisation.GetPost(p).Designation} ({p})" : post?.Value ?? "";

    /// <summary>An officer's name.</summary>
    public string OfficerName(OfficerId officer) =>
        engine.Organisation.ContainsOfficer(officer) ? engine.Organisation.GetOfficer(officer).Name : officer.Value;

    /// <summary>The service's name in the current language.</summary>
    public string ServiceName(DocumentHead head)
    {
        if (head.ServiceId is not { } id || engine.Services is not { } catalog || !catalog.Contains(id))
        {
            return head.ServiceId ?? "";
        }

        var service = head.ServiceVersion is { } v ? catalog.Get(id, v) : catalog.Get(id);
        return Hindi ? service.NameHindi : service.NameEnglish;
    }

    /// <summary>Gets whether the page is in Hindi.</summary>
    public static bool Hindi => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "hi";

    /// <summary>The time-limit status of a service file now, or None.</summary>
    public TimeLimitStatus LimitOf(DocumentHead head)
    {
        if (head.ServiceId is not { } id || engine.Services is not { } catalog || !catalog.Contains(id) || head.DueAt is null)
        {
            return TimeLimitStatus.None;
        }

        return ServiceClock.StatusOf(head, head.ServiceVersion is { } v ? catalog.Get(id, v) : catalog.Get(id), Now);
    }
}
