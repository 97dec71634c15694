namespace BkMonitor.Grains.Actions;

/// <summary>A notice or webhook template that cannot be compiled or rendered; the message names the template.</summary>
public sealed class TemplateRenderException : Exception
{
    public TemplateRenderException(string templateName, string detail, Exception? inner = null)
        : base($"template '{templateName}' is invalid: {detail}", inner)
    {
        TemplateName = templateName;
    }

    public string TemplateName { get; }
}
