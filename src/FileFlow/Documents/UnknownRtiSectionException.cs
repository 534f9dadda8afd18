namespace FileFlow.Documents;

/// <summary>A withholding cites something other than a clause of section 8(1) of the RTI Act, (a) to (j); nothing was stored.</summary>
public sealed class UnknownRtiSectionException : FileFlowException
{
    /// <summary>Initializes a new instance naming the text given.</summary>
    public UnknownRtiSectionException(string? text)
        : base($"'{text}' is not a clause of section 8(1) of the RTI Act; cite one of 8(1)(a) to 8(1)(j).") => Text = text;

    /// <summary>Gets the text that did not parse.</summary>
    public string? Text { get; }
}
