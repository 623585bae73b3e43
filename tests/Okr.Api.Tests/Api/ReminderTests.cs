using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Okr.Api.Features.Reminders;
using Okr.Api.Tests.Infrastructure;
using Quartz;

namespace Okr.Api.Tests.Api;

/// <summary>
/// The daily reminders: one digest per person with due check-ins, through a real SMTP conversation with an in-process
/// server, exactly once per day even when two API instances run it at the same moment.
/// </summary>
public sealed class ReminderTests : OrganisationTest
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static WebApplicationFactory<Program> Instance(int smtpPort) => Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Okr:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Okr:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Okr:Smtp:Security", "none");
        builder.UseSetting("Okr:Smtp:From", "Okr <okr@example.com>");
        builder.UseSetting("Okr:Reminders:AppUrl", "https://okr.example.com");
    });

    private static async Task<ReminderOutcome> RunAsync(WebApplicationFactory<Program> instance, DateOnly day)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DailyReminders>().RunAsync(day, CancellationToken.None);
    }

    [Test]
    public async Task EachPersonGetsOneDigestADayEvenWhenTwoInstancesRunAtOnce()
    {
        var mine = await SinceThePeriodStartedAsync(() => CreateObjectiveAsync(Org.Member, new
        {
            title = "Mine", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId,
            keyResults = new[] { Metric("Calls made", "increase", 0, 10), Metric("Demos given", "increase", 0, 10) },
        }));
        // A team key result nobody owns is the team's (its leads see it in the team's due list), not anyone's email.
        await SinceThePeriodStartedAsync(() => ProductObjectiveAsync(null, "Team goal", Metric("Nobody's", "increase", 0, 10)));

        await using var inbox = new SmtpInbox();
        var port = inbox.Port;
        await using var first = Instance(port);
        await using var second = Instance(port);
        var outcomes = await Task.WhenAll(RunAsync(first, Today), RunAsync(second, Today));

        Assert.That(outcomes.Count(o => o.Ran), Is.EqualTo(1), "one instance does the day");
        Assert.That(outcomes.Single(o => o.Ran), Is.EqualTo(new ReminderOutcome(true, 1, 1)));
        var message = inbox.Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("member@example.com"));
            Assert.That(message.Subject, Is.EqualTo("2 check-ins are due in Okr"));
            Assert.That(message.TextBody, Does.Contain("Calls made (Mine)").And.Contain("Demos given"));
            Assert.That(message.TextBody, Does.Contain($"https://okr.example.com/objectives/{Id(mine)}"));
            Assert.That(message.HtmlBody, Does.Contain($"href=\"https://okr.example.com/objectives/{Id(mine)}\""));
        });

        // Later the same day, on either instance: nothing more.
        Assert.That((await RunAsync(second, Today)).Ran, Is.False);
        Assert.That(inbox.Messages, Has.Count.EqualTo(1));

        await GlobalSetup.WithDbAsync(async db =>
        {
            var run = await db.ReminderRuns.SingleAsync();
            Assert.That((run.Day, run.People, run.EmailsSent), Is.EqualTo((Today, 1, 1)));
            var delivery = await db.ReminderDeliveries.SingleAsync();
            Assert.That((delivery.UserId, delivery.KeyResults, delivery.Sent, delivery.Error), Is.EqualTo((Org.MemberId, 2, true, (string?)null)));
        });
    }

    [Test]
    public async Task WithoutAMailServerTheRunIsRecordedAndNothingIsSent()
    {
        await SinceThePeriodStartedAsync(() => CreateObjectiveAsync(Org.Member, new
        {
            title = "Mine", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, keyResults = new[] { Metric("Calls", "increase", 0, 10) },
        }));
        var outcome = await RunAsync(Factory, Today);
        Assert.That(outcome, Is.EqualTo(new ReminderOutcome(true, 1, 0)));
        await GlobalSetup.WithDbAsync(async db => Assert.That((await db.ReminderDeliveries.SingleAsync()).Sent, Is.False));
    }

    [Test]
    public async Task TheJobIsScheduledDailyAtTheConfiguredHour()
    {
        await using var scheduled = Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Okr:Reminders:Enabled", "true");
            builder.UseSetting("Okr:Reminders:Hour", "6");
        });
        var scheduler = await scheduled.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(new TriggerKey("daily-reminders"));
        var next = trigger!.NextFireTimeUtc!.Value;
        Assert.That((next.Hour, next.Minute), Is.EqualTo((6, 0)));
        Assert.That(next - DateTimeOffset.UtcNow, Is.LessThanOrEqualTo(TimeSpan.FromDays(1)));
    }
}
