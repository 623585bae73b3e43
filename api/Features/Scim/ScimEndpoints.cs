using System.Text.Json.Nodes;
using Mediator;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.OpenApi;
using static Okr.Api.Features.Scim.ScimProtocol;

namespace Okr.Api.Features.Scim;

/// <summary>
/// SCIM 2.0 provisioning (RFC 7643, RFC 7644) at /scim/v2, for the company directory (Okta, Microsoft Entra ID, …): Users
/// are Okr's people, Groups its teams. The directory authenticates with its API client's secret as the bearer token
/// (scope scim), or with an access token issued to that client. Answers and errors are application/scim+json in SCIM's
/// own format. SCIM is its own contract (RFC 7643's schemas), so these operations are not in openapi.yaml.
/// </summary>
public static class ScimEndpoints
{
    public static WebApplication MapScim(this WebApplication app)
    {
        var scim = app.MapGroup(BasePath).AllowAnonymous().AddEndpointFilter(GateAsync).ExcludeFromDescription();

        scim.MapGet("/Users", async (IMediator mediator, string? filter, string? startIndex, string? count, CancellationToken ct) =>
                Scim(await mediator.Send(new ListScimUsersQuery(filter, startIndex, count), ct)))
            .Named("ListScimUsers", "SCIM: list or find people");
        scim.MapGet("/Users/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => Scim(await mediator.Send(new GetScimUserQuery(id), ct)))
            .Named("GetScimUser", "SCIM: one person");
        scim.MapPost("/Users", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
                Created(await mediator.Send(new CreateScimUserCommand(await ReadBodyAsync(request, ct)), ct)))
            .Named("CreateScimUser", "SCIM: provision a person");
        scim.MapPut("/Users/{id:guid}", async (Guid id, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                Scim(await mediator.Send(new ReplaceScimUserCommand(id, await ReadBodyAsync(request, ct)), ct)))
            .Named("ReplaceScimUser", "SCIM: replace a person");
        scim.MapPatch("/Users/{id:guid}", async (Guid id, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                Scim(await mediator.Send(new PatchScimUserCommand(id, await ReadBodyAsync(request, ct)), ct)))
            .Named("PatchScimUser", "SCIM: change or deprovision a person");
        scim.MapDelete("/Users/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteScimUserCommand(id), ct);
                return Results.NoContent();
            })
            .Named("DeleteScimUser", "SCIM: delete (deactivate) a person");

        scim.MapGet("/Groups", async (IMediator mediator, string? filter, string? startIndex, string? count, string? excludedAttributes, CancellationToken ct) =>
                Scim(await mediator.Send(new ListScimGroupsQuery(filter, startIndex, count, !Excludes(excludedAttributes, "members")), ct)))
            .Named("ListScimGroups", "SCIM: list or find teams");
        scim.MapGet("/Groups/{id:guid}", async (Guid id, IMediator mediator, string? excludedAttributes, CancellationToken ct) =>
                Scim(await mediator.Send(new GetScimGroupQuery(id, !Excludes(excludedAttributes, "members")), ct)))
            .Named("GetScimGroup", "SCIM: one team");
        scim.MapPost("/Groups", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
                Created(await mediator.Send(new CreateScimGroupCommand(await ReadBodyAsync(request, ct)), ct)))
            .Named("CreateScimGroup", "SCIM: create a team");
        scim.MapPut("/Groups/{id:guid}", async (Guid id, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                Scim(await mediator.Send(new ReplaceScimGroupCommand(id, await ReadBodyAsync(request, ct)), ct)))
            .Named("ReplaceScimGroup", "SCIM: replace a team's name and members");
        scim.MapPatch("/Groups/{id:guid}", async (Guid id, HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new PatchScimGroupCommand(id, await ReadBodyAsync(request, ct)), ct);
                return Results.NoContent();
            })
            .Named("PatchScimGroup", "SCIM: rename a team, add or remove members");
        scim.MapDelete("/Groups/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new DeleteScimGroupCommand(id), ct);
                return Results.NoContent();
            })
            .Named("DeleteScimGroup", "SCIM: delete (archive) a team");

        scim.MapGet("/ServiceProviderConfig", async (IMediator mediator, CancellationToken ct) => Scim(await mediator.Send(new GetScimServiceProviderConfigQuery(), ct)))
            .Named("GetScimServiceProviderConfig", "SCIM: what this server supports");
        scim.MapGet("/ResourceTypes", async (IMediator mediator, CancellationToken ct) => Scim(await mediator.Send(new ListScimResourceTypesQuery(), ct)))
            .Named("ListScimResourceTypes", "SCIM: the resource types");
        scim.MapGet("/Schemas", async (IMediator mediator, CancellationToken ct) => Scim(await mediator.Send(new ListScimSchemasQuery(), ct)))
            .Named("ListScimSchemas", "SCIM: the attributes Okr keeps");

        // Anything else under /scim/v2 is a SCIM 404, not the web app.
        scim.MapFallback(() => Error(404, null, "There is no such SCIM resource here: /Users, /Groups, /ServiceProviderConfig, /ResourceTypes and /Schemas are."));
        return app;
    }

    private static bool Excludes(string? excludedAttributes, string attribute) =>
        excludedAttributes?.Split(',', StringSplitOptions.TrimEntries).Any(a => a.Equals(attribute, StringComparison.OrdinalIgnoreCase)) == true;

    private static IResult Scim(JsonObject body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Json), MediaType, System.Text.Encoding.UTF8, status);

    private static IResult Created(JsonObject resource)
    {
        var location = resource["meta"]?["location"]?.GetValue<string>();
        return new CreatedScim(location, resource);
    }

    private sealed class CreatedScim(string? location, JsonObject body) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            if (location is not null) context.Response.Headers.Location = location;
            return Scim(body, StatusCodes.Status201Created).ExecuteAsync(context);
        }
    }

    public static IResult Error(int status, string? scimType, string detail)
    {
        var body = new JsonObject { ["schemas"] = new JsonArray(ErrorSchema), ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture), ["detail"] = detail };
        if (scimType is not null) body["scimType"] = scimType;
        return Scim(body, status);
    }

    /// <summary>
    /// Only the directory's client gets in (401 without a token that authenticates, 403 for anyone else), and every
    /// refusal of a request is written in SCIM's error format.
    /// </summary>
    private static async ValueTask<object?> GateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"okr-scim\"";
            return Error(401, null, "Send the directory's token: Authorization: Bearer <the scim API client's secret>.");
        }

        var caller = context.RequestServices.GetRequiredService<ICurrentUser>();
        if (!(caller.IsClient && caller.Scope == Domain.ClientScope.Scim))
        {
            return Error(403, null, "SCIM provisioning needs an API client with the scim scope.");
        }

        try
        {
            return await next(invocation);
        }
        catch (ScimException e)
        {
            return Error(e.Status, e.ScimType, e.Message);
        }
        catch (ForbiddenException e)
        {
            return Error(403, null, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            return Error(400, "invalidSyntax", e.Message);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return Error(409, null, "The resource changed at the same moment (another request from the directory). Send the request again.");
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Error(409, "uniqueness", "Another request made the same change at the same moment, or the value is taken. Read the resource and send again if needed.");
        }
    }
}
