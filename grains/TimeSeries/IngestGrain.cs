using System.Text.Json;
using BkMonitor.GrainInterfaces.Access;
using BkMonitor.GrainInterfaces.Metadata;
using BkMonitor.GrainInterfaces.TimeSeries;
using BkMonitor.Grains.Hosting;
using BkMonitor.Grains.Metadata;
using BkMonitor.Runtime;

namespace BkMonitor.Grains.TimeSeries;

/// <summary>
/// Custom report ingest on the receiving silo. All or nothing: the whole report is validated and authorised
/// before the first point is stored; then the result table's route grain tells the strategies reading it.
/// </summary>
[StatelessWorker]
internal sealed class IngestGrain : Grain, IIngestGrain
{
    private readonly PipelineServices _services;
    private readonly DataSourceCache _dataSources;

    public IngestGrain(PipelineServices services, DataSourceCache dataSources)
    {
        _services = services;
        _dataSources = dataSources;
    }

    public async Task<IngestResult> PushAsync(JsonElement body)
    {
        var now = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        CustomReport? report;
        Dictionary<string, List<string>> errors;
        try
        {
            (report, errors) = _services.IngestParser.Parse(body, now);
        }
        catch (CustomReportTooLargeException e)
        {
            return IngestResult.Rejected(IngestStatus.TooLarge, e.Message);
        }
        if (report is null) return Invalid(errors);
        var duplicates = DuplicateSamples.Find(report.Samples);
        if (duplicates.Count > 0) return Invalid(new() { ["data"] = duplicates });

        if (report.DataId > int.MaxValue) return IngestResult.Rejected(IngestStatus.UnknownDataId, $"Data id {report.DataId} does not exist.");
        var authorization = await _dataSources.AuthorizeAsync(GrainFactory, report.DataId, report.AccessToken);
        switch (authorization.Status)
        {
            case IngestAuthorizationStatus.UnknownDataId:
                return IngestResult.Rejected(IngestStatus.UnknownDataId, $"Data id {report.DataId} does not exist.");
            case IngestAuthorizationStatus.Denied:
                return IngestResult.Rejected(IngestStatus.Unauthorized, $"The access_token is not the token of data id {report.DataId}.");
            case IngestAuthorizationStatus.Disabled:
                return IngestResult.Rejected(IngestStatus.Disabled, $"Data id {report.DataId} is disabled.");
            case IngestAuthorizationStatus.NotTimeSeries:
                return IngestResult.Rejected(IngestStatus.Disabled, $"Data id {report.DataId} does not take custom time series.");
        }

        var table = authorization.ResultTableId!;
        var metrics = new Dictionary<string, (long Min, long Max)>(StringComparer.Ordinal);
        foreach (var sample in report.Samples)
        {
            // The parser refused anything older than the retention, so every append succeeds.
            _services.Store.Append(table, sample.Metric, sample.Dimensions, sample.Time, sample.Value, now);
            metrics[sample.Metric] = metrics.TryGetValue(sample.Metric, out var range)
                ? (Math.Min(range.Min, sample.Time), Math.Max(range.Max, sample.Time))
                : (sample.Time, sample.Time);
        }
        var notice = new PushNotice
        {
            ResultTableId = table,
            Metrics = metrics.Select(m => new PushedMetric(m.Key, m.Value.Min, m.Value.Max)).ToList(),
        };
        var strategies = await GrainFactory.GetGrain<IResultTableRouteGrain>(table).NotifyAsync(notice);
        return new IngestResult { Status = IngestStatus.Accepted, Accepted = report.Samples.Count, Strategies = strategies, Message = "success" };
    }

    private static IngestResult Invalid(Dictionary<string, List<string>> errors) => new()
    {
        Status = IngestStatus.Invalid,
        Message = "The report has invalid points; nothing was stored.",
        Errors = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
    };
}
