namespace BkMonitor.Grains.Detect;

/// <summary>An algorithm config that cannot be compiled; <see cref="Errors"/> names each bad field.</summary>
public sealed class InvalidAlgorithmConfigException : ArgumentException
{
    public InvalidAlgorithmConfigException(string algorithmType, IReadOnlyList<string> errors)
        : base($"invalid {algorithmType} config: {string.Join("; ", errors)}")
    {
        AlgorithmType = algorithmType;
        Errors = errors;
    }

    public InvalidAlgorithmConfigException() : this("", []) { }

    public InvalidAlgorithmConfigException(string message) : base(message)
    {
        AlgorithmType = "";
        Errors = [message];
    }

    public InvalidAlgorithmConfigException(string message, Exception innerException) : base(message, innerException)
    {
        AlgorithmType = "";
        Errors = [message];
    }

    public string AlgorithmType { get; }

    public IReadOnlyList<string> Errors { get; }
}
