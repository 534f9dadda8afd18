namespace FileFlow.Instances;

/// <summary>Checks an instance's name: letters, digits, '.', '-' and '_', as it names folders of the transport and trust files.</summary>
internal static class InstanceName
{
    public static string Check(string name, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameter);
        if (name.Length > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') || name[0] == '.')
        {
            throw new ArgumentException($"Instance name '{name}' must be 1 to 100 letters, digits, '.', '-' or '_', not starting with '.'.", parameter);
        }

        return name;
    }
}
