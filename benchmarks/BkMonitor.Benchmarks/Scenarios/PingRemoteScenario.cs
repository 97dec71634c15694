using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using BkMonitor.Benchmarks.Grains;
using BkMonitor.Benchmarks.Measurement;
using BkMonitor.Runtime;
using BkMonitor.Runtime.Testing;

namespace BkMonitor.Benchmarks.Scenarios;

/// <summary>
/// Grain calls/s from a silo in this process to grains owned by a silo in a child process (this executable in
/// callee mode) over the TCP transport on loopback, beside local calls on the caller silo in the same run. The two
/// processes share only a membership table in a file (this project does not reference the Redis provider); every
/// remote call is encoded, framed, written to a socket, decoded and answered in the other process.
/// </summary>
public static class PingRemoteScenario
{
    private const int Actors = 100;
    private const string CalleeFlag = "--callee";

    public static async Task<object> RunAsync(string[] args)
    {
        if (args.Length >= 2 && args[0] == CalleeFlag)
        {
            return await RunCalleeAsync(args[1]);
        }
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var duration = TimeSpan.FromSeconds(seconds);
        var directory = Directory.CreateTempSubdirectory("bkm-ping-remote-").FullName;
        var output = new StringBuilder();
        using var child = StartCallee(directory, output);
        try
        {
            await using var caller = await NetworkTestSilo.StartAsync(new FileMembershipTable(directory), "caller", membership: NetworkTestSilo.ProductionTimings);
            var calleeAddress = await WaitForCalleeAsync(caller, child, output);
            var grainType = GrainTypeRegistry.GetClassForInterface(typeof(IPingGrain)).GrainType;
            var remote = KeysOwnedBy(caller.Silo.SiloRing, calleeAddress, grainType);
            var local = KeysOwnedBy(caller.Silo.SiloRing, caller.Silo.Address, grainType);

            // Activate every grain and open the connection one call at a time before the concurrent runs.
            foreach (var key in local.Concat(remote))
            {
                await caller.GrainFactory.GetGrain<IPingGrain>(key).Ping(0);
            }
            await RunAsync(caller.GrainFactory, local, TimeSpan.FromSeconds(1));
            var (_, localPerSecond, localLatency) = await RunAsync(caller.GrainFactory, local, duration);
            Console.WriteLine($"local: {localPerSecond:N0} calls/s, p99 {localLatency.PercentileMicroseconds(99)} us");
            await RunAsync(caller.GrainFactory, remote, TimeSpan.FromSeconds(1));
            var (_, remotePerSecond, remoteLatency) = await RunAsync(caller.GrainFactory, remote, duration);
            Console.WriteLine($"remote (other process): {remotePerSecond:N0} calls/s, p99 {remoteLatency.PercentileMicroseconds(99)} us");
            return new
            {
                Scenario = "ping_remote",
                Processes = 2,
                Callers = 100, // PingScenario.RunCallersAsync runs 100 concurrent callers
                CallsPerS = Math.Round(remotePerSecond),
                LocalCallsPerS = Math.Round(localPerSecond),
                Ratio = Math.Round(remotePerSecond / localPerSecond, 3),
                P50Us = remoteLatency.PercentileMicroseconds(50),
                P99Us = remoteLatency.PercentileMicroseconds(99),
            };
        }
        finally
        {
            // Closing its stdin tells the callee to stop; a callee that does not is killed.
            child.StandardInput.Close();
            if (!child.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                child.Kill(entireProcessTree: true);
            }
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<object> RunCalleeAsync(string directory)
    {
        await using var callee = await NetworkTestSilo.StartAsync(new FileMembershipTable(directory), "callee", membership: NetworkTestSilo.ProductionTimings);
        Console.WriteLine($"callee {callee.Silo.Address} ready");
        await Console.In.ReadToEndAsync();
        return new { Scenario = "ping_remote_callee" };
    }

    private static Process StartCallee(string directory, StringBuilder output)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }
        foreach (var arg in (string[])["ping_remote", CalleeFlag, directory])
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start the callee process {host}.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static async Task<SiloAddress> WaitForCalleeAsync(NetworkTestSilo caller, Process child, StringBuilder output)
    {
        var waited = Stopwatch.StartNew();
        while (caller.Silo.SiloRing.Silos.Count < 2)
        {
            if (child.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                lock (output)
                {
                    throw new InvalidOperationException($"The callee process did not join the cluster:\n{output}");
                }
            }
            await Task.Delay(20);
        }
        foreach (var silo in caller.Silo.SiloRing.Silos)
        {
            if (silo != caller.Silo.Address)
            {
                return silo;
            }
        }
        throw new InvalidOperationException("The silo ring lists the caller twice.");
    }


    private static long[] KeysOwnedBy(ISiloRing ring, SiloAddress owner, string grainType)
    {
        var keys = new List<long>(Actors);
        for (long key = 0; keys.Count < Actors; key++)
        {
            if (ring.Owner(new GrainId(grainType, key.ToString(CultureInfo.InvariantCulture)).GetUniformHashCode()) == owner)
            {
                keys.Add(key);
            }
        }
        return keys.ToArray();
    }

    private static Task<(long Calls, double PerSecond, LatencyRecorder Latency)> RunAsync(IGrainFactory factory, long[] keys, TimeSpan duration)
        => PingScenario.RunCallersAsync(keys.Select(factory.GetGrain<IPingGrain>).ToArray(), duration);
}
