using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DepartmentalApp;

/// <summary>A desk user: the Identity user whose id is the FileFlow officer id, with the label of the officer's PKCS#11 token.</summary>
public sealed class DeskUser : IdentityUser
{
    /// <summary>Gets or sets the label of the officer's token (its serial number works too).</summary>
    public string TokenLabel { get; set; } = "";
}

/// <summary>The Identity tables (users, hashed passwords, lockout) in their own SQLite file in the data directory.</summary>
public sealed class DeskDbContext(DbContextOptions<DeskDbContext> options) : IdentityDbContext<DeskUser>(options);

/// <summary>Creates the Identity database and, for the demo, one user per seeded officer with a hashed password.</summary>
public static class DeskIdentity
{
    /// <summary>Creates the tables if missing and adds any seeded officer not yet a user; passwords are hashed by Identity's password hasher.</summary>
    public static async Task SeedAsync(IServiceProvider services, string demoPassword, Func<FileFlow.Organisation.OfficerId, string> tokenLabel, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DeskUser>>();
        foreach (var staff in DepartmentalOffice.Staff)
        {
            if (await users.FindByIdAsync(staff.Officer.Value) is not null)
            {
                continue;
            }

            var created = await users.CreateAsync(new DeskUser { Id = staff.Officer.Value, UserName = staff.Officer.Value, TokenLabel = tokenLabel(staff.Officer) }, demoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Could not seed the user '{staff.Officer}': {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
        }
    }
}
