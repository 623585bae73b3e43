using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Okr.Api.Domain;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// A property test: for generated pairs of objectives (company, team or individual; this period or another; a parent that is
/// active, a draft, closed or archived), the bulk import and the API give the same verdict on aligning one to the other, with
/// the same message, because both run the domain's alignment rules.
/// </summary>
public sealed class ImportAgreesWithApiTests : OrganisationTest
{
    private sealed record Shape(int Team, bool Owned, bool OtherPeriod, ObjectiveState State)
    {
        public override string ToString() => $"{(Owned ? "individual in " : "")}{new[] { "company", "product", "sales" }[Team]}{(OtherPeriod ? ", next period" : "")}, {State}";
    }

    private static readonly Gen<Shape> Parents = Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Bool, Gen.Int[0, 3],
        (team, owned, other, state) => new Shape(team, owned, other, (ObjectiveState)state));

    private static readonly Gen<Shape> Children = Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Bool, Gen.Bool,
        (team, owned, other, draft) => new Shape(team, owned, other, draft ? ObjectiveState.Draft : ObjectiveState.Active));

    private Guid _nextPeriod;
    private int _serial;

    [SetUp]
    public async Task AddTheNextPeriodAndTheAdminToTheCompanyAsync()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var next = await ExpectJsonAsync(await Org.Admin.PostAsJsonAsync("/api/v1/periods",
            new { label = "Next", startDate = today.AddDays(46), endDate = today.AddDays(136) }), HttpStatusCode.Created);
        _nextPeriod = Id(next);
        await AddMembershipAsync(Org.CompanyId, Org.AdminId, TeamRole.Member);
    }

    [Test]
    public async Task TheImportRefusesExactlyTheAlignmentsTheApiRefusesWithTheSameMessage()
    {
        var verdicts = new HashSet<string>();
        await Gen.Select(Parents, Children).SampleAsync(async (parent, child) =>
        {
            var parentId = await CreateParentAsync(parent);
            var api = await ApiVerdictAsync(child, parentId);
            var import = await ImportVerdictAsync(child, parentId);
            Assert.That(import, Is.EqualTo(api), $"parent: {parent}; child: {child}");
            verdicts.Add(api ?? "accepted");
        }, iter: 150, threads: 1);

        // The generated cases reached acceptance and each kind of refusal, so the agreement above is not about one case only.
        Assert.That(verdicts, Has.Some.EqualTo("accepted"));
        Assert.That(verdicts, Has.Some.Contains("higher level"));
        Assert.That(verdicts, Has.Some.Contains("same period"));
    }

    private (Guid Team, string Slug, Guid? Owner, string? Email) Place(Shape shape) => shape.Team switch
    {
        0 => (Org.CompanyId, "example", shape.Owned ? Org.AdminId : null, shape.Owned ? "admin@example.com" : null),
        1 => (Org.ProductId, "product", shape.Owned ? Org.MemberId : null, shape.Owned ? "member@example.com" : null),
        _ => (Org.SalesId, "sales", shape.Owned ? Org.OutsiderId : null, shape.Owned ? "outsider@example.com" : null),
    };

    private async Task<Guid> CreateParentAsync(Shape shape)
    {
        var (team, _, owner, _) = Place(shape);
        var created = await CreateObjectiveAsync(Org.Admin, new
        {
            title = $"Parent {++_serial}", periodId = shape.OtherPeriod ? _nextPeriod : Org.PeriodId, teamId = team, ownerId = owner,
            state = shape.State == ObjectiveState.Draft ? "draft" : "active",
        });
        foreach (var state in shape.State switch { ObjectiveState.Closed => ["closed"], ObjectiveState.Archived => new[] { "archived" }, _ => [] })
        {
            await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{Id(created)}", new { state }, $"\"{created["version"]}\""), HttpStatusCode.OK);
        }

        return Id(created);
    }

    /// <returns>Null when the API creates the aligned objective, else its message for parentId.</returns>
    private async Task<string?> ApiVerdictAsync(Shape child, Guid parentId)
    {
        var (team, _, owner, _) = Place(child);
        var response = await Org.Admin.PostAsJsonAsync("/api/v1/objectives", new
        {
            title = $"Child {++_serial}", periodId = child.OtherPeriod ? _nextPeriod : Org.PeriodId, teamId = team, ownerId = owner, parentId,
            state = child.State == ObjectiveState.Draft ? "draft" : "active",
        });
        if (response.StatusCode == HttpStatusCode.Created) return null;
        var problem = await ExpectProblemAsync(response, HttpStatusCode.UnprocessableEntity, "parentId");
        return problem["errors"]!["parentId"]![0]!.GetValue<string>();
    }

    /// <returns>Null when a dry run of the same objective imports, else the import's message for "parent".</returns>
    private async Task<string?> ImportVerdictAsync(Shape child, Guid parentId)
    {
        var (_, slug, _, email) = Place(child);
        var document = new JsonObject
        {
            ["objectives"] = new JsonArray(new JsonObject
            {
                ["externalId"] = $"child-{++_serial}", ["title"] = "Imported child", ["period"] = child.OtherPeriod ? "Next" : "Current",
                ["team"] = slug, ["owner"] = email, ["parent"] = parentId.ToString(), ["state"] = child.State == ObjectiveState.Draft ? "draft" : "active",
            }),
        };
        var response = await Org.Admin.PostAsync("/api/v1/imports?dryRun=true", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));
        if (response.StatusCode == HttpStatusCode.OK) return null;
        var problem = await ExpectProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsArray();
        Assert.That(errors.Select(e => e!["field"]!.GetValue<string>()), Is.EqualTo(new[] { "parent" }), problem.ToJsonString());
        return errors[0]!["message"]!.GetValue<string>();
    }
}
