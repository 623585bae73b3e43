using Okr.Api.Features.Alignment;
using Okr.Api.Features.ApiClients;
using Okr.Api.Features.Audit;
using Okr.Api.Features.Auth;
using Okr.Api.Features.CheckIns;
using Okr.Api.Features.Comments;
using Okr.Api.Features.Conversations;
using Okr.Api.Features.Cycle;
using Okr.Api.Features.Imports;
using Okr.Api.Features.Invitations;
using Okr.Api.Features.KeyResults;
using Okr.Api.Features.Notifications;
using Okr.Api.Features.Objectives;
using Okr.Api.Features.Periods;
using Okr.Api.Features.Scim;
using Okr.Api.Features.Teams;
using Okr.Api.Features.Users;
using Okr.Api.Features.Webhooks;
using Okr.Api.Infrastructure.Auth;

namespace Okr.Api.Features;

public static class ApiEndpoints
{
    public const string BasePath = "/api/v1";

    /// <summary>Services shared by several use cases.</summary>
    public static IServiceCollection AddOkrFeatures(this IServiceCollection services)
    {
        services.AddScoped<AccessPolicy>();
        services.AddScoped<AlignmentGuard>();
        services.AddScoped<ObjectiveReader>();
        services.AddScoped<Cycle.PeriodProgress>();
        services.AddScoped<Cycle.PeriodClosing>();
        services.AddScoped<Cycle.CarryOver>();
        services.AddScoped<Cycle.DueCheckIns>();
        services.AddScoped<Conversations.ConversationAccess>();
        services.AddScoped<Conversations.ConversationReader>();
        services.AddScoped<Conversations.AgendaReferences>();
        services.AddScoped<Invitations.AccountLinks>();
        services.AddScoped<Invitations.InvitationAccess>();
        services.AddScoped<AlignmentCandidateReader>();
        services.AddScoped<RefreshTokens>();
        services.AddScoped<SignIns>();
        services.AddScoped<Scim.ScimUsers>();
        services.AddScoped<Scim.ScimGroups>();
        services.AddScoped<PasswordAttempts>();
        services.AddScoped<CommentAccess>();
        services.AddScoped<CommentReader>();
        services.AddScoped<CommentWriter>();
        return services;
    }

    /// <summary>Every operation under /api/v1 requires a bearer token unless it says AllowAnonymous.</summary>
    public static WebApplication MapOkrApi(this WebApplication app)
    {
        app.MapGroup(BasePath).RequireAuthorization()
            .AddEndpointFilter(DirectoryStaysOutAsync)
            .MapAuthEndpoints()
            .MapUsersEndpoints()
            .MapTeamsEndpoints()
            .MapPeriodsEndpoints()
            .MapObjectivesEndpoints()
            .MapKeyResultsEndpoints()
            .MapCheckInsEndpoints()
            .MapCycleEndpoints()
            .MapConversationsEndpoints()
            .MapInvitationsEndpoints()
            .MapAlignmentEndpoints()
            .MapApiClientsEndpoints()
            .MapAuditEndpoints()
            .MapImportsEndpoints()
            .MapWebhooksEndpoints()
            .MapCommentsEndpoints()
            .MapNotificationsEndpoints()
            .MapChatChannelsEndpoints();

        app.MapScim();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    /// <summary>The directory's scim client provisions people at /scim/v2 and reads nothing of the OKRs (least privilege).</summary>
    private static async ValueTask<object?> DirectoryStaysOutAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (invocation.HttpContext.User.Identity?.IsAuthenticated == true
            && invocation.HttpContext.RequestServices.GetRequiredService<ICurrentUser>() is { IsClient: true, Scope: Domain.ClientScope.Scim })
        {
            throw new Infrastructure.Errors.ForbiddenException("A scim API client provisions people at /scim/v2 and may not use /api/v1.");
        }

        return await next(invocation);
    }
}
