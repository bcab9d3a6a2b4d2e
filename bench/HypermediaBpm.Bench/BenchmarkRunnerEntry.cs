using BenchmarkDotNet.Running;

namespace HypermediaBpm.Bench;

public static class BenchmarkRunnerEntry
{
    public static int Run(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkRunnerEntry).Assembly).Run(args);
        return 0;
    }
}
