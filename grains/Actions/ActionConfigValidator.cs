using BkMonitor.GrainInterfaces.Actions;

namespace BkMonitor.Grains.Actions;

/// <summary>Validates an action config as <c>POST /api/v1/action_configs</c> receives it.</summary>
internal static class ActionConfigValidator
{
    public static Dictionary<string, List<string>> Validate(ActionConfig config)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(config.Name)) errors.Add("name", "is required");
        if (config.BkBizId < 0) errors.Add("bk_biz_id", "must not be negative");
        if (!ActionPluginType.All.Contains(config.PluginType))
        {
            errors.Add("plugin_type", $"must be one of {string.Join(", ", ActionPluginType.All)}");
        }
        else if (config.PluginType == ActionPluginType.Webhook)
        {
            WebhookConfigReader.Read(config.ExecuteConfig, "execute_config", errors);
        }
        return errors.ByField;
    }
}
