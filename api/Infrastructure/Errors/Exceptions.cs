namespace Okr.Api.Infrastructure.Errors;

/// <summary>The resource does not exist, or the caller may not know that it does (404).</summary>
public sealed class NotFoundException(string resource, object id)
    : Exception($"{resource} '{id}' was not found.");

/// <summary>The caller is signed in but may not do this (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The If-Match version is not the current one (412).</summary>
public sealed class PreconditionFailedException(uint currentVersion)
    : Exception($"The resource was changed by someone else (current version {currentVersion}). Read it again and reapply your change.")
{
    public uint CurrentVersion { get; } = currentVersion;
}

/// <summary>An update came without If-Match (428).</summary>
public sealed class PreconditionRequiredException()
    : Exception("Send the version you read in an If-Match header (the ETag of your last GET), so that concurrent edits are not silently overwritten.");

/// <summary>A request field failed validation before reaching a handler (400).</summary>
public sealed class BadRequestFieldException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Too many attempts; try again after <see cref="RetryAfter"/> (429).</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>Credentials were wrong (401).</summary>
public sealed class UnauthenticatedException(string message) : Exception(message);

/// <summary>The password was right but the account has a second factor: 401 naming <c>totpCode</c>, so a client asks for the code.</summary>
public sealed class SecondFactorRequiredException(string message) : Exception(message);

/// <summary>The request body is larger than the configured limit (413).</summary>
public sealed class PayloadTooLargeException(long limit)
    : Exception($"The request body is larger than the import limit of {limit:N0} bytes. Split the file, or ask the operator to raise the limit.");

/// <summary>The request conflicts with another one under the same Idempotency-Key (409), or reuses it for a different body (422).</summary>
public sealed class IdempotencyConflictException(string message, int status) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>The body's content type is not one the operation reads (415).</summary>
public sealed class UnsupportedMediaTypeException(string message) : Exception(message);

/// <summary>The request collided with a concurrent change (409): nothing was written; sending it again usually works.</summary>
public sealed class ConflictException(string message) : Exception(message);
