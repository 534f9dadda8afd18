using System.ComponentModel.DataAnnotations;
using FileFlow.Organisation;
using FileFlow.Pkcs11;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DepartmentalApp.Pages.Account;

/// <summary>Sign-in: the officer's password (checked by Identity against its hash) and their token's PIN (passed to the token, never stored).</summary>
public sealed class SignInModel(SignInManager<DeskUser> signIn, OfficerTokens tokens, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string Officer { get; set; } = "";

    [BindProperty]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty]
    [DataType(DataType.Password)]
    public string Pin { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.UserManager.FindByIdAsync(Officer.Trim());
        if (user is null)
        {
            Error = localizer["Unknown officer or wrong password."];
            return Page();
        }

        var checkedPassword = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (!checkedPassword.Succeeded)
        {
            Error = checkedPassword.IsLockedOut ? localizer["Too many failed attempts: try again later."] : localizer["Unknown officer or wrong password."];
            return Page();
        }

        try
        {
            tokens.Unlock(new OfficerId(user.Id), user.TokenLabel, Pin);
        }
        catch (InvalidTokenPinException)
        {
            Error = localizer["The token refused the PIN."];
            return Page();
        }
        catch (TokenException e)
        {
            Error = localizer["Your token could not be used: {0}", e.Message];
            return Page();
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/Inbox");
    }
}
