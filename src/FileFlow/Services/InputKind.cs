namespace FileFlow.Services;

/// <summary>The type of a service input.</summary>
public enum InputKind
{
    /// <summary>Free text.</summary>
    Text = 1,

    /// <summary>A whole number (days, a count).</summary>
    Integer = 2,

    /// <summary>An amount of money in rupees (decimal).</summary>
    Amount = 3,

    /// <summary>A date, <c>yyyy-MM-dd</c>.</summary>
    Date = 4,

    /// <summary>A month, <c>yyyy-MM</c> (a pay month).</summary>
    Month = 5,

    /// <summary>One of a fixed set of values.</summary>
    Choice = 6,
}
