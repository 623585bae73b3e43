using FluentValidation;
using Mediator;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Mediator;

namespace Okr.Api.Features.Auth;

/// <summary>Signs out: the refresh token and every token of its family stop working.</summary>
/// <param name="RefreshToken">The refresh token of the session to end.</param>
public sealed record LogoutCommand(string RefreshToken) : ICommand, IAllowedForReadOnly, Infrastructure.Mediator.IOwnTransaction;

public sealed class LogoutCommandValidator : AbstractValidator<LogoutCommand>
{
    public LogoutCommandValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(200);
}

public sealed class LogoutCommandHandler(RefreshTokens refresh, TimeProvider clock) : ICommandHandler<LogoutCommand>
{
    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        await refresh.RevokeAsync(command.RefreshToken, clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}
