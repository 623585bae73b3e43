using System.Text.Json;
using FluentValidation;
using Mediator;

namespace Okr.Api.Infrastructure.Mediator;

public static class MediatorExtensions
{
    public static IServiceCollection AddOkrMediator(this IServiceCollection services)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(WriteAccessBehavior<,>), typeof(ValidationBehavior<,>), typeof(EventsBehavior<,>)];
        });

        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped, includeInternalTypes: true);
        // Field names in errors are the JSON names clients send: "keyResults[0].target", not "KeyResults[0].Target".
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        return services;
    }
}
