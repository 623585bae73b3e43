using System.Net;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>The objectives offered for alignment are exactly those the alignment rules accept.</summary>
public sealed class AlignmentCandidatesTests : OrganisationTest
{
    private Guid _company, _archived, _product, _sales, _member, _draft;

    [SetUp]
    public async Task CreateObjectivesAsync()
    {
        _company = Id(await CompanyObjectiveAsync("Grow the business"));
        var archived = await CompanyObjectiveAsync("Old company goal");
        _archived = Id(archived);
        await ExpectAsync(await PatchAsync(Org.Admin, $"/api/v1/objectives/{_archived}", new { state = "archived" }, $"\"{archived["version"]}\""), HttpStatusCode.OK);
        _product = Id(await ProductObjectiveAsync(_company, "Ship what customers love"));
        _sales = Id(await CreateObjectiveAsync(Org.Admin, new { title = "Sell in new markets", periodId = Org.PeriodId, teamId = Org.SalesId, parentId = _company }));
        _member = Id(await CreateObjectiveAsync(Org.Member, new { title = "Learn the product", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.MemberId, parentId = _product }));
        _draft = Id(await CreateObjectiveAsync(Org.Lead, new { title = "Product draft", periodId = Org.PeriodId, teamId = Org.ProductId, state = "draft" }));
    }

    private static async Task<List<Guid>> CandidatesAsync(HttpClient client, string url)
    {
        var page = await ExpectJsonAsync(await client.GetAsync(url), HttpStatusCode.OK);
        var items = page["items"]!.AsArray().Select(n => Id(n!)).ToList();
        Assert.That(page["totalCount"]!.GetValue<int>(), Is.EqualTo(items.Count));
        return items;
    }

    private string ForNew(Guid teamId, Guid? ownerId = null) =>
        $"/api/v1/alignment-candidates?periodId={Org.PeriodId}&teamId={teamId}" + (ownerId is { } o ? $"&ownerId={o}" : "");

    [Test]
    public async Task OffersHigherLevelsOfTheSamePeriodOnly()
    {
        // An individual objective may align to any team or company objective (never to another person's, never to an archived one).
        Assert.That(await CandidatesAsync(Org.Member, ForNew(Org.ProductId, Org.MemberId)), Is.EquivalentTo(new[] { _company, _product, _sales }));
        // A team objective: the company's, not a sibling team's; the lead also sees the team's own draft but it is not above the team.
        Assert.That(await CandidatesAsync(Org.Lead, ForNew(Org.ProductId)), Is.EquivalentTo(new[] { _company }));
        // The company aligns to nothing.
        Assert.That(await CandidatesAsync(Org.Admin, ForNew(Org.CompanyId)), Is.Empty);
        // Drafts are offered to drafts only (only a draft aligns to a draft), and only to those who may see them.
        Assert.That(await CandidatesAsync(Org.Lead, ForNew(Org.ProductId, Org.LeadId)), Does.Not.Contain(_draft));
        Assert.That(await CandidatesAsync(Org.Outsider, ForNew(Org.SalesId, Org.OutsiderId)), Does.Not.Contain(_draft));
        var leadsDraft = Id(await CreateObjectiveAsync(Org.Lead, new { title = "Lead's draft", periodId = Org.PeriodId, teamId = Org.ProductId, ownerId = Org.LeadId, state = "draft" }));
        Assert.That(await CandidatesAsync(Org.Lead, $"/api/v1/objectives/{leadsDraft}/alignment-candidates"), Does.Contain(_draft));
    }

    [Test]
    public async Task AnExistingObjectiveIsNeverOfferedItselfOrWhatAlignsBelowIt()
    {
        Assert.That(await CandidatesAsync(Org.Lead, $"/api/v1/objectives/{_product}/alignment-candidates"), Is.EquivalentTo(new[] { _company }));
        Assert.That(await CandidatesAsync(Org.Admin, $"/api/v1/objectives/{_company}/alignment-candidates"), Is.Empty);
        Assert.That(await CandidatesAsync(Org.Member, $"/api/v1/objectives/{_member}/alignment-candidates"), Is.EquivalentTo(new[] { _company, _product, _sales }));
        // With objectiveId, the general form leaves out the objective and its subtree too: Product as a person's objective of the lead.
        Assert.That(await CandidatesAsync(Org.Lead, ForNew(Org.ProductId, Org.LeadId) + $"&objectiveId={_product}"), Is.EquivalentTo(new[] { _company, _sales }));
    }

    [Test]
    public async Task EveryCandidateIsAcceptedAndAnythingElseIsRefused()
    {
        var all = new[] { _company, _archived, _product, _sales, _member, _draft };
        var offered = await CandidatesAsync(Org.Admin, $"/api/v1/objectives/{_member}/alignment-candidates");
        foreach (var parent in all)
        {
            var read = await ExpectJsonAsync(await Org.Admin.GetAsync($"/api/v1/objectives/{_member}"), HttpStatusCode.OK);
            var response = await PatchAsync(Org.Admin, $"/api/v1/objectives/{_member}", new { parentId = parent }, $"\"{read["version"]}\"");
            Assert.That(response.StatusCode, Is.EqualTo(offered.Contains(parent) ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity),
                $"parent {parent}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Test]
    public async Task SearchesTitlesAndPages()
    {
        Assert.That(await CandidatesAsync(Org.Member, ForNew(Org.ProductId, Org.MemberId) + "&q=MARKETS"), Is.EqualTo(new[] { _sales }));
        var page = await ExpectJsonAsync(await Org.Member.GetAsync(ForNew(Org.ProductId, Org.MemberId) + "&pageSize=2&page=2"), HttpStatusCode.OK);
        Assert.That(page["totalCount"]!.GetValue<int>(), Is.EqualTo(3));
        // By title: Grow…, Sell…, Ship… — the second page holds the third.
        Assert.That(page["items"]!.AsArray().Select(n => Id(n!)), Is.EqualTo(new[] { _product }));
    }

    [Test]
    public async Task BadQueriesNameTheField()
    {
        await ExpectProblemAsync(await Org.Member.GetAsync($"/api/v1/alignment-candidates?periodId={Org.PeriodId}"), HttpStatusCode.BadRequest, "teamId");
        await ExpectProblemAsync(await Org.Member.GetAsync($"/api/v1/alignment-candidates?periodId={Org.PeriodId}&teamId=nope"), HttpStatusCode.BadRequest, "teamId");
        await ExpectProblemAsync(await Org.Member.GetAsync(ForNew(Guid.NewGuid())), HttpStatusCode.UnprocessableEntity, "teamId");
        await ExpectProblemAsync(await Org.Member.GetAsync(ForNew(Org.ProductId) + "&pageSize=0"), HttpStatusCode.BadRequest, "pageSize");
        await ExpectProblemAsync(await Org.Member.GetAsync($"/api/v1/objectives/{Guid.NewGuid()}/alignment-candidates"), HttpStatusCode.NotFound);
        await ExpectAsync(await Anonymous().GetAsync(ForNew(Org.ProductId)), HttpStatusCode.Unauthorized);
    }
}
