using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace FileFlow.Hosting.Tests.PublicApi;

/// <summary>Renders an assembly's public surface as sorted, deterministic text: one line per type, then one per member with its C#-like signature (nullability, modifiers, defaults).</summary>
/// <remarks>Public and protected members of public types count; compiler-generated members with unspeakable names do not. Property and event accessors appear inside their property or event.</remarks>
internal static class PublicApiText
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(char)] = "char", [typeof(short)] = "short",
        [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long",
        [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal",
        [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };

    /// <summary>Returns the public API of the assembly, one line each, lines separated by '\n', ending in '\n'.</summary>
    public static string Of(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeLine(type)).Append('\n');
            foreach (var (_, member) in Members(type).OrderBy(m => m.Key, StringComparer.Ordinal).ThenBy(m => m.Line, StringComparer.Ordinal))
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string TypeLine(Type type)
    {
        var line = new StringBuilder();
        if (type.GetCustomAttribute<ObsoleteAttribute>() is not null)
        {
            line.Append("[Obsolete] ");
        }

        if (type.IsEnum)
        {
            if (type.GetCustomAttribute<FlagsAttribute>() is not null)
            {
                line.Append("[Flags] ");
            }

            return line.Append("enum ").Append(Name(type)).Append(" : ").Append(Name(Enum.GetUnderlyingType(type))).ToString();
        }

        if (typeof(Delegate).IsAssignableFrom(type.BaseType))
        {
            var invoke = type.GetMethod("Invoke")!;
            var context = new NullabilityInfoContext();
            return line.Append("delegate ").Append(Name(invoke.ReturnType, context.Create(invoke.ReturnParameter))).Append(' ').Append(Name(type))
                .Append('(').Append(Parameters(invoke, context)).Append(')').ToString();
        }

        var isRecord = type.GetMethod("<Clone>$") is not null || (type.IsValueType && type.GetProperty("EqualityContract", Declared) is null && type.GetMethod("PrintMembers", Declared) is not null);
        if (type.IsInterface)
        {
            line.Append("interface ");
        }
        else if (type.IsValueType)
        {
            line.Append(type.GetCustomAttribute<IsReadOnlyAttribute>() is not null ? "readonly " : "")
                .Append(isRecord ? "record struct " : "struct ");
        }
        else
        {
            line.Append(type is { IsAbstract: true, IsSealed: true } ? "static " : type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : "")
                .Append(isRecord ? "record " : "class ");
        }

        line.Append(Name(type));
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
        {
            bases.Add(Name(baseType));
        }

        var inherited = type.BaseType?.GetInterfaces() ?? [];
        bases.AddRange(type.GetInterfaces().Where(i => !inherited.Contains(i) && (i.IsPublic || i.IsNestedPublic)).Select(i => Name(i)).Order(StringComparer.Ordinal));
        if (bases.Count > 0)
        {
            line.Append(" : ").Append(string.Join(", ", bases));
        }

        return line.Append(Constraints(type.IsGenericTypeDefinition ? type.GetGenericArguments() : [])).ToString();
    }

    /// <summary>The visible members of a type, each with its sort key: constructors first, then by name; enum values by value.</summary>
    private static IEnumerable<(string Key, string Line)> Members(Type type)
    {
        var context = new NullabilityInfoContext();
        if (type.IsEnum)
        {
            var values = type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (f.Name, Value: Convert.ToDecimal(f.GetRawConstantValue(), CultureInfo.InvariantCulture)));
            foreach (var (name, value) in values.OrderBy(v => v.Value).ThenBy(v => v.Name, StringComparer.Ordinal))
            {
                yield return (value.ToString("000000000000000000000", CultureInfo.InvariantCulture), $"{name} = {value.ToString(CultureInfo.InvariantCulture)}");
            }

            yield break;
        }

        if (typeof(Delegate).IsAssignableFrom(type.BaseType))
        {
            yield break;
        }

        foreach (var member in type.GetMembers(Declared))
        {
            var line = member switch
            {
                ConstructorInfo c when Visible(c) && !type.IsAbstract || c is { IsFamily: true } or { IsFamilyOrAssembly: true } && !type.IsSealed =>
                    Modifiers(c) + Name(type).Split('<')[0] + "(" + Parameters(c, context) + ")",
                MethodInfo m when Visible(m) && !m.IsSpecialName || m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal) && Visible(m) =>
                    Method(m, context),
                PropertyInfo p when Accessors(p).Any(Visible) => Property(p, context),
                FieldInfo f when Visible(f) => Field(f, context),
                EventInfo e when e.AddMethod is { } add && Visible(add) => Modifiers(add) + "event " + Name(e.EventHandlerType!, context.Create(e)) + " " + e.Name,
                _ => null,
            };
            if (line is not null && !member.Name.Contains('<', StringComparison.Ordinal))
            {
                var key = member is ConstructorInfo ? "" : member.Name;
                yield return (key, (member.GetCustomAttribute<ObsoleteAttribute>() is not null ? "[Obsolete] " : "") + line);
            }
        }
    }

    private static bool Visible(MethodBase method) =>
        method.IsPublic || ((method.IsFamily || method.IsFamilyOrAssembly) && !method.DeclaringType!.IsSealed);

    private static bool Visible(FieldInfo field) =>
        field.IsPublic || ((field.IsFamily || field.IsFamilyOrAssembly) && !field.DeclaringType!.IsSealed);

    private static IEnumerable<MethodInfo> Accessors(PropertyInfo property) =>
        new[] { property.GetMethod, property.SetMethod }.OfType<MethodInfo>();

    private static string Method(MethodInfo method, NullabilityInfoContext context)
    {
        var returns = Name(method.ReturnType, context.Create(method.ReturnParameter));
        var generic = method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : "";
        var constraints = Constraints(method.IsGenericMethodDefinition ? method.GetGenericArguments() : []);
        var extension = method.IsDefined(typeof(ExtensionAttribute)) ? "this " : "";
        return $"{Modifiers(method)}{returns} {method.Name}{generic}({extension}{Parameters(method, context)}){constraints}";
    }

    private static string Property(PropertyInfo property, NullabilityInfoContext context)
    {
        var accessor = Accessors(property).First(Visible);
        var indexer = property.GetIndexParameters();
        var name = indexer.Length == 0 ? property.Name : "this[" + string.Join(", ", indexer.Select(p => Parameter(p, context))) + "]";
        var accessors = new StringBuilder("{ ");
        if (property.GetMethod is { } get && Visible(get))
        {
            accessors.Append(get.IsPublic ? "" : "protected ").Append("get; ");
        }

        if (property.SetMethod is { } set && Visible(set))
        {
            var init = set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            accessors.Append(set.IsPublic ? "" : "protected ").Append(init ? "init; " : "set; ");
        }

        var required = property.IsDefined(typeof(RequiredMemberAttribute)) ? "required " : "";
        return $"{Modifiers(accessor)}{required}{Name(property.PropertyType, context.Create(property))} {name} {accessors}}}";
    }

    private static string Field(FieldInfo field, NullabilityInfoContext context)
    {
        var modifiers = (field.IsPublic ? "public " : "protected ") + (field.IsLiteral ? "const " : (field.IsStatic ? "static " : "") + (field.IsInitOnly ? "readonly " : ""));
        var value = field.IsLiteral ? " = " + Literal(field.GetRawConstantValue()) : "";
        return $"{modifiers}{Name(field.FieldType, context.Create(field))} {field.Name}{value}";
    }

    private static string Modifiers(MethodBase method)
    {
        var text = new StringBuilder(method.IsPublic ? "public " : "protected ");
        if (method.IsStatic)
        {
            text.Append("static ");
        }
        else if (method.DeclaringType!.IsInterface)
        {
            text.Append(method.IsAbstract ? "" : "default ");
        }
        else if (method.IsAbstract)
        {
            text.Append("abstract ");
        }
        else if (method is MethodInfo m && m.IsVirtual && !m.IsFinal)
        {
            text.Append(m.GetBaseDefinition() == m ? "virtual " : "override ");
        }
        else if (method is MethodInfo o && o.IsVirtual && o.GetBaseDefinition() != o)
        {
            text.Append("sealed override ");
        }

        return text.ToString();
    }

    private static string Parameters(MethodBase method, NullabilityInfoContext context) =>
        string.Join(", ", method.GetParameters().Select(p => Parameter(p, context)));

    private static string Parameter(ParameterInfo parameter, NullabilityInfoContext context)
    {
        var type = parameter.ParameterType;
        var prefix = "";
        if (type.IsByRef)
        {
            prefix = parameter.IsOut ? "out " : parameter.IsIn || parameter.IsDefined(typeof(IsReadOnlyAttribute)) ? "in " : "ref ";
        }

        if (parameter.IsDefined(typeof(ParamArrayAttribute)))
        {
            prefix = "params ";
        }

        var text = prefix + Name(type, context.Create(parameter)) + " " + parameter.Name;
        if (parameter.HasDefaultValue)
        {
            var raw = parameter.RawDefaultValue;
            var plain = Nullable.GetUnderlyingType(type) ?? type;
            text += " = " + (raw is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default"
                : raw is not null && plain.IsEnum ? Name(plain) + "." + Enum.ToObject(plain, raw) : Literal(raw));
        }

        return text;
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        char c => "'" + c + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Constraints(Type[] arguments)
    {
        var text = new StringBuilder();
        foreach (var argument in arguments)
        {
            var parts = new List<string>();
            var attributes = argument.GenericParameterAttributes;
            if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
            {
                parts.Add("class");
            }

            if (attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
            {
                parts.Add("struct");
            }

            parts.AddRange(argument.GetGenericParameterConstraints().Where(c => c != typeof(ValueType)).Select(c => Name(c)));
            if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) && !attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
            {
                parts.Add("new()");
            }

            if (parts.Count > 0)
            {
                text.Append(" where ").Append(argument.Name).Append(" : ").Append(string.Join(", ", parts));
            }
        }

        return text.ToString();
    }

    /// <summary>The C# name of a type: keywords, namespace-qualified otherwise, generic arguments spelled out, '?' where nullable.</summary>
    private static string Name(Type type, NullabilityInfo? nullability = null)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!, nullability);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying, nullability?.GenericTypeArguments.FirstOrDefault()) + "?";
        }

        var nullable = nullability is { ReadState: NullabilityState.Nullable } && !type.IsValueType ? "?" : "";
        if (type.IsArray)
        {
            return Name(type.GetElementType()!, nullability?.ElementType) + "[" + new string(',', type.GetArrayRank() - 1) + "]" + nullable;
        }

        if (type.IsGenericParameter)
        {
            return type.Name + nullable;
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + nullable;
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        if (!type.IsGenericType)
        {
            return name + nullable;
        }

        var arguments = type.GetGenericArguments();
        if (type.IsNested)
        {
            arguments = arguments[type.DeclaringType!.GetGenericArguments().Length..];
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        var names = arguments.Select((a, i) => Name(a, nullability is { GenericTypeArguments.Length: > 0 } n && i < n.GenericTypeArguments.Length ? n.GenericTypeArguments[i] : null));
        return arguments.Length == 0 ? name + nullable : name + "<" + string.Join(", ", names) + ">" + nullable;
    }
}
