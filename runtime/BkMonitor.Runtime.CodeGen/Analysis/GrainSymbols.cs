using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BkMonitor.Runtime.CodeGen.Analysis;

/// <summary>Recognises the runtime's types by name (the generator must not depend on the runtime assembly) and renders symbols as C#.</summary>
internal static class GrainSymbols
{
    /// <summary>Types with nullable reference annotations, for signatures and fields.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Types valid inside <c>typeof</c> and as generic arguments with constraints: no nullable reference annotations, no tuple names.</summary>
    public static readonly SymbolDisplayFormat TypeOfFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    // Runs for every base type and attribute of every candidate on each compilation change: compare names without allocating.
    public static bool IsRuntimeType(ITypeSymbol? type, string name)
        => type is not null
            && type.Name == name
            && type.ContainingType is null
            && IsRuntimeNamespace(type.ContainingNamespace);

    public static bool IsRuntimeNamespace(INamespaceSymbol? ns)
        => ns is { Name: "Runtime", ContainingNamespace: { Name: "BkMonitor", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>True for interfaces deriving from IGrain, except the marker interfaces themselves.</summary>
    public static bool IsGrainInterface(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface || IsMarkerInterface(type))
        {
            return false;
        }
        foreach (var baseInterface in type.AllInterfaces)
        {
            if (IsRuntimeType(baseInterface, "IGrain"))
            {
                return true;
            }
        }
        return false;
    }

    public static bool IsMarkerInterface(INamedTypeSymbol type)
        => IsRuntimeType(type, "IGrain")
            || IsRuntimeType(type, "IGrainWithStringKey")
            || IsRuntimeType(type, "IGrainWithIntegerKey")
            || IsRuntimeType(type, "IAddressable");

    public static bool DerivesFromGrain(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (IsRuntimeType(current, "Grain"))
            {
                return true;
            }
        }
        return false;
    }

    public static AttributeData? FindAttribute(ISymbol symbol, string name)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (IsRuntimeType(attribute.AttributeClass, name))
            {
                return attribute;
            }
        }
        return null;
    }

    /// <summary>The <c>Type.FullName</c> form: namespace, then containing types joined by '+'.</summary>
    public static string FullName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }
        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    /// <summary>Whether generated code in the same assembly can name the type; <paramref name="isPublic"/> when other assemblies can too.</summary>
    public static bool IsReachable(INamedTypeSymbol type, out bool isPublic)
    {
        isPublic = true;
        for (ITypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    break;
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal:
                    isPublic = false;
                    break;
                default:
                    isPublic = false;
                    return false;
            }
        }
        return true;
    }

    /// <summary>Generic itself or nested in a generic type: generated code could not name it without type arguments.</summary>
    public static bool IsGenericOrNestedInGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                return true;
            }
        }
        return false;
    }

    public static string Escape(string identifier)
        => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    /// <summary>A C# identifier built from any text: every other character becomes '_'.</summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }
        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }
}
