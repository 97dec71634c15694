using System.Security.Cryptography;
using System.Text;
using BkMonitor.GrainInterfaces.Metadata;

namespace BkMonitor.Grains.Metadata;

/// <summary>Checks a custom report's token against a data source; shared by the data source grain and the per-silo cache.</summary>
internal static class IngestAuthorizer
{
    public static IngestAuthorization Authorize(DataSourceInfo? info, string accessToken)
    {
        var status = info switch
        {
            null => IngestAuthorizationStatus.UnknownDataId,
            _ when !TokenMatches(info.AccessToken, accessToken) => IngestAuthorizationStatus.Denied,
            { IsEnabled: false } => IngestAuthorizationStatus.Disabled,
            _ when info.TypeLabel != EtlConfigs.TimeSeries || info.ResultTables.Count == 0 => IngestAuthorizationStatus.NotTimeSeries,
            _ => IngestAuthorizationStatus.Granted,
        };
        return status == IngestAuthorizationStatus.Granted
            ? new IngestAuthorization { Status = status, ResultTableId = info!.ResultTables[0].TableId, BkBizId = info.BkBizId }
            : new IngestAuthorization { Status = status };
    }

    // Constant time, so the token cannot be found byte by byte from response timings.
    private static bool TokenMatches(string expected, string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(candidate));
}
