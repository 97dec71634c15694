using System.Globalization;

namespace BkMonitor.Benchmarks.Measurement;

/// <summary>A scenario size: the positional argument if given, else the environment variable, else the default.</summary>
public static class ScenarioArgs
{
    public static int Int(string[] args, int index, string environment, int fallback)
    {
        var text = args.Length > index ? args[index] : Environment.GetEnvironmentVariable(environment);
        return string.IsNullOrEmpty(text) ? fallback : int.Parse(text, CultureInfo.InvariantCulture);
    }
}
