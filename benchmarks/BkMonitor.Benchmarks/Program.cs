using BkMonitor.Benchmarks;

return await ScenarioRunner.RunAsync(args);
