using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace BkMonitor.EndToEndTests;

/// <summary>A headless Chromium driven through chromedriver (Debian packages <c>chromium</c>, <c>chromium-driver</c>).</summary>
public sealed class HeadlessChromium : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private HeadlessChromium(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    public static HeadlessChromium Start()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Find("chromedriver"))!, "chromedriver");
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Find("chromium") };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage");
        return new HeadlessChromium(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
    }

    /// <summary>Waits until <paramref name="condition"/> returns a non-null value (the page changes on its own timer).</summary>
    public T Until<T>(Func<IWebDriver, T?> condition, string what)
    {
        var wait = new WebDriverWait(Driver, WaitLimit) { Message = $"waiting for {what}" };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait.Until(driver => condition(driver))!;
    }

    public void Dispose() => Driver.Quit();

    private static string Find(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin").Append("/usr/lib/chromium"))
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"{program} not found on PATH; install the Debian packages chromium and chromium-driver");
    }
}
