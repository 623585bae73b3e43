using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

public sealed class AlignmentTreeTests : OrganisationTest
{
    [Test]
    public async Task ReturnsEveryObjectiveOfThePeriodWithParentsLevelsAndProgress()
    {
        var company = await CompanyObjectiveAsync("Improve customer retention");
        var team = await ProductObjectiveAsync(Id(company), "Make buying again effortless", Metric("Reorders", "increase", 0, 100));
        var mine = await CreateObjectiveAsync(Org.Member, new
        {
            title = "Ship one-click reorder", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, parentId = Id(team),
            keyResults = new[] { Metric("Beta users", "increase", 0, 10) },
        });
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{Id(team["keyResults"]![0]!)}/check-ins", new { value = 60 }), HttpStatusCode.Created);

        var tree = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}"), HttpStatusCode.OK);
        var nodes = tree["items"]!.AsArray().ToDictionary(n => Id(n!), n => n!);
        Assert.That(nodes, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(nodes[Id(company)]["level"]!.GetValue<string>(), Is.EqualTo("company"));
            Assert.That(nodes[Id(company)]["parentId"], Is.Null);
            Assert.That(nodes[Id(team)]["parentId"]!.GetValue<string>(), Is.EqualTo(Id(company).ToString()));
            Assert.That(nodes[Id(mine)]["level"]!.GetValue<string>(), Is.EqualTo("individual"));
            Assert.That(nodes[Id(mine)]["ownerId"]!.GetValue<string>(), Is.EqualTo(Org.MemberId.ToString()));
            Assert.That(nodes[Id(team)]["progress"]!.GetValue<decimal>(), Is.EqualTo(0.6m));
            Assert.That(nodes[Id(team)]["keyResults"]![0]!["progress"]!.GetValue<decimal>(), Is.EqualTo(0.6m));
            // The company objective has no key results: it rolls up its only (active) child.
            Assert.That(nodes[Id(company)]["progress"]!.GetValue<decimal>(), Is.EqualTo(0.6m));
            Assert.That(nodes[Id(company)]["expectedProgress"]!.GetValue<decimal>(), Is.InRange(0.45m, 0.55m));
            Assert.That(nodes[Id(company)]["status"]!.GetValue<string>(), Is.EqualTo("on_track"));
        });

        // The objective read agrees with the tree.
        var read = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(company)}"), HttpStatusCode.OK);
        Assert.That(read["progress"]!.GetValue<decimal>(), Is.EqualTo(0.6m));

        // A key result in the tree says what the "needs attention" list sorts by, as its own read does.
        foreach (var objective in new[] { team, mine })
        {
            var inTree = nodes[Id(objective)]["keyResults"]![0]!;
            var own = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/key-results/{Id(inTree)}"), HttpStatusCode.OK);
            foreach (var field in new[] { "confidence", "lastCheckInAt", "stale", "status" })
            {
                Assert.That(inTree[field]?.ToJsonString(), Is.EqualTo(own[field]?.ToJsonString()), field);
            }
        }

        Assert.That(nodes[Id(team)]["keyResults"]![0]!["confidence"]!.GetValue<int>(), Is.EqualTo(5), "a check-in without a confidence says 5");
    }

    [Test]
    public async Task TeamFilterReturnsTheTeamsSubtreeOnly()
    {
        var company = await CompanyObjectiveAsync();
        await ProductObjectiveAsync(Id(company));
        await CreateObjectiveAsync(Org.Admin, new { title = "Sales goal", periodId = Org.PeriodId, teamId = Org.SalesId, parentId = Id(company) });
        var tree = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}&teamId={Org.ProductId}"), HttpStatusCode.OK);
        Assert.That(tree["items"]!.AsArray().Select(n => n!["teamId"]!.GetValue<string>()), Is.All.EqualTo(Org.ProductId.ToString()));
        Assert.That(tree["items"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnObjectiveReadsTheSameProgressAndStatusInEveryView()
    {
        // A Product objective without key results; its one child is a Sales member's individual objective at 50%.
        var product = await ProductObjectiveAsync(null, "Ship what customers love");
        var child = await CreateObjectiveAsync(Org.Outsider, new
        {
            title = "Sell the new plan", periodId = Org.PeriodId, teamId = Org.SalesId, ownerId = Org.OutsiderId, parentId = Id(product),
            keyResults = new[] { new { title = "Deals", direction = "increase", baseline = 0, target = 10, ownerId = Org.OutsiderId } },
        });
        await ExpectAsync(await Org.Outsider.PostAsJsonAsync($"/api/v1/key-results/{Id(child["keyResults"]![0]!)}/check-ins", new { value = 5 }), HttpStatusCode.Created);

        async Task<(decimal, string)> InTreeAsync(string query)
        {
            var tree = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}{query}"), HttpStatusCode.OK);
            var node = tree["items"]!.AsArray().Single(n => Id(n!) == Id(product))!;
            return (node["progress"]!.GetValue<decimal>(), node["status"]!.GetValue<string>());
        }

        var single = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(product)}"), HttpStatusCode.OK);
        var expected = (single["progress"]!.GetValue<decimal>(), single["status"]!.GetValue<string>());
        Assert.That(expected.Item1, Is.EqualTo(0.5m));
        var listed = (await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives?periodId={Org.PeriodId}&teamId={Org.ProductId}"), HttpStatusCode.OK))["items"]!
            .AsArray().Single(o => Id(o!) == Id(product))!;
        Assert.That((listed["progress"]!.GetValue<decimal>(), listed["status"]!.GetValue<string>()), Is.EqualTo(expected), "the list");
        Assert.That(await InTreeAsync(""), Is.EqualTo(expected), "the period's tree");
        Assert.That(await InTreeAsync($"&teamId={Org.ProductId}"), Is.EqualTo(expected), "Product's tree");
        Assert.That(await InTreeAsync($"&teamId={Org.CompanyId}"), Is.EqualTo(expected), "the company's tree");
    }

    [Test]
    public async Task AnObjectiveChoosesWhereItsProgressComesFromAndEveryViewFollows()
    {
        // The company objective's own key result is at 20%; the Product objective aligned to it is at 100%.
        var company = await CompanyObjectiveAsync("Grow", Metric("Revenue", "increase", 0, 100));
        await ExpectAsync(await Org.Admin.PostAsJsonAsync($"/api/v1/key-results/{Id(company["keyResults"]![0]!)}/check-ins", new { value = 20 }), HttpStatusCode.Created);
        var product = await ProductObjectiveAsync(Id(company), "Ship", Metric("Features", "increase", 0, 10));
        await ExpectAsync(await Org.Lead.PostAsJsonAsync($"/api/v1/key-results/{Id(product["keyResults"]![0]!)}/check-ins", new { value = 10 }), HttpStatusCode.Created);

        async Task<(decimal Read, decimal Tree, decimal Review)> ProgressAsync()
        {
            var read = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(company)}"), HttpStatusCode.OK);
            var tree = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}"), HttpStatusCode.OK);
            var review = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/periods/{Org.PeriodId}/review"), HttpStatusCode.OK);
            return (read["progress"]!.GetValue<decimal>(),
                tree["items"]!.AsArray().Single(n => Id(n!) == Id(company))!["progress"]!.GetValue<decimal>(),
                review["items"]!.AsArray().Single(n => n!["objectiveId"]!.GetValue<Guid>() == Id(company))!["suggestedScore"]!.GetValue<decimal>());
        }

        Assert.That(company["progressFrom"]!.GetValue<string>(), Is.EqualTo("key_results"), "the default");
        Assert.That(await ProgressAsync(), Is.EqualTo((0.2m, 0.2m, 0.2m)), "key results win by default");

        var aligned = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(company)}", new { progressFrom = "aligned" }, $"\"{company["version"]}\""), HttpStatusCode.OK);
        Assert.That(aligned["progressFrom"]!.GetValue<string>(), Is.EqualTo("aligned"));
        Assert.That(aligned["progress"]!.GetValue<decimal>(), Is.EqualTo(1m));
        Assert.That(await ProgressAsync(), Is.EqualTo((1m, 1m, 1m)));

        var both = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(company)}", new { progressFrom = "both", alignedShare = 0.25 }, $"\"{aligned["version"]}\""), HttpStatusCode.OK);
        Assert.That(both["alignedShare"]!.GetValue<decimal>(), Is.EqualTo(0.25m));
        Assert.That(await ProgressAsync(), Is.EqualTo((0.4m, 0.4m, 0.4m)), "0.75 × 20% + 0.25 × 100%");

        // Refused with the field named, and nothing changes.
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(company)}", new { alignedShare = 1.5 }, $"\"{both["version"]}\""), HttpStatusCode.BadRequest, "alignedShare");
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(company)}", new { progressFrom = "children" }, $"\"{both["version"]}\""), HttpStatusCode.BadRequest, "progressFrom");
        await ExpectProblemAsync(await Org.Admin.PostAsJsonAsync("/api/v1/objectives", new { title = "x", periodId = Org.PeriodId, teamId = Org.CompanyId, alignedShare = -0.1 }), HttpStatusCode.BadRequest, "alignedShare");
        Assert.That(await ProgressAsync(), Is.EqualTo((0.4m, 0.4m, 0.4m)));

        // Closing scores the progress as stored: a roll-up changed in the same request is asked for first.
        await ExpectProblemAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(company)}", new { progressFrom = "aligned", state = "closed" }, $"\"{both["version"]}\""),
            HttpStatusCode.UnprocessableEntity, "state");
        var closed = await ExpectJsonAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(company)}", new { state = "closed" }, $"\"{both["version"]}\""), HttpStatusCode.OK);
        Assert.That(closed["finalScore"]!.GetValue<decimal>(), Is.EqualTo(0.4m), "the blended progress becomes the score");
    }

    [Test]
    public async Task UnknownPeriodOrTeamIs404AndMissingPeriodIs400()
    {
        await ExpectProblemAsync(await Org.Member.GetAsync($"/api/v1/alignment?periodId={Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ExpectProblemAsync(await Org.Member.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}&teamId={Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ExpectProblemAsync(await Org.Member.GetAsync("/api/v1/alignment"), HttpStatusCode.BadRequest, "periodId");
    }

    [Test]
    public async Task TakesTheSameNumberOfSqlCommandsWhateverTheSize()
    {
        await SeedTreeAsync(objectivesPerTeamLevel: 2);
        var small = await CountCommandsAsync();
        await SeedTreeAsync(objectivesPerTeamLevel: 60);
        var large = await CountCommandsAsync();

        Assert.That(large.Nodes, Is.GreaterThan(small.Nodes * 10));
        Assert.That(large.Commands, Is.EqualTo(small.Commands), "the alignment query must not grow with the data (N+1)");
        Assert.That(large.Commands, Is.LessThanOrEqualTo(5), "period, teams, the caller's lead teams, objectives, key results");
    }

    private async Task<(int Commands, int Nodes)> CountCommandsAsync()
    {
        // The session check is cached for a few seconds; warm it so only the tree's own commands are counted.
        await ExpectAsync(await Org.Member.GetAsync("/api/v1/users/me"), HttpStatusCode.OK);
        Factory.Commands.Reset();
        var tree = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/alignment?periodId={Org.PeriodId}"), HttpStatusCode.OK);
        return (Factory.Commands.Count, tree["items"]!.AsArray().Count);
    }

    /// <summary>Company objectives, team objectives aligned to them, individual ones below, each with two key results: written straight to the database.</summary>
    private async Task SeedTreeAsync(int objectivesPerTeamLevel)
    {
        await GlobalSetup.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            Objective Add(string title, Guid teamId, Guid? ownerId, Guid? parentId)
            {
                var objective = new Objective { Title = title, PeriodId = Org.PeriodId, TeamId = teamId, OwnerId = ownerId, ParentId = parentId, CreatedAt = now, ModifiedAt = now };
                for (var k = 0; k < 2; k++)
                {
                    var keyResult = new KeyResult { Title = $"{title} kr{k}", Unit = "number", ObjectiveId = objective.Id, CreatedAt = now, ModifiedAt = now };
                    keyResult.Define(KeyResultType.Metric, Direction.Increase, 0, 10);
                    db.CheckIns.Add(keyResult.CheckIn(k + 3, 6, null, now, null, CheckInSource.Import, now));
                    objective.KeyResults.Add(keyResult);
                }

                db.Objectives.Add(objective);
                return objective;
            }

            for (var i = 0; i < objectivesPerTeamLevel; i++)
            {
                var company = Add($"Company {i}", Org.CompanyId, null, null);
                var team = Add($"Team {i}", Org.ProductId, null, company.Id);
                Add($"Person {i}", Org.ProductId, Org.MemberId, team.Id);
            }

            await db.SaveChangesAsync();
        });
    }
}
