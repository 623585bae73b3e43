using FluentValidation;
using Mediator;

namespace Okr.Api.Features.Comments;

/// <summary>A comment on a key result's thread.</summary>
/// <param name="KeyResultId">The key result.</param>
/// <param name="Comment">What it says and whom it mentions.</param>
public sealed record CreateKeyResultCommentCommand(Guid KeyResultId, CreateCommentRequest Comment) : ICommand<ThreadEntryDto>;

public sealed class CreateKeyResultCommentCommandValidator : AbstractValidator<CreateKeyResultCommentCommand>
{
    public CreateKeyResultCommentCommandValidator()
    {
        RuleFor(c => c.Comment.Text).TextRules().OverridePropertyName("text");
        RuleFor(c => c.Comment.Mentions).MentionRules().OverridePropertyName("mentions");
    }
}

/// <summary>As on an objective's thread: visibility and mentions are the objective's.</summary>
public sealed class CreateKeyResultCommentCommandHandler(CommentAccess access, CommentWriter writer) : ICommandHandler<CreateKeyResultCommentCommand, ThreadEntryDto>
{
    public async ValueTask<ThreadEntryDto> Handle(CreateKeyResultCommentCommand command, CancellationToken cancellationToken)
    {
        var author = access.EnsurePersonWrites();
        var (keyResult, objective) = await access.KeyResultAsync(command.KeyResultId, cancellationToken);
        return await writer.CreateAsync(author, objective, keyResult.Id, command.Comment, cancellationToken);
    }
}
