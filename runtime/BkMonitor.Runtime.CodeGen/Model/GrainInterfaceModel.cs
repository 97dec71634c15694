namespace BkMonitor.Runtime.CodeGen.Model;

/// <summary>A grain interface declared in the compilation, with every method it exposes (inherited ones included).</summary>
/// <param name="FullName">Runtime name (<c>Type.FullName</c> form, nested types joined by '+').</param>
/// <param name="TypeSyntax">Fully qualified C# reference (<c>global::Ns.IFoo</c>).</param>
/// <param name="ShortName">Name without namespace and without the conventional leading 'I' (<c>Outer_Foo</c>).</param>
/// <param name="Methods">Ordered by method id.</param>
internal sealed record GrainInterfaceModel(
    string FullName,
    string TypeSyntax,
    string ShortName,
    bool IsPublic,
    EquatableArray<GrainMethodModel> Methods,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>How a grain method returns.</summary>
internal enum ReturnShape
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>One method of a grain interface.</summary>
/// <param name="DeclaringInterface">Fully qualified interface that declares the method (the proxy implements it explicitly there).</param>
/// <param name="ResultType">The <c>GrainRequest&lt;T&gt;</c> type argument: the awaited type, or VoidResult.</param>
/// <param name="Options">Bit set of <c>InvokeMethodOptions</c>.</param>
internal sealed record GrainMethodModel(
    int Id,
    string Name,
    string EscapedName,
    string DeclaringInterface,
    string ReturnTypeSyntax,
    ReturnShape Shape,
    string ResultType,
    int Options,
    EquatableArray<GrainParameterModel> Parameters)
{
    public const int AlwaysInterleave = 1;
    public const int OneWay = 2;
    public const int ReadOnly = 4;

    public bool IsOneWay => (Options & OneWay) != 0;
}

/// <summary>One argument of a grain method.</summary>
/// <param name="EscapedName">Parameter name as written in C# (<c>@event</c>).</param>
/// <param name="TypeSyntax">Type with nullable annotations, for signatures and fields.</param>
/// <param name="TypeOfSyntax">Type without nullable reference annotations, valid inside <c>typeof</c>.</param>
/// <param name="AcceptsNull">Whether SetArgument may store null without a null-forgiving cast.</param>
internal sealed record GrainParameterModel(string EscapedName, string TypeSyntax, string TypeOfSyntax, bool IsParams, bool AcceptsNull);
