using FileFlow.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DepartmentalApp.Pages.Account;

/// <summary>Sign-out: closes the officer's token session (the key is no longer usable by the server) and the cookie.</summary>
public sealed class SignOutModel(SignInManager<DeskUser> signIn, OfficerTokens tokens) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Inbox");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            tokens.Lock(Desk.Officer(User));
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
