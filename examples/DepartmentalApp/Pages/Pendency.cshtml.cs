using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DepartmentalApp.Pages;

/// <summary>The pendency of the office.</summary>
public sealed class PendencyModel : PageModel
{
    public void OnGet()
    {
    }
}
