namespace BkMonitor.GrainInterfaces.Shields;

/// <summary>What a shield selects alerts by (ALARM-SPEC §9).</summary>
public static class ShieldCategory
{
    /// <summary>Hosts, service instances, topo nodes or dynamic groups (optionally one metric).</summary>
    public const string Scope = "scope";

    /// <summary>strategy_id[] with optional level[], dimension_conditions and target scope.</summary>
    public const string Strategy = "strategy";

    /// <summary>One alert (and, as bk-monitor does, later alerts with the same strategy and dimensions).</summary>
    public const string Alert = "alert";

    /// <summary>dimension_conditions only.</summary>
    public const string Dimension = "dimension";

    public static IReadOnlyList<string> All { get; } = [Scope, Strategy, Alert, Dimension];
}

/// <summary>The kind of target a scope shield lists.</summary>
public static class ShieldScopeType
{
    public const string Instance = "instance";
    public const string Ip = "ip";
    public const string Node = "node";
    public const string DynamicGroup = "dynamic_group";
    public const string Biz = "biz";

    public static IReadOnlyList<string> All { get; } = [Instance, Ip, Node, DynamicGroup, Biz];
}
