namespace FileFlow.Hosting;

/// <summary>Application settings of FileFlow, bound from the <c>FileFlow</c> configuration section and validated when the host starts.</summary>
/// <remarks>
/// Store settings live in the store's own subsection (<c>FileFlow:Sqlite</c>, <c>FileFlow:PostgreSql</c>), bound by the store package's
/// <c>UseSqlite</c> / <c>UsePostgreSql</c>. A bad setting fails the host's start with a message naming it, for example
/// "FileFlow:Sqlite:Path must be set".
/// </remarks>
public sealed class FileFlowOptions
{
    /// <summary>The configuration section FileFlow reads: "FileFlow".</summary>
    public const string SectionName = "FileFlow";

    /// <summary>Gets or sets whether files are opened against the service catalog (the ten built-in services plus any added or overridden).</summary>
    /// <value><see langword="true"/> by default; <see langword="false"/> makes a file's service id only a label.</value>
    public bool EnableServices { get; set; } = true;

    /// <summary>Gets or sets a JSON file of per-service merge patches applied to the catalog, for example <c>{ "gpf": { "timeLimit": { "days": 10 } } }</c>.</summary>
    /// <value><see langword="null"/> by default: the built-in figures.</value>
    public string? ServicesOverrideFile { get; set; }

    /// <summary>Gets or sets a folder of whole service definitions (<c>*.json</c>) loaded into the catalog.</summary>
    /// <value><see langword="null"/> by default: the built-in services only.</value>
    public string? ServicesDirectory { get; set; }

    /// <summary>Gets or sets the officer whose signer signs escalations made when time limits pass.</summary>
    /// <value><c>fileflow-system</c> by default; the signer provider must have a signer for it.</value>
    public string SystemOfficer { get; set; } = "fileflow-system";
}
