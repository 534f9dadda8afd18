using FileFlow.Documents;

namespace FileFlow.Tests.Documents;

public sealed class NumberTests
{
    [Fact]
    public void FileNumber_formats_and_parses_DEPT_SECTION_HEAD_SERIAL_YEAR()
    {
        var number = new FileNumber("HEALTH", "EST", "LEAVE", 42, 2026);
        number.ToString().Should().Be("HEALTH/EST/LEAVE/42/2026");
        FileNumber.Parse("HEALTH/EST/LEAVE/42/2026").Should().Be(number);
    }

    [Theory]
    [InlineData("HEALTH/EST/LEAVE/42")]
    [InlineData("HEALTH/EST/LEAVE/x/2026")]
    [InlineData("health/EST/LEAVE/1/2026")]
    [InlineData("HEALTH/EST/LEAVE/0/2026")]
    [InlineData("HEALTH//LEAVE/1/2026")]
    [InlineData("HEALTH/EST/LEAVE/1/1800")]
    public void FileNumber_Parse_refuses_malformed_text(string text) =>
        FluentActions.Invoking(() => FileNumber.Parse(text)).Should().Throw<FormatException>().WithMessage($"*{text}*");

    [Fact]
    public void DiaryNumber_formats_and_parses_RUNNING_YEAR_SECTION()
    {
        DiaryNumber.Parse("154960/2013/TSECY").Should().Be(new DiaryNumber(154960, 2013, "TSECY"));
        new DiaryNumber(7, 2026, "EST").ToString().Should().Be("7/2026/EST");
        FluentActions.Invoking(() => DiaryNumber.Parse("7/2026")).Should().Throw<FormatException>();
    }

    [Fact]
    public void NotingContent_round_trips_paragraphs_with_references_and_refuses_bad_numbering()
    {
        var receipt = DocumentId.New();
        var paragraphs = new[]
        {
            new NotingParagraph(1, "आवेदन प्राप्त हुआ।") { References = [receipt] },
            new NotingParagraph(2, "Put up for orders."),
        };
        NotingContent.Decode(NotingContent.Encode(paragraphs)).Should().BeEquivalentTo(paragraphs);
        FluentActions.Invoking(() => NotingContent.Encode([new NotingParagraph(2, "x")])).Should().Throw<ArgumentException>().WithMessage("*numbered*");
        FluentActions.Invoking(() => NotingContent.Encode([])).Should().Throw<ArgumentException>();
    }
}
