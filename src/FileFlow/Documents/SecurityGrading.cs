namespace FileFlow.Documents;

/// <summary>The security grading of a file or receipt; an officer sees a document only with a clearance at least as high.</summary>
public enum SecurityGrading
{
    /// <summary>Normal: anyone in the organisation with access to the post's inbox.</summary>
    Normal = 0,

    /// <summary>Confidential.</summary>
    Confidential = 1,

    /// <summary>Secret.</summary>
    Secret = 2,

    /// <summary>Top secret.</summary>
    TopSecret = 3,
}
