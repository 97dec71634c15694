using BkMonitor.GrainInterfaces.Metadata;

namespace BkMonitor.Grains.Metadata;

/// <summary>Builds a new <see cref="DataSourceInfo"/> with its default result table from validated inputs.</summary>
internal static class DataSourceFactory
{
    public const string DefaultSourceLabel = "bk_monitor";

    /// <summary>Creates a user data source; the request must have passed <see cref="DataSourceRequestValidator"/>.</summary>
    public static DataSourceInfo Create(CreateDataSourceRequest request, int dataId, string accessToken, long now, int? storageClusterId)
    {
        if (DataSourceRequestValidator.Validate(request).Count > 0)
        {
            throw new ArgumentException("the data source request is invalid; validate it first", nameof(request));
        }
        return Create(request.BkBizId!.Value, request.DataName!, request.EtlConfig!, isSystem: false, dataId, accessToken, now, storageClusterId);
    }

    public static DataSourceInfo Create(
        int bkBizId, string dataName, string etlConfig, bool isSystem, int dataId, string accessToken, long now, int? storageClusterId)
    {
        var typeLabel = EtlConfigs.TypeLabelOf(etlConfig)
            ?? throw new ArgumentException($"unknown etl_config '{etlConfig}'", nameof(etlConfig));
        var table = new ResultTableInfo
        {
            TableId = ResultTableIds.For(typeLabel, bkBizId, dataId),
            Fields = DefaultFields(typeLabel),
            StorageClusterId = storageClusterId,
        };
        return new DataSourceInfo
        {
            BkDataId = dataId,
            DataName = dataName,
            EtlConfig = etlConfig,
            SourceLabel = DefaultSourceLabel,
            TypeLabel = typeLabel,
            AccessToken = accessToken,
            IsSystem = isSystem,
            IsEnabled = true,
            BkBizId = bkBizId,
            // Only a CMDB business maps to a space uid without a lookup; negative ids are other spaces.
            SpaceUid = bkBizId > 0 ? $"bkcc__{bkBizId}" : null,
            ResultTables = [table],
            CreateTime = now,
            UpdateTime = now,
        };
    }

    private static IReadOnlyList<ResultTableField> DefaultFields(string typeLabel)
    {
        var time = Field("time", "timestamp", "timestamp");
        return typeLabel == EtlConfigs.Event
            ? [time, Field("event_name", "string", "dimension"), Field("target", "string", "dimension"),
                Field("event", "object", "dimension"), Field("dimensions", "object", "dimension")]
            : [time];
    }

    private static ResultTableField Field(string name, string type, string tag) => new() { FieldName = name, FieldType = type, Tag = tag };
}
