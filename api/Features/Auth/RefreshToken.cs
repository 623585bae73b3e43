using FluentValidation;
using Mediator;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Mediator;

namespace Okr.Api.Features.Auth;

/// <summary>A refresh token to exchange for a new access token and a new refresh token.</summary>
/// <param name="RefreshToken">The refresh token from the last sign-in or refresh. It works once.</param>
public sealed record RefreshTokenCommand(string RefreshToken) : ICommand<TokenDto>, IAllowedForReadOnly, Infrastructure.Mediator.IOwnTransaction;

public sealed class RefreshTokenCommandValidator : AbstractValidator<RefreshTokenCommand>
{
    public RefreshTokenCommandValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(200);
}

public sealed class RefreshTokenCommandHandler(RefreshTokens refresh, TokenService tokens, TimeProvider clock) : ICommandHandler<RefreshTokenCommand, TokenDto>
{
    public async ValueTask<TokenDto> Handle(RefreshTokenCommand command, CancellationToken cancellationToken)
    {
        var (user, next) = await refresh.RotateAsync(command.RefreshToken, clock.GetUtcNow(), cancellationToken);
        var (token, expiresIn) = tokens.Issue(user);
        return new TokenDto(token, expiresIn, "Bearer", next);
    }
}
