using System.Globalization;

namespace HypermediaBpm.Bench;

/// <summary>
/// <c>bench compare</c>: against ONE server process, back to back and with the same number of clients, the static
/// style sheet (the machine's ceiling for this server), <c>GET /</c> (HAL, three counts) and the start+complete
/// lifecycle of the shared <c>usertask.bpmn</c> and of the form model, all closed loop; then the ratios issue 18's
/// table uses, and an open-loop run at half the measured usertask lifecycle capacity.
/// </summary>
public static class Compare
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Options(args);
        var clients = o.Int("clients", 100);
        var duration = TimeSpan.FromSeconds(o.Int("seconds", 10));
        var rounds = o.Int("rounds", 1);

        // --only static|root|lifecycle|form|open: one phase, e.g. to profile the server under it.
        var only = o.Get("only", string.Empty);
        await using var server = await CompareServer.StartAsync(o);
        var usertask = await server.DeployAsync("usertask", o.Get("model-path", string.Empty) is { Length: > 0 } p ? p : null);
        var form = await server.DeployAsync("form");
        await server.WarmUpAsync(usertask);
        await server.WarmUpAsync(form);
        using var anonymous = CompareServer.Client(server.Url, null, clients);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"compare: {server.Url} clients={clients} seconds={duration.TotalSeconds} rounds={rounds} at {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"));
        for (var round = 1; round <= rounds; round++)
        {
            if (only.Length > 0)
            {
                await OnlyAsync(only, server, anonymous, usertask, form, clients, duration, o);
                continue;
            }

            var css = await ClosedLoop.RunAsync("static site.css", anonymous, clients, duration, (h, l) => ClosedLoop.GetAsync(h, "/assets/site.css", null, l));
            Console.WriteLine(css.Line());
            var root = await ClosedLoop.RunAsync("GET / (HAL)", server.Admin, clients, duration, (h, l) => ClosedLoop.GetAsync(h, "/", null, l));
            Console.WriteLine(root.Line());
            var life = await ClosedLoop.RunAsync("lifecycle usertask", server.Admin, clients, duration, async (h, l) => { await HttpLoad.LifecycleAsync(h, usertask, l); return 2; });
            Console.WriteLine(life.Line());
            var lifeForm = await ClosedLoop.RunAsync("lifecycle form model", server.Admin, clients, duration, async (h, l) => { await HttpLoad.LifecycleAsync(h, form, l); return 2; });
            Console.WriteLine(lifeForm.Line());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: lifecycle req/s ÷ static req/s = {Ratio(life, css)} (usertask), {Ratio(lifeForm, css)} (form model); GET / ÷ static = {Ratio(root, css)}"));

            var rate = Math.Max(1, Math.Round(life.OperationsPerSecond / 2));
            var open = await OpenLoop.MeasureAsync(server.Url, HttpLoad.Credentials(o), usertask, rate, duration);
            Console.WriteLine(open.Lines());
        }

        return 0;
    }

    private static async Task OnlyAsync(string only, CompareServer server, HttpClient anonymous, string usertask, string form, int clients, TimeSpan duration, Options o)
    {
        var result = only switch
        {
            "static" => await ClosedLoop.RunAsync("static site.css", anonymous, clients, duration, (h, l) => ClosedLoop.GetAsync(h, "/assets/site.css", null, l)),
            "root" => await ClosedLoop.RunAsync("GET / (HAL)", server.Admin, clients, duration, (h, l) => ClosedLoop.GetAsync(h, "/", null, l)),
            "lifecycle" => await ClosedLoop.RunAsync("lifecycle usertask", server.Admin, clients, duration, async (h, l) => { await HttpLoad.LifecycleAsync(h, usertask, l); return 2; }),
            "form" => await ClosedLoop.RunAsync("lifecycle form model", server.Admin, clients, duration, async (h, l) => { await HttpLoad.LifecycleAsync(h, form, l); return 2; }),
            _ => null,
        };
        if (result is not null)
        {
            Console.WriteLine(result.Line());
            return;
        }

        Console.WriteLine((await OpenLoop.MeasureAsync(server.Url, HttpLoad.Credentials(o), usertask, o.Int("rate", 200), duration)).Lines());
    }

    private static string Ratio(ClosedLoop.Result a, ClosedLoop.Result b) =>
        string.Create(CultureInfo.InvariantCulture, $"{a.RequestsPerSecond:F0}/{b.RequestsPerSecond:F0} = {100 * a.RequestsPerSecond / b.RequestsPerSecond:F1} %");
}
