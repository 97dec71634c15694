using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using BkMonitor.Runtime.CodeGen.Diagnostics;

namespace BkMonitor.Runtime.CodeGen.Model;

/// <summary>
/// A diagnostic kept as plain data: <see cref="Location"/> and <see cref="Diagnostic"/> hold syntax trees and
/// would defeat incremental caching, so models carry this and the output step recreates the diagnostic.
/// </summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, ISymbol? at, params string[] arguments)
        => new(descriptor.Id, LocationInfo.From(at), arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic()
    {
        var args = new object[Arguments.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }
        return Diagnostic.Create(GrainDiagnostics.ById(Id), Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
    }
}

/// <summary>A source location as plain data.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return null;
        }
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource && location.SourceTree is not null)
            {
                return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
            }
        }
        return null;
    }

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
