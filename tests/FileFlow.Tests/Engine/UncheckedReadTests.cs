using System.Reflection;
using FileFlow.Engine;
using FileFlow.Organisation;

namespace FileFlow.Tests.Engine;

/// <summary>Regression for issue 14, defect 13: the everyday reads take the viewing officer; the unchecked ones say so in their names.</summary>
public sealed class UncheckedReadTests
{
    [Theory]
    [InlineData("GetAsync")]
    [InlineData("HistoryAsync")]
    [InlineData("ParkHistoryAsync")]
    public void Every_public_overload_of_a_read_takes_the_viewing_officer(string name)
    {
        var overloads = typeof(FileFlowEngine).GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == name).ToList();

        overloads.Should().NotBeEmpty();
        overloads.Should().OnlyContain(m => m.GetParameters().Any(p => p.ParameterType == typeof(OfficerId)), "a read without the viewer skips the clearance check");
    }

    [Theory]
    [InlineData("GetUncheckedAsync")]
    [InlineData("HistoryUncheckedAsync")]
    [InlineData("ParkHistoryUncheckedAsync")]
    public void The_unchecked_reads_for_auditors_are_named_so_and_take_no_viewer(string name)
    {
        var method = typeof(FileFlowEngine).GetMethod(name, BindingFlags.Public | BindingFlags.Instance);

        method.Should().NotBeNull();
        method!.GetParameters().Should().NotContain(p => p.ParameterType == typeof(OfficerId));
    }
}
