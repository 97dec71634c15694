namespace BkMonitor.Grains.Detect;

/// <summary>
/// A model behind IntelligentDetect / TimeSeriesForecasting (bk-monitor calls its AIOps platform):
/// the expected value and normal band of a series at a moment, from that series' history alone.
/// Null when the model cannot say (too little history); the point is then not anomalous.
/// </summary>
internal interface IAnomalyModel
{
    ModelPrediction? Predict(string seriesKey, long time, in HistoryReader history);
}

internal readonly record struct ModelPrediction(double Expected, double Lower, double Upper);
