namespace BkMonitor.Grains.Delivery;

/// <summary>Validates a webhook request before any I/O so a bad URL, method or header is a clear failure, not an exception.</summary>
internal static class WebhookRequestCheck
{
    private static readonly HashSet<string> AllowedMethods = new(StringComparer.OrdinalIgnoreCase) { "POST", "PUT", "PATCH", "GET", "DELETE" };

    // The sender owns framing and the key; letting configuration set these would corrupt the request.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Idempotency-Key",
    };

    public static string? Validate(WebhookRequest request, out Uri uri, out HttpMethod method)
    {
        uri = null!;
        method = HttpMethod.Post;
        if (!IsHttpUrl(request.Url, out var parsed))
        {
            return $"invalid webhook URL '{request.Url}': only absolute http/https URLs are accepted";
        }
        uri = parsed;
        if (!AllowedMethods.Contains(request.Method ?? ""))
        {
            return $"unsupported HTTP method '{request.Method}': use POST, PUT, PATCH, GET or DELETE";
        }
        method = new HttpMethod(request.Method!.ToUpperInvariant());
        if (string.IsNullOrEmpty(request.IdempotencyKey) || !IsHeaderValue(request.IdempotencyKey))
        {
            return "invalid idempotency key: it must be non-empty printable ASCII";
        }
        if (!IsHeaderValue(request.ContentType ?? ""))
        {
            return $"invalid content type '{request.ContentType}'";
        }
        foreach (var (name, value) in request.Headers)
        {
            if (!IsToken(name)) return $"invalid header name '{name}'";
            if (ReservedHeaders.Contains(name)) return $"header '{name}' is set by the sender and cannot be configured";
            if (!IsHeaderValue(value)) return $"invalid value for header '{name}': only printable ASCII is allowed";
        }
        return null;
    }

    public static bool IsHttpUrl(string? url, out Uri uri)
    {
        uri = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) return false;
        if (string.IsNullOrEmpty(parsed.Host)) return false;
        uri = parsed;
        return true;
    }

    private static bool IsHeaderValue(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 && c != '\t' || c > 0x7e) return false;
        }
        return true;
    }

    private static bool IsToken(string name)
    {
        if (name.Length == 0) return false;
        foreach (var c in name)
        {
            var ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
                || "!#$%&'*+-.^_`|~".Contains(c);
            if (!ok) return false;
        }
        return true;
    }
}
