using System.Net;
using System.Text.Json.Nodes;
using Okr.Api.Tests.Infrastructure;

namespace Okr.Api.Tests.Api;

/// <summary>
/// The versioning policy's deprecation, on its first case: the unpaged GET /teams/{id}/members answers as before, says
/// it is deprecated (Deprecation, Sunset, Link to its successor) and its successor answers the same people, paged.
/// </summary>
public sealed class DeprecationTests : OrganisationTest
{
    [Test]
    public async Task TheUnpagedMembersListSaysItIsDeprecatedAndLinksToItsPagedSuccessor()
    {
        var response = await Org.Member.GetAsync($"/api/v1/teams/{Org.ProductId}/members");
        var members = (await ExpectJsonAsync(response, HttpStatusCode.OK)).AsArray();
        var link = response.Headers.GetValues("Link").Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("Deprecation").Single(),
                Is.EqualTo("@" + new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()), "RFC 9745: @ and Unix seconds");
            Assert.That(response.Headers.GetValues("Sunset").Single(), Is.EqualTo("Fri, 04 Jun 2027 00:00:00 GMT"), "RFC 8594: an HTTP-date six months on");
            Assert.That(link, Is.EqualTo($"</api/v1/users?teamId={Org.ProductId}>; rel=\"successor-version\""));
        });

        var successor = link[1..link.IndexOf('>')];
        var page = await ExpectJsonAsync(await Org.Member.GetAsync(successor + "&pageSize=500"), HttpStatusCode.OK);
        var roles = page["items"]!.AsArray().ToDictionary(u => Id(u!),
            u => u!["memberships"]!.AsArray().Single(m => m!["teamId"]!.GetValue<string>() == Org.ProductId.ToString())!["role"]!.GetValue<string>());
        Assert.That(roles, Is.EquivalentTo(members.ToDictionary(m => Guid.Parse(m!["userId"]!.GetValue<string>()), m => m!["role"]!.GetValue<string>())));
        Assert.That(members, Is.Not.Empty);
    }

    [Test]
    public async Task OperationsThatAreNotDeprecatedCarryNoDeprecationHeaders()
    {
        var response = await Org.Member.GetAsync($"/api/v1/teams/{Org.ProductId}");
        Assert.That(response.Headers.Contains("Deprecation") || response.Headers.Contains("Sunset"), Is.False);
    }
}
