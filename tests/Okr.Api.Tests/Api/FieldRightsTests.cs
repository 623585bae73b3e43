using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// One HTTP test per row of <see cref="FieldRights"/>: a caller without the right gets 403 and changes nothing, a caller with
/// it gets 200, and the read's permissions.editableFields says the same. The rows come from the table itself, so a field
/// added to it without a test value here fails.
/// </summary>
public sealed class FieldRightsTests : OrganisationTest
{
    /// <summary>A change of each key result field that is valid for "Cut backlog from 200 to 50".</summary>
    private static readonly Dictionary<string, Func<Organisation, object>> KeyResultChanges = new()
    {
        ["title"] = _ => new { title = "Cut backlog to 149" },
        ["type"] = _ => new { type = "milestone" },
        ["direction"] = _ => new { direction = "stay_below" },
        ["baseline"] = _ => new { baseline = 300 },
        ["target"] = _ => new { target = 149 },
        ["unit"] = _ => new { unit = "tickets" },
        ["currencyCode"] = _ => new { unit = "currency", currencyCode = "EUR" },
        ["weight"] = _ => new { weight = 0 },
        ["cadenceDays"] = _ => new { cadenceDays = 30 },
        ["externalId"] = _ => new { externalId = "backlog" },
        ["ownerId"] = org => new { ownerId = org.LeadId },
    };

    /// <summary>A change of each field of the member's own individual objective in Product.</summary>
    private static readonly Dictionary<string, Func<Organisation, Guid, object>> ObjectiveChanges = new()
    {
        ["title"] = (_, _) => new { title = "Learn faster" },
        ["description"] = (_, _) => new { description = "Because" },
        ["parentId"] = (_, parent) => new { parentId = parent },
        ["weight"] = (_, _) => new { weight = 2 },
        ["progressFrom"] = (_, _) => new { progressFrom = "both" },
        ["alignedShare"] = (_, _) => new { alignedShare = 0.3 },
        ["state"] = (_, _) => new { state = "closed" },
        ["finalScore"] = (_, _) => new { state = "closed", finalScore = 0.5 },
        ["closingComment"] = (_, _) => new { state = "closed", closingComment = "Done" },
        ["externalId"] = (_, _) => new { externalId = "learn" },
        ["teamId"] = (org, _) => new { teamId = org.SalesId, ownerId = (Guid?)null },
        ["ownerId"] = (org, _) => new { ownerId = org.LeadId },
    };

    private static IEnumerable<string> KeyResultFields => FieldRights.KeyResult.Keys;

    private static IEnumerable<string> ObjectiveFields => FieldRights.Objective.Keys;

    [TestCaseSource(nameof(KeyResultFields))]
    public async Task AKeyResultsOwnerChecksInButChangesNoneOfItsFields(string field)
    {
        // The lead's team objective; the key result is the member's.
        var objective = await ProductObjectiveAsync(null, "Support customers", Metric("Cut backlog from 200 to 50", "decrease", 200, 50, ownerId: Org.MemberId));
        var keyResult = objective["keyResults"]![0]!;
        Assert.That(keyResult["permissions"]!["canCheckIn"]!.GetValue<bool>(), Is.True, "the owner's read");
        var asOwner = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/key-results/{Id(keyResult)}"), HttpStatusCode.OK);
        Assert.That(asOwner["permissions"]!["canCheckIn"]!.GetValue<bool>(), Is.True);
        Assert.That(asOwner["permissions"]!["editableFields"]!.AsArray(), Is.Empty);

        var change = KeyResultChanges[field](Org);
        await ExpectProblemAsync(await PatchAsync(Org.Member, $"/api/v1/key-results/{Id(keyResult)}", change, $"\"{keyResult["version"]}\""), HttpStatusCode.Forbidden);
        var unchanged = await ExpectJsonAsync(await Org.Lead.GetAsync($"/api/v1/key-results/{Id(keyResult)}"), HttpStatusCode.OK);
        Assert.That(unchanged["version"]!.GetValue<uint>(), Is.EqualTo(keyResult["version"]!.GetValue<uint>()), "nothing changed");
        Assert.That(unchanged["permissions"]!["editableFields"]!.AsArray().Select(f => f!.GetValue<string>()), Does.Contain(field));

        await ExpectAsync(await PatchAsync(Org.Lead, $"/api/v1/key-results/{Id(keyResult)}", change, $"\"{keyResult["version"]}\""), HttpStatusCode.OK);
    }

    [TestCaseSource(nameof(ObjectiveFields))]
    public async Task AnObjectivesOwnerChangesItButOnlyItsTeamsLeadsOrAnAdminMoveIt(string field)
    {
        var parent = await ProductObjectiveAsync(null, "Ship what customers love");
        var mine = await CreateObjectiveAsync(Org.Member, new { title = "Learn", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId });
        var change = ObjectiveChanges[field](Org, Id(parent));
        var ownerMay = FieldRights.Objective[field] == FieldRight.WriteObjective;
        var editable = mine["permissions"]!["editableFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.That(editable.Contains(field), Is.EqualTo(ownerMay), "the owner's permissions say what the PATCH will do");

        var response = await PatchAsync(Org.Member, $"/api/v1/objectives/{Id(mine)}", change, $"\"{mine["version"]}\"");
        if (ownerMay)
        {
            await ExpectAsync(response, HttpStatusCode.OK);
            return;
        }

        await ExpectProblemAsync(response, HttpStatusCode.Forbidden);
        var unchanged = await ExpectJsonAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Id(mine)}"), HttpStatusCode.OK);
        Assert.That(unchanged["version"]!.GetValue<uint>(), Is.EqualTo(mine["version"]!.GetValue<uint>()), "nothing changed");
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(mine)}", change, $"\"{mine["version"]}\""), HttpStatusCode.OK);
    }

    [Test]
    public async Task OnlyWhoeverMayWriteTheParentDecidesHowMuchAnAlignedObjectiveCounts()
    {
        // Sales' team objective, written by nobody in Product; the member aligns her own objective to it.
        var sales = await CreateObjectiveAsync(Org.Admin, new { title = "Sell more", periodId = Org.PeriodId, teamId = Org.SalesId });
        var heavy = new { title = "Carry Sales", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, parentId = Id(sales), weight = 1000 };
        await ExpectProblemAsync(await Org.Member.PostAsJsonAsync("/api/v1/objectives", heavy), HttpStatusCode.Forbidden);
        var mine = await CreateObjectiveAsync(Org.Member, heavy with { weight = 1 });
        await ExpectProblemAsync(await PatchAsync(Org.Member, $"/api/v1/objectives/{Id(mine)}", new { weight = 1000 }, $"\"{mine["version"]}\""), HttpStatusCode.Forbidden);
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(mine)}", new { weight = 3 }, $"\"{mine["version"]}\""), HttpStatusCode.OK);
    }
}
