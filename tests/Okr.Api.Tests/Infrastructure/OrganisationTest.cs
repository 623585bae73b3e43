using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Okr.Api.Tests.Infrastructure;

/// <summary>A test that starts from <see cref="Organisation"/>, with helpers to create objectives through the API.</summary>
public abstract class OrganisationTest : ApiTest
{
    protected Organisation Org { get; private set; } = null!;

    [SetUp]
    public async Task CreateOrganisationAsync() =>
        Org = await Organisation.CreateAsync(new ApiTestHelpers(
            (email, role) => AddUserAsync(email, role),
            email => SignInAsync(email),
            AddMembershipAsync));

    /// <summary>
    /// Runs <paramref name="work"/> as on the first day of the organisation's period (it began 45 days ago), for work that
    /// has been there since the start: a key result is measured from its creation, so one made today asks nothing yet.
    /// </summary>
    protected static async Task<T> SinceThePeriodStartedAsync<T>(Func<Task<T>> work)
    {
        Factory.Clock.Set(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-45), TimeSpan.Zero));
        try
        {
            return await work();
        }
        finally
        {
            Factory.Clock.Reset();
        }
    }

    /// <summary>Creates an objective (201 expected) and returns its body.</summary>
    protected async Task<JsonNode> CreateObjectiveAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/objectives", body);
        return await ExpectJsonAsync(response, HttpStatusCode.Created);
    }

    protected object Metric(string title, string direction, decimal baseline, decimal target, string unit = "number", Guid? ownerId = null) =>
        new { title, type = "metric", direction, baseline, target, unit, ownerId };

    protected Task<JsonNode> CompanyObjectiveAsync(string title = "Grow the business", params object[] keyResults) =>
        CreateObjectiveAsync(Org.Admin, new { title, periodId = Org.PeriodId, teamId = Org.CompanyId, keyResults });

    protected Task<JsonNode> ProductObjectiveAsync(Guid? parentId, string title = "Ship what customers love", params object[] keyResults) =>
        CreateObjectiveAsync(Org.Lead, new { title, periodId = Org.PeriodId, teamId = Org.ProductId, parentId, keyResults });
}
