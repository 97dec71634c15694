namespace BkMonitor.ClientApi.Errors;

/// <summary>Input failed validation; <see cref="Errors"/> maps JSON paths to messages (400 problem+json).</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors, string? detail = null)
    : Exception(detail ?? "The request has invalid fields.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message)
        => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The addressed resource does not exist (404 problem+json).</summary>
public sealed class ResourceNotFoundException(string detail) : Exception(detail);

/// <summary>The request conflicts with the stored version (409 problem+json).</summary>
public sealed class ResourceConflictException(string detail) : Exception(detail);
