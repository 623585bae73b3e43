using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Okr.Api.Domain;

namespace Okr.Api.Tests.Infrastructure;

/// <summary>
/// A small organisation built through the API: the company with teams Product (under it) and Sales, an active
/// period around today, an admin, Product's lead, a member of Product, and a member of Sales.
/// </summary>
public sealed record Organisation(
    HttpClient Admin, HttpClient Lead, HttpClient Member, HttpClient Outsider,
    Guid AdminId, Guid LeadId, Guid MemberId, Guid OutsiderId,
    Guid CompanyId, Guid ProductId, Guid SalesId, Guid PeriodId)
{
    public static async Task<Organisation> CreateAsync(ApiTestHelpers h)
    {
        var adminId = await h.AddUser("admin@example.com", OrgRole.Admin);
        var admin = await h.SignIn("admin@example.com");
        var company = await Created(await admin.PostAsJsonAsync("/api/v1/teams", new { name = "Example Ltd", slug = "example" }));
        var product = await Created(await admin.PostAsJsonAsync("/api/v1/teams", new { name = "Product", slug = "product", parentId = company }));
        var sales = await Created(await admin.PostAsJsonAsync("/api/v1/teams", new { name = "Sales", slug = "sales", parentId = company }));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = await Created(await admin.PostAsJsonAsync("/api/v1/periods",
            new { label = "Current", startDate = today.AddDays(-45), endDate = today.AddDays(45) }));
        var version = (await admin.GetAsync($"/api/v1/periods/{period}")).Headers.ETag!.Tag;
        using (var activate = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/periods/{period}") { Content = JsonContent.Create(new { state = "active" }) })
        {
            activate.Headers.TryAddWithoutValidation("If-Match", version);
            var response = await admin.SendAsync(activate);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        }

        async Task<Guid> Person(string email, Guid team, TeamRole role)
        {
            var id = await Created(await admin.PostAsJsonAsync("/api/v1/users",
                new { email, displayName = email.Split('@')[0], password = ApiTest.Password, role = "member" }));
            await h.AddMembership(team, id, role);
            return id;
        }

        var leadId = await Person("lead@example.com", product, TeamRole.Lead);
        var memberId = await Person("member@example.com", product, TeamRole.Member);
        var outsiderId = await Person("outsider@example.com", sales, TeamRole.Member);
        return new Organisation(admin, await h.SignIn("lead@example.com"), await h.SignIn("member@example.com"), await h.SignIn("outsider@example.com"),
            adminId, leadId, memberId, outsiderId, company, product, sales, period);
    }

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return Guid.Parse(JsonNode.Parse(body)!["id"]!.GetValue<string>());
    }
}

/// <summary>The few helpers <see cref="Organisation"/> needs from a test, without tying it to one base class.</summary>
public sealed record ApiTestHelpers(
    Func<string, OrgRole, Task<Guid>> AddUser,
    Func<string, Task<HttpClient>> SignIn,
    Func<Guid, Guid, TeamRole, Task> AddMembership);
