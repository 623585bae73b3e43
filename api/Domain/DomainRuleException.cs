namespace Okr.Api.Domain;

/// <summary>A rule of the OKR method was broken (HTTP 422). <see cref="Field"/> names the offending input.</summary>
public sealed class DomainRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;

    /// <summary>The same rule, named from an enclosing request: "target" inside the second key result becomes "keyResults[1].target".</summary>
    public DomainRuleException Within(string prefix) => new($"{prefix}.{Field}", Message);
}
