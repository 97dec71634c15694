using Microsoft.Extensions.Options;

namespace BkMonitor.Runtime.Hosting;

/// <summary>Validates <see cref="SiloOptions"/> with one message per wrong field.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        RequireText(errors, nameof(options.ServiceId), options.ServiceId);
        RequireText(errors, nameof(options.ClusterId), options.ClusterId);
        RequireText(errors, nameof(options.SiloName), options.SiloName);
        RequireText(errors, nameof(options.AdvertisedHost), options.AdvertisedHost);
        RequirePort(errors, nameof(options.SiloPort), options.SiloPort);
        RequirePort(errors, nameof(options.GatewayPort), options.GatewayPort);
        RequirePositive(errors, nameof(options.ResponseTimeout), options.ResponseTimeout);
        RequirePositive(errors, nameof(options.CollectionAge), options.CollectionAge);
        RequirePositive(errors, nameof(options.CollectionQuantum), options.CollectionQuantum);
        if (options.VirtualNodesPerSilo is < 1 or > 1024)
        {
            errors.Add($"SiloOptions.VirtualNodesPerSilo must be between 1 and 1024 (was {options.VirtualNodesPerSilo}).");
        }
        if (options.Roles is null)
        {
            errors.Add("SiloOptions.Roles must not be null.");
        }
        else
        {
            for (var i = 0; i < options.Roles.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(options.Roles[i]))
                {
                    errors.Add($"SiloOptions.Roles[{i}] must not be empty.");
                }
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequireText(List<string> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"SiloOptions.{field} must not be empty.");
        }
    }

    private static void RequirePort(List<string> errors, string field, int value)
    {
        if (value is < 1 or > 65535)
        {
            errors.Add($"SiloOptions.{field} must be between 1 and 65535 (was {value}).");
        }
    }

    private static void RequirePositive(List<string> errors, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"SiloOptions.{field} must be positive (was {value}).");
        }
    }
}
