namespace BkMonitor.Grains.Bcs;

/// <summary>A BCS API response was an error or could not be understood; <see cref="Path"/> points at the offending JSON node.</summary>
public sealed class BcsApiResponseException(string message, string path = "$", Exception? inner = null)
    : Exception($"{message} (at {path})", inner)
{
    public string Path { get; } = path;
}
