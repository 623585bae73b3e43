using FluentValidation;
using Mediator;

namespace Okr.Api.Features.Comments;

/// <summary>A comment on an objective's own thread.</summary>
/// <param name="ObjectiveId">The objective.</param>
/// <param name="Comment">What it says and whom it mentions.</param>
public sealed record CreateObjectiveCommentCommand(Guid ObjectiveId, CreateCommentRequest Comment) : ICommand<ThreadEntryDto>;

public sealed class CreateObjectiveCommentCommandValidator : AbstractValidator<CreateObjectiveCommentCommand>
{
    public CreateObjectiveCommentCommandValidator()
    {
        RuleFor(c => c.Comment.Text).TextRules().OverridePropertyName("text");
        RuleFor(c => c.Comment.Mentions).MentionRules().OverridePropertyName("mentions");
    }
}

/// <summary>People who write and may read the objective (404 for a draft they may not see; 403 for viewers and API clients).</summary>
public sealed class CreateObjectiveCommentCommandHandler(CommentAccess access, CommentWriter writer) : ICommandHandler<CreateObjectiveCommentCommand, ThreadEntryDto>
{
    public async ValueTask<ThreadEntryDto> Handle(CreateObjectiveCommentCommand command, CancellationToken cancellationToken)
    {
        var author = access.EnsurePersonWrites();
        var objective = await access.ObjectiveAsync(command.ObjectiveId, cancellationToken);
        return await writer.CreateAsync(author, objective, null, command.Comment, cancellationToken);
    }
}
