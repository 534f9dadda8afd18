using System.Diagnostics.CodeAnalysis;

namespace FileFlow.Documents;

/// <summary>A clause of section 8(1) of the Right to Information Act 2005, (a) to (j): the grounds on which information may be withheld from an applicant.</summary>
/// <remarks>Written <c>8(1)(a)</c> to <c>8(1)(j)</c>; no other text parses. Immutable.</remarks>
public readonly record struct RtiExemption
{
    private static readonly string[] Grounds =
    [
        "sovereignty and integrity of India, security, strategic, scientific or economic interests of the State, relation with a foreign State, or incitement to an offence",
        "expressly forbidden to be published by a court or tribunal, or its disclosure may be contempt of court",
        "breach of privilege of Parliament or a State Legislature",
        "commercial confidence, trade secrets or intellectual property harming a third party's competitive position",
        "available to a person in a fiduciary relationship",
        "received in confidence from a foreign government",
        "would endanger the life or physical safety of a person or identify a source of information given in confidence",
        "would impede investigation, apprehension or prosecution of offenders",
        "cabinet papers, including records of deliberations of the Council of Ministers, Secretaries and other officers",
        "personal information with no relationship to public activity or interest, or an unwarranted invasion of privacy",
    ];

    private RtiExemption(char clause) => Clause = clause;

    /// <summary>Gets the clause letter, <c>a</c> to <c>j</c>.</summary>
    public char Clause { get; }

    /// <summary>Gets the grounds the clause names, in short.</summary>
    public string Description => Clause == default ? string.Empty : Grounds[Clause - 'a'];

    /// <summary>Gets every clause, (a) to (j).</summary>
    public static IReadOnlyList<RtiExemption> All { get; } = [.. Enumerable.Range('a', 10).Select(c => new RtiExemption((char)c))];

    /// <summary>Parses <c>8(1)(a)</c> to <c>8(1)(j)</c>.</summary>
    /// <exception cref="UnknownRtiSectionException">The text is not one of the ten clauses.</exception>
    public static RtiExemption Parse(string text) =>
        TryParse(text, out var exemption) ? exemption : throw new UnknownRtiSectionException(text);

    /// <summary>Tries to parse <c>8(1)(a)</c> to <c>8(1)(j)</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out RtiExemption exemption)
    {
        exemption = default;
        if (text is not { Length: 7 } || !text.StartsWith("8(1)(", StringComparison.Ordinal) || text[6] != ')' || text[5] is < 'a' or > 'j')
        {
            return false;
        }

        exemption = new RtiExemption(text[5]);
        return true;
    }

    /// <summary>Returns the clause as the Act cites it, for example <c>8(1)(j)</c>.</summary>
    public override string ToString() => Clause == default ? string.Empty : $"8(1)({Clause})";
}
