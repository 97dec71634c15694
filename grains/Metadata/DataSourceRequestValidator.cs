using BkMonitor.GrainInterfaces.Metadata;

namespace BkMonitor.Grains.Metadata;

/// <summary>Checks a <see cref="CreateDataSourceRequest"/> and reports every problem by field name.</summary>
internal static class DataSourceRequestValidator
{
    public const int MaxDataNameLength = 128;

    public static Dictionary<string, List<string>> Validate(CreateDataSourceRequest request)
    {
        var errors = new FieldErrors();
        if (request.BkBizId is null)
        {
            errors.Add("bk_biz_id", "bk_biz_id is required");
        }

        var name = request.DataName;
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("data_name", "data_name must not be empty");
        }
        else if (name.Length > MaxDataNameLength)
        {
            errors.Add("data_name", $"data_name is {name.Length} characters long, at most {MaxDataNameLength} allowed");
        }
        else if (name.Any(char.IsControl))
        {
            errors.Add("data_name", "data_name must not contain control characters");
        }

        var etl = request.EtlConfig;
        string? impliedLabel = null;
        if (string.IsNullOrEmpty(etl))
        {
            errors.Add("etl_config", "etl_config is required");
        }
        else if ((impliedLabel = EtlConfigs.TypeLabelOf(etl)) is null)
        {
            errors.Add("etl_config", $"unknown etl_config '{etl}', expected one of: {string.Join(", ", EtlConfigs.Known)}");
        }

        var label = request.DataTypeLabel;
        if (string.IsNullOrEmpty(label))
        {
            errors.Add("data_type_label", "data_type_label is required");
        }
        else if (!EtlConfigs.DataTypeLabels.Contains(label))
        {
            errors.Add("data_type_label", $"unknown data_type_label '{label}', expected one of: {string.Join(", ", EtlConfigs.DataTypeLabels)}");
        }
        else if (impliedLabel is not null && impliedLabel != label)
        {
            errors.Add("data_type_label", $"data_type_label '{label}' does not match etl_config '{etl}', which produces '{impliedLabel}'");
        }

        return errors.Errors;
    }
}
