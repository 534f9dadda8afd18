namespace FileFlow.Pkcs11.Tests;

/// <summary>Where the tests find SoftHSM2: <c>FILEFLOW_TEST_PKCS11_MODULE</c>, else Debian's path; CI sets <c>FILEFLOW_REQUIRE_PKCS11=1</c> (from .ci/softhsm.sh) so a missing module fails instead of skipping.</summary>
internal static class SoftHsm
{
    public const string ModuleVariable = "FILEFLOW_TEST_PKCS11_MODULE";
    public const string RequireVariable = "FILEFLOW_REQUIRE_PKCS11";
    public const string DebianPath = "/usr/lib/softhsm/libsofthsm2.so";

    /// <summary>The module's path: the variable when set, else Debian's path.</summary>
    public static string ModulePath => Environment.GetEnvironmentVariable(ModuleVariable) is { Length: > 0 } path ? path : DebianPath;

    public static bool IsPresent => File.Exists(ModulePath);

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>The reason to skip, or null when the tests must run (the module is present, or it is required and its absence must fail).</summary>
    public static string? SkipReason => IsPresent || IsRequired
        ? null
        : $"No PKCS#11 module at {ModulePath} and {RequireVariable} is not set: install softhsm2 or source .ci/softhsm.sh.";

    /// <summary>A unique token label (32 characters at most).</summary>
    public static string NewLabel(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(32, prefix.Length + 13)];
}

/// <summary>A fact that needs SoftHSM2: skipped only when the module is absent and not required.</summary>
public sealed class TokenFactAttribute : FactAttribute
{
    public TokenFactAttribute()
    {
        Skip = SoftHsm.SkipReason;
    }
}

/// <summary>A theory that needs SoftHSM2: skipped only when the module is absent and not required.</summary>
public sealed class TokenTheoryAttribute : TheoryAttribute
{
    public TokenTheoryAttribute()
    {
        Skip = SoftHsm.SkipReason;
    }
}
