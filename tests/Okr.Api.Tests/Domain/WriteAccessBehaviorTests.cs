using Okr.Api.Domain;
using Okr.Api.Features.Periods;
using Okr.Api.Features.Users;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Mediator;

namespace Okr.Api.Tests.Domain;

/// <summary>The central rule every command passes: viewers and read-only clients never write.</summary>
public sealed class WriteAccessBehaviorTests
{
    private sealed class Caller(OrgRole role, ClientScope? scope = null) : ICurrentUser
    {
        public Guid Id { get; } = Guid.NewGuid();
        public bool IsClient => scope is not null;
        public OrgRole Role => role;
        public ClientScope? Scope => scope;
    }

    // The write check needs no data; the database is never touched on this path.
    private static AccessPolicy Policy(ICurrentUser caller) => new(caller, null!);

    private static readonly CreatePeriodCommand Write = new("Q1", new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31));

    [TestCase(OrgRole.Viewer, null)]
    [TestCase(OrgRole.Viewer, ClientScope.Read)]
    public void ReadOnlyCallersCannotSendCommands(OrgRole role, ClientScope? scope)
    {
        var reached = false;
        var behavior = new WriteAccessBehavior<CreatePeriodCommand, PeriodDto>(Policy(new Caller(role, scope)));
        Assert.ThrowsAsync<ForbiddenException>(async () => await behavior.Handle(Write, (_, _) =>
        {
            reached = true;
            return ValueTask.FromResult<PeriodDto>(null!);
        }, CancellationToken.None));
        Assert.That(reached, Is.False);
    }

    [TestCase(OrgRole.Member, null)]
    [TestCase(OrgRole.Admin, null)]
    [TestCase(OrgRole.Viewer, ClientScope.Write)]
    public async Task WritersPassOnToTheHandler(OrgRole role, ClientScope? scope)
    {
        var reached = false;
        var behavior = new WriteAccessBehavior<CreatePeriodCommand, PeriodDto>(Policy(new Caller(role, scope)));
        await behavior.Handle(Write, (_, _) =>
        {
            reached = true;
            return ValueTask.FromResult<PeriodDto>(null!);
        }, CancellationToken.None);
        Assert.That(reached, Is.True);
    }

    [Test]
    public async Task ViewersMayStillChangeTheirOwnPassword()
    {
        var reached = false;
        var behavior = new WriteAccessBehavior<ChangePasswordCommand, Mediator.Unit>(Policy(new Caller(OrgRole.Viewer)));
        await behavior.Handle(new ChangePasswordCommand("old-password", "new-password-1"), (_, _) =>
        {
            reached = true;
            return ValueTask.FromResult(Mediator.Unit.Value);
        }, CancellationToken.None);
        Assert.That(reached, Is.True);
    }
}
