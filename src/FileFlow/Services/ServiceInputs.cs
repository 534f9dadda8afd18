using System.Collections.Immutable;
using System.Globalization;

namespace FileFlow.Services;

/// <summary>Checks an application's inputs against its service definition, and reads typed values.</summary>
public static class ServiceInputs
{
    /// <summary>Checks that required inputs are present, each parses as its type within bounds, choices are allowed values, no unknown input is given, and cross-input rules hold.</summary>
    /// <exception cref="InvalidServiceInputException">The first problem found, naming the input.</exception>
    public static void Validate(ServiceDefinition service, IReadOnlyDictionary<string, string> inputs)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var name in inputs.Keys)
        {
            if (service.Input(name) is null)
            {
                throw new InvalidServiceInputException(service.Id, name, $"is not an input of this service (expected: {string.Join(", ", service.Inputs.Select(i => i.Name))})");
            }
        }

        foreach (var input in service.Inputs)
        {
            if (!inputs.TryGetValue(input.Name, out var text) || string.IsNullOrWhiteSpace(text))
            {
                if (input.Required)
                {
                    throw new InvalidServiceInputException(service.Id, input.Name, "is required");
                }

                continue;
            }

            switch (input.Kind)
            {
                case InputKind.Integer or InputKind.Amount:
                    if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                        || (input.Kind == InputKind.Integer && decimal.Truncate(number) != number))
                    {
                        throw new InvalidServiceInputException(service.Id, input.Name, $"'{text}' is not {(input.Kind == InputKind.Integer ? "a whole number" : "an amount")}");
                    }

                    if (input.Min is { } min && number < min)
                    {
                        throw new InvalidServiceInputException(service.Id, input.Name, $"{text} is below the minimum {min}");
                    }

                    if (input.Max is { } max && number > max)
                    {
                        throw new InvalidServiceInputException(service.Id, input.Name, $"{text} is above the maximum {max}");
                    }

                    break;
                case InputKind.Date when !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                    throw new InvalidServiceInputException(service.Id, input.Name, $"'{text}' is not a date (yyyy-MM-dd)");
                case InputKind.Month when !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                    throw new InvalidServiceInputException(service.Id, input.Name, $"'{text}' is not a month (yyyy-MM)");
                case InputKind.Choice when !input.Values.Contains(text):
                    throw new InvalidServiceInputException(service.Id, input.Name, $"'{text}' is not one of {string.Join(", ", input.Values)}");
            }
        }

        foreach (var c in service.Constraints)
        {
            if (!inputs.ContainsKey(c.Input) || !inputs.ContainsKey(c.Other) || (c.Third is not null && !inputs.ContainsKey(c.Third)))
            {
                continue;
            }

            switch (c.Kind)
            {
                case "atMost" when Number(inputs, c.Input) > Number(inputs, c.Other):
                    throw new InvalidServiceInputException(service.Id, c.Input, $"{inputs[c.Input]} exceeds {c.Other} ({inputs[c.Other]})");
                case "notBefore" when Date(inputs, c.Input) < Date(inputs, c.Other):
                    throw new InvalidServiceInputException(service.Id, c.Input, $"{inputs[c.Input]} is before {c.Other} ({inputs[c.Other]})");
                case "daysBetween" when Number(inputs, c.Input) != Date(inputs, c.Third!).DayNumber - Date(inputs, c.Other).DayNumber + 1:
                    throw new InvalidServiceInputException(service.Id, c.Input, $"{inputs[c.Input]} does not match the {Date(inputs, c.Third!).DayNumber - Date(inputs, c.Other).DayNumber + 1} days from {c.Other} to {c.Third}");
            }
        }
    }

    /// <summary>Reads a numeric input, or <see langword="null"/> when absent.</summary>
    public static decimal? NumberOrNull(IReadOnlyDictionary<string, string> inputs, string name) =>
        inputs.TryGetValue(name, out var text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Returns the role competent to sanction an application with these inputs: the highest threshold exceeded, else the route's authority.</summary>
    public static string CompetentAuthority(ServiceDefinition service, IReadOnlyDictionary<string, string> inputs)
    {
        ArgumentNullException.ThrowIfNull(service);
        var role = service.Route.Authority;
        foreach (var t in service.Route.Thresholds)
        {
            if (NumberOrNull(inputs, t.Input) is { } value && value > t.Above)
            {
                role = t.Authority;
            }
        }

        return role;
    }

    /// <summary>Extracts the service inputs from a file's creation-record attributes (keys under <c>input.</c>).</summary>
    public static ImmutableSortedDictionary<string, string> FromAttributes(IReadOnlyDictionary<string, string> attributes) =>
        attributes.Where(p => p.Key.StartsWith(Storage.RecordAttributes.InputPrefix, StringComparison.Ordinal))
            .ToImmutableSortedDictionary(p => p.Key[Storage.RecordAttributes.InputPrefix.Length..], p => p.Value, StringComparer.Ordinal);

    private static decimal Number(IReadOnlyDictionary<string, string> inputs, string name) => decimal.Parse(inputs[name], NumberStyles.Number, CultureInfo.InvariantCulture);

    private static DateOnly Date(IReadOnlyDictionary<string, string> inputs, string name) =>
        DateOnly.ParseExact(inputs[name], "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
