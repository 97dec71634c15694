namespace BkMonitor.Grains.Metadata;

/// <summary>Thrown when the user data id range has no id left for the request.</summary>
public sealed class DataIdExhaustedException(int requested, int remaining)
    : Exception($"data id range {DataIdRanges.UserFirst}..{DataIdRanges.UserLast} is exhausted: " +
                $"{requested} id(s) requested, {remaining} left")
{
    public int Requested { get; } = requested;

    public int Remaining { get; } = remaining;
}
