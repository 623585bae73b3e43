using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Auth;

/// <summary>Credentials of a person.</summary>
/// <param name="Email">The email address the person signs in with.</param>
/// <param name="Password">The person's password.</param>
public sealed record CreateTokenCommand(string Email, string Password) : ICommand<TokenDto>;

/// <summary>An access token to send as <c>Authorization: Bearer …</c>.</summary>
/// <param name="AccessToken">The JWT.</param>
/// <param name="ExpiresIn">Seconds until the token expires.</param>
/// <param name="TokenType">Always "Bearer".</param>
public sealed record TokenDto(string AccessToken, int ExpiresIn, string TokenType);

public sealed class CreateTokenCommandValidator : AbstractValidator<CreateTokenCommand>
{
    public CreateTokenCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(Limits.Email);
        RuleFor(c => c.Password).NotEmpty().MaximumLength(Limits.PasswordMax);
    }
}

public sealed class CreateTokenCommandHandler(OkrDbContext db, IPasswordHasher<User> hasher, TokenService tokens)
    : ICommandHandler<CreateTokenCommand, TokenDto>
{
    // Verified when the email is unknown too, so the answer takes as long either way and does not reveal who has an account.
    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(new User { Email = "", DisplayName = "" }, "not-a-real-password");

    public async ValueTask<TokenDto> Handle(CreateTokenCommand command, CancellationToken cancellationToken)
    {
        var email = User.NormaliseEmail(command.Email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        var result = hasher.VerifyHashedPassword(user ?? new User { Email = "", DisplayName = "" }, user?.PasswordHash ?? DummyHash, command.Password);
        if (user is null || result == PasswordVerificationResult.Failed)
        {
            throw new UnauthenticatedException("The email or password is not correct.");
        }

        var (token, expiresIn) = tokens.Issue(user);
        return new TokenDto(token, expiresIn, "Bearer");
    }
}
