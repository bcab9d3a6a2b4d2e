using HypermediaBpm.Bench;

// dotnet run -c Release --project bench/HypermediaBpm.Bench -- <engine|http|compare|open|jobs|populate|feed|bdn|render|messages|timers> [options]
return args.FirstOrDefault() switch
{
    "engine" => await EngineThroughput.RunAsync(args[1..]),
    "http" => await HttpLoad.RunAsync(args[1..]),
    "compare" => await Compare.RunAsync(args[1..]),
    "open" => await OpenLoop.RunAsync(args[1..]),
    "jobs" => await JobsLoad.RunAsync(args[1..]),
    "populate" => await Populate.RunAsync(args[1..]),
    "feed" when args.Contains("--members") => await MemberFeedLatency.RunAsync(args[1..]),
    "feed" => await FeedLatency.RunAsync(args[1..]),
    "bdn" => BenchmarkRunnerEntry.Run(args[1..]),
    "render" => Render.Run(args[1..]),
    "messages" or "timers" => await EventThroughput.RunAsync(args[0], args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("""
        usage: HypermediaBpm.Bench engine [--seconds N] [--concurrency N] [--store sqlite|postgres|null] [--connection "<npgsql admin cs>"] [--synchronous Full|Normal] [--model straight|parallel|usertask] [--file model.bpmn] [--member-feeds on|off]
               HypermediaBpm.Bench http   [--seconds N] [--clients N] [--url http://127.0.0.1:5099[,http://127.0.0.1:5098…]] [--synchronous Full|Normal]
               HypermediaBpm.Bench compare [--seconds N] [--clients N] [--rounds N] [--url …] [--model-path usertask.bpmn] [--only static|root|lifecycle|form|open [--rate R]] [--synchronous Full|Normal]
               HypermediaBpm.Bench open   [--rate lifecycles/s] [--seconds N] [--model usertask|form] [--url …]
               HypermediaBpm.Bench jobs   [--workers 1,4,16] [--jobs 3000] [--batch 10] [--url …] [--synchronous Full|Normal]
               HypermediaBpm.Bench populate [--count 1000000] [--path populated.db]
               HypermediaBpm.Bench feed   [--events 1000000] [--path feeds.db] [--iterations 300]
               HypermediaBpm.Bench feed   --members 1000000 [--path members.db] [--iterations 300]
               HypermediaBpm.Bench bdn    [BenchmarkDotNet arguments]
               HypermediaBpm.Bench render <file.bpmn|folder>... [--out svg]
               HypermediaBpm.Bench messages [--count 20000] [--concurrency 64] [--synchronous Full|Normal]
               HypermediaBpm.Bench timers   [--count 20000] [--concurrency 64] [--schedulers 2] [--synchronous Full|Normal]
        """);
    return 2;
}
