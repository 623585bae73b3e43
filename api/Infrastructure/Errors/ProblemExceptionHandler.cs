using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Okr.Api.Domain;
using Okr.Api.Features.Imports;
using Okr.Api.Infrastructure.Http;

namespace Okr.Api.Infrastructure.Errors;

/// <summary>
/// The one place where exceptions become RFC 9457 problem details. Anything a client can send maps to a 4xx
/// that names the field and the rule; only genuine server faults reach the 500 branch.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException v => Validation(v.Errors.GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
            BadRequestFieldException b => Validation(new() { [b.Field] = [b.Message] }),
            BadHttpRequestException b => BadRequest(b),
            DomainRuleException d => Problem(StatusCodes.Status422UnprocessableEntity, "A rule of the OKR method was broken.", d.Message,
                new() { [d.Field] = [d.Message] }),
            ImportRejectedException i => Rejected(i),
            PayloadTooLargeException p => Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large.", p.Message),
            UnsupportedMediaTypeException u => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", u.Message),
            IdempotencyConflictException c => Problem(c.Status, "Idempotency-Key conflict.", c.Message),
            ConflictException c => Problem(StatusCodes.Status409Conflict, "Conflict.", c.Message),
            TooManyRequestsException t => Problem(StatusCodes.Status429TooManyRequests, "Too many attempts.", t.Message),
            UnauthenticatedException u => Problem(StatusCodes.Status401Unauthorized, "Not signed in.", u.Message),
            SecondFactorRequiredException f => Problem(StatusCodes.Status401Unauthorized, "A code is needed.", f.Message, new() { ["totpCode"] = [f.Message] }),
            NotFoundException n => Problem(StatusCodes.Status404NotFound, "Not found.", n.Message),
            ForbiddenException f => Problem(StatusCodes.Status403Forbidden, "Not allowed.", f.Message),
            PreconditionFailedException p => Problem(StatusCodes.Status412PreconditionFailed, "Stale version.", p.Message),
            PreconditionRequiredException p => Problem(StatusCodes.Status428PreconditionRequired, "If-Match required.", p.Message),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status412PreconditionFailed, "Stale version.",
                "The resource was changed by someone else while your change was saved. Read it again and reapply your change."),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg } =>
                Problem(StatusCodes.Status409Conflict, "Conflict.", "A resource with the same unique value already exists.",
                    new() { [FieldOfConstraint(pg.ConstraintName)] = ["must be unique"] }),
            _ when DatabaseOutage.Is(exception) => Problem(StatusCodes.Status503ServiceUnavailable, DatabaseOutage.Title, DatabaseOutage.Detail),
            _ when PostgresError(exception) is PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
                Problem(StatusCodes.Status400BadRequest, "The request is invalid.", "Text must not contain NUL (\\u0000) characters."),
            _ => null,
        };

        if (problem is null)
        {
            if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
            {
                return true; // the client went away; nobody is left to answer
            }

            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "Something went wrong on our side.",
                "The error was logged. Nothing in your request caused it; try again later.");
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Database unreachable for {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (exception is TooManyRequestsException tooMany)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(tooMany.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (exception is PreconditionFailedException stale)
        {
            httpContext.Response.Headers.ETag = ETags.Format(stale.CurrentVersion);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The SQLSTATE of a PostgreSQL error anywhere in the exception chain.</summary>
    private static string? PostgresError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is PostgresException postgres) return postgres.SqlState;
        }

        return null;
    }

    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = JsonField(json);
            var rule = JsonRule(json);
            return Validation(new() { [field] = [rule] });
        }

        if (exception.StatusCode != StatusCodes.Status400BadRequest)
        {
            return Problem(exception.StatusCode, exception.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "Request body too large.",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported media type.",
                _ => "Bad request.",
            }, exception.Message);
        }

        // Route and query binding failures: "Failed to bind parameter "Guid id" from "abc"."
        var parameter = ParameterName(exception.Message);
        return parameter is null
            ? Problem(StatusCodes.Status400BadRequest, "Bad request.", exception.Message)
            : Validation(new() { [parameter] = [$"'{parameter}' has an invalid value."] });
    }

    private static string JsonField(JsonException json)
    {
        // Path looks like "$.keyResults[0].target"; unknown-member errors name the property in the message.
        var path = json.Path?.TrimStart('$').TrimStart('.') ?? "";
        var unknown = UnknownMember(json.Message);
        if (unknown is not null) path = path.Length == 0 ? unknown : path;
        return path.Length == 0 ? "body" : path;
    }

    private static string JsonRule(JsonException json)
    {
        if (json is JsonValueFormatException format) return format.Message;
        var unknown = UnknownMember(json.Message);
        if (unknown is not null) return $"'{unknown}' is not a field of this request.";
        if (json.Message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "Required fields are missing: " + json.Message.Split("properties including:", 2).ElementAtOrDefault(1)?.Trim().TrimEnd('.');
        }

        return json.Path is null or "$"
            ? "The body is not valid JSON."
            : "The value has the wrong type or format for this field.";
    }

    private static string? UnknownMember(string message)
    {
        const string marker = "The JSON property '";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0) return null;
        start += marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    private static string? ParameterName(string message)
    {
        // e.g. Failed to bind parameter "Guid id" from "abc".  /  Required parameter "Guid periodId" was not provided ...
        var start = message.IndexOf('"');
        if (start < 0) return null;
        var end = message.IndexOf('"', start + 1);
        if (end < 0) return null;
        var words = message[(start + 1)..end].Split(' ');
        return words.Length > 0 ? words[^1] : null;
    }

    private static string FieldOfConstraint(string? constraint) => constraint switch
    {
        null => "body",
        _ when constraint.Contains("email") => "email",
        _ when constraint.Contains("slug") => "slug",
        _ when constraint.Contains("label") => "label",
        _ when constraint.Contains("external_id") => "externalId",
        _ when constraint.Contains("single_root") => "parentId",
        _ when constraint.Contains("pk_team_memberships") => "userId",
        _ => "body",
    };

    /// <summary>An import refused as a whole: every error with its row or JSON path, field and rule.</summary>
    private static ProblemDetails Rejected(ImportRejectedException rejected) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = rejected.Problem.Title,
        Detail = rejected.Problem.Detail,
        Extensions =
        {
            ["importId"] = rejected.ImportId,
            ["errorCount"] = rejected.Problem.ErrorCount,
            ["errors"] = rejected.Problem.Errors,
        },
    };

    private static ProblemDetails Validation(Dictionary<string, string[]> errors) =>
        new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        };

    private static ProblemDetails Problem(int status, string title, string detail, Dictionary<string, string[]>? errors = null)
    {
        var problem = errors is null ? new ProblemDetails() : new ValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        return problem;
    }
}
