namespace BkMonitor.Grains.Metadata;

/// <summary>A protected secret could not be decrypted: it is malformed, altered, moved, or from another key.</summary>
public sealed class SecretTamperedException(string message, Exception? inner = null) : Exception(message, inner);
