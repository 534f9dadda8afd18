namespace FileFlow.Storage;

/// <summary>How pending documents are counted.</summary>
public enum PendencyGrouping
{
    /// <summary>One count per post holding pending documents (map posts to offices with the organisation chart).</summary>
    Holder = 1,

    /// <summary>One count per service (general files under the empty key).</summary>
    Service = 2,
}
