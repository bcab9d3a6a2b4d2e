using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Batches;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Hosting;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Batches;

/// <summary>Batch operations: the operation kinds, the runner, the background service and their settings.</summary>
public static class BatchServiceCollectionExtensions
{
    public static IServiceCollection AddHypermediaBatches(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BatchSettings>(configuration.GetSection("Batches"));
        services.AddSingleton<IValidateOptions<BatchSettings>>(new SettingsValidation<BatchSettings>(o => o.Problem()));
        services.AddOptions<BatchSettings>().ValidateOnStart();

        // One class per kind: a new operation (instance migration) is one more line here.
        services.AddSingleton<IBatchOperation, CancelInstancesOperation>();
        services.AddSingleton<IBatchOperation, SuspendInstancesOperation>();
        services.AddSingleton<IBatchOperation, ResumeInstancesOperation>();
        services.AddSingleton<IBatchOperation, RetryIncidentsOperation>();
        services.AddSingleton<BatchOperations>();
        services.AddSingleton(sp => (IBatchStore)sp.GetRequiredService<IEngineStore>());
        services.AddSingleton(sp => new BatchRunner(
            sp.GetRequiredService<ProcessEngine>(), sp.GetRequiredService<IBatchStore>(), sp.GetRequiredService<BatchOperations>(),
            sp.GetRequiredService<IOptions<BatchSettings>>().Value.ToRunnerOptions(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BatchWakeUp>();
        services.AddHostedService<BatchService>();
        return services;
    }
}
