using Microsoft.AspNetCore.Identity;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Infrastructure.Seeding;

/// <summary>
/// A small, believable organisation for `make run`: a company, four teams in two levels, five people,
/// the current quarter, and objectives aligned from people to teams to the company, with check-ins.
/// </summary>
public static class DemoOrganisation
{
    public const string Password = "okr-demo-password";

    public static readonly (string Email, string Name, string About)[] People =
    [
        ("ceo@demo.okr", "Maya Lindqvist", "admin, CEO"),
        ("sam@demo.okr", "Sam Rivera", "lead of Customer Success"),
        ("priya@demo.okr", "Priya Patel", "member of Support"),
        ("tom@demo.okr", "Tom Chen", "lead of Product"),
        ("lena@demo.okr", "Lena Fischer", "member of Growth"),
    ];

    public static async Task SeedAsync(OkrDbContext db, IPasswordHasher<User> hasher, TimeProvider clock, User? admin)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var quarter = new Period { Label = $"{today.Year} Q{(today.Month - 1) / 3 + 1}", CreatedAt = now };
        quarter.SetDates(quarterStart, quarterStart.AddMonths(3).AddDays(-1));
        quarter.MoveTo(PeriodState.Active);
        db.Periods.Add(quarter);
        // The next quarter, in planning: where unfinished objectives are carried when this one closes.
        var nextStart = quarterStart.AddMonths(3);
        var next = new Period { Label = $"{nextStart.Year} Q{(nextStart.Month - 1) / 3 + 1}", CreatedAt = now };
        next.SetDates(nextStart, nextStart.AddMonths(3).AddDays(-1));
        db.Periods.Add(next);

        var company = Team("Acme Outdoor", "acme", null);
        var success = Team("Customer Success", "customer-success", company);
        var support = Team("Support", "support", success);
        var product = Team("Product", "product", company);
        var growth = Team("Growth", "growth", product);
        db.Teams.AddRange(company, success, support, product, growth);

        User Person(int index, OrgRole role, Guid? managerId)
        {
            var (email, name, _) = People[index];
            var user = new User { Email = email, DisplayName = name, Role = role, ManagerId = managerId, CreatedAt = now };
            user.PasswordHash = hasher.HashPassword(user, Password);
            db.Users.Add(user);
            return user;
        }

        var maya = Person(0, OrgRole.Admin, null);
        var sam = Person(1, OrgRole.Member, maya.Id);
        var priya = Person(2, OrgRole.Member, sam.Id);
        var tom = Person(3, OrgRole.Member, maya.Id);
        var lena = Person(4, OrgRole.Member, tom.Id);
        db.TeamMemberships.AddRange(
            Member(company, maya, TeamRole.Lead),
            Member(success, sam, TeamRole.Lead),
            Member(support, sam, TeamRole.Lead),
            Member(support, priya, TeamRole.Member),
            Member(product, tom, TeamRole.Lead),
            Member(growth, tom, TeamRole.Lead),
            Member(growth, lena, TeamRole.Member));
        if (admin is not null) db.TeamMemberships.Add(Member(company, admin, TeamRole.Member));

        Objective Objective(string title, Team team, User? owner, Objective? parent, string description)
        {
            var objective = new Objective
            {
                Title = title, Description = description, PeriodId = quarter.Id, TeamId = team.Id, OwnerId = owner?.Id,
                ParentId = parent?.Id, CreatedBy = (owner ?? maya).Id, CreatedAt = now.AddDays(-30), ModifiedAt = now,
            };
            db.Objectives.Add(objective);
            return objective;
        }

        KeyResult Metric(Objective objective, string title, Direction direction, decimal baseline, decimal target, string unit, User owner, string? currency = null)
        {
            var keyResult = new KeyResult
            {
                ObjectiveId = objective.Id, Title = title, Unit = unit, CurrencyCode = currency, OwnerId = owner.Id, CreatedAt = now.AddDays(-30), ModifiedAt = now,
            };
            keyResult.Define(KeyResultType.Metric, direction, baseline, target);
            db.KeyResults.Add(keyResult);
            return keyResult;
        }

        void CheckIns(KeyResult keyResult, User author, params (int DaysAgo, decimal Value, int Confidence, string Note)[] history)
        {
            foreach (var (daysAgo, value, confidence, note) in history)
            {
                db.CheckIns.Add(keyResult.CheckIn(value, confidence, note, now.AddDays(-daysAgo), author.Id, CheckInSource.Web, now.AddDays(-daysAgo)));
            }
        }

        var retention = Objective("Improve customer retention", company, null, null,
            "Customers who stay are the cheapest growth we have. This quarter we earn their loyalty.");
        var feedback = Metric(retention, "Improve customer feedback score from 7.2 to 8.5", Direction.Increase, 7.2m, 8.5m, "points", sam);
        var repeat = Metric(retention, "Increase repeat purchases from 1,200 to 1,500", Direction.Increase, 1200, 1500, "number", tom);
        var churn = Metric(retention, "Reduce churn from 8% to 5%", Direction.Decrease, 8, 5, "percent", sam);
        var referrals = Metric(retention, "Increase referrals from 40 to 60", Direction.Increase, 40, 60, "number", lena);
        CheckIns(feedback, sam, (21, 7.4m, 6, "First survey wave after the new onboarding."), (7, 8.0m, 7, "Support response times are paying off."));
        CheckIns(repeat, tom, (14, 1260, 5, "Reorder button shipped to 10% of users."), (3, 1390, 7, "Rolled out to everyone."));
        CheckIns(churn, sam, (10, 6.4m, 5, "Two large accounts at risk; working with them."));
        CheckIns(referrals, lena, (5, 47, 6, "Referral page soft-launched."));

        var revenue = Objective("Grow revenue sustainably", company, null, null, "Growth that pays for itself.");
        var mrr = Metric(revenue, "Increase monthly recurring revenue from 1.2M to 1.5M EUR", Direction.Increase, 1_200_000, 1_500_000, "currency", maya, "EUR");
        CheckIns(mrr, maya, (12, 1_380_000, 7, "Strong October."));

        var heard = Objective("Make every customer feel heard", success, null, retention, "Fast, human answers to every question.");
        var response = Metric(heard, "Reduce first response time from 24 to 4 hours", Direction.Decrease, 24, 4, "hours", sam);
        CheckIns(response, sam, (20, 18, 6, "Added a weekend rota."), (6, 11, 7, "Macros for the top 20 questions."));

        var backlog = Objective("Answer every ticket within a day", support, null, heard, "No ticket waits longer than one working day.");
        var open = Metric(backlog, "Reduce open tickets from 340 to 100", Direction.Decrease, 340, 100, "tickets", priya);
        CheckIns(open, priya, (9, 200, 6, "Triage sessions every morning."));

        var priyaGoal = Objective("Become the team's expert on billing questions", support, priya, backlog, "Billing is a third of our tickets.");
        var billing = new KeyResult { ObjectiveId = priyaGoal.Id, Title = "Publish the billing FAQ", Unit = "milestone", OwnerId = priya.Id, CreatedAt = now.AddDays(-30), ModifiedAt = now };
        billing.Define(KeyResultType.Milestone, null, null, null);
        db.KeyResults.Add(billing);

        var reorder = Objective("Make buying again effortless", product, null, retention, "Returning customers should need one click.");
        var oneClick = Metric(reorder, "Increase one-click reorders from 150 to 600 a month", Direction.Increase, 150, 600, "orders", tom);
        CheckIns(oneClick, tom, (4, 420, 7, "Better than expected."));

        var referrers = Objective("Turn happy customers into referrers", growth, null, reorder, "Our best customers bring their friends.");
        var invites = Metric(referrers, "Increase referral invites sent from 300 to 900", Direction.Increase, 300, 900, "invites", lena);
        CheckIns(invites, lena, (8, 380, 3, "Invite emails land in spam; fixing DKIM."));

        var lenaGoal = Objective("Launch the referral programme", growth, lena, referrers, "Rewards for both sides of a referral.");
        var launch = Metric(lenaGoal, "Keep referral fraud below 2% of sign-ups", Direction.StayBelow, 0, 2, "percent", lena);
        CheckIns(launch, lena, (2, 1.1m, 8, "Fraud checks in place."));

        // Sam manages Priya: two 1:1s behind them (one action item still open) and the next one in a week.
        Conversation Talk(int daysAgo, string notes)
        {
            var talk = new Conversation { EmployeeId = priya.Id, ManagerId = sam.Id, ScheduledAt = now.AddDays(-daysAgo), Title = Conversation.DefaultTitle, SharedNotes = notes, CreatedAt = now.AddDays(-daysAgo - 7) };
            talk.MoveTo(ConversationState.Held, now.AddDays(-daysAgo));
            db.Conversations.Add(talk);
            return talk;
        }

        var first = Talk(28, "Priya takes the billing questions; triage every morning to bring the backlog down.");
        db.AgendaItems.Add(new AgendaItem { ConversationId = first.Id, Text = "The open tickets backlog", ObjectiveId = backlog.Id, KeyResultId = open.Id, Done = true, CreatedAt = now.AddDays(-28) });
        var faq = new ActionItem { ConversationId = first.Id, Text = "Draft the billing FAQ outline", OwnerId = priya.Id, DueDate = today.AddDays(-21), CreatedAt = now.AddDays(-28) };
        faq.MarkDone(true, now.AddDays(-20));
        db.ActionItems.Add(faq);
        var second = Talk(14, "Backlog down to 200. The FAQ needs input from Finance.");
        db.AgendaItems.Add(new AgendaItem { ConversationId = second.Id, Text = "Billing FAQ: what is blocking it?", ObjectiveId = priyaGoal.Id, Done = true, CreatedAt = now.AddDays(-14) });
        db.ActionItems.Add(new ActionItem { ConversationId = second.Id, Text = "Introduce Priya to Finance for the FAQ", OwnerId = sam.Id, DueDate = today.AddDays(-7), CreatedAt = now.AddDays(-14) });
        db.Conversations.Add(new Conversation { EmployeeId = priya.Id, ManagerId = sam.Id, ScheduledAt = now.AddDays(7), Title = Conversation.DefaultTitle, CreatedAt = now });

        await db.SaveChangesAsync();
    }

    private static Team Team(string name, string slug, Team? parent) =>
        new() { Name = name, Slug = slug, ParentId = parent?.Id, CreatedAt = DateTimeOffset.UtcNow };

    private static TeamMembership Member(Team team, User user, TeamRole role) => new() { TeamId = team.Id, UserId = user.Id, Role = role };
}
