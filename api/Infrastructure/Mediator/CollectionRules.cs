using System.Collections;
using FluentValidation;
using FluentValidation.Validators;

namespace Okr.Api.Infrastructure.Mediator;

/// <summary>A list's upper bound as a rule the OpenAPI document can read (it becomes <c>maxItems</c>), unlike a Must lambda.</summary>
public interface IMaxItemsValidator
{
    int Max { get; }
}

/// <summary>Passes when the collection is absent or holds at most <see cref="Max"/> items.</summary>
public sealed class MaxItemsValidator<T, TCollection>(int max) : PropertyValidator<T, TCollection>, IMaxItemsValidator
    where TCollection : IEnumerable?
{
    public int Max { get; } = max;

    public override string Name => "MaxItemsValidator";

    public override bool IsValid(ValidationContext<T> context, TCollection value)
    {
        if (value is null) return true;
        if (value is ICollection collection) return collection.Count <= Max;
        var count = 0;
        foreach (var _ in value) if (++count > Max) return false;
        return true;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => $"'{{PropertyName}}' holds at most {Max} items.";
}

public static class CollectionRuleExtensions
{
    /// <summary>At most <paramref name="max"/> items (an absent list passes); published as the schema's maxItems.</summary>
    public static IRuleBuilderOptions<T, TCollection> MaxItems<T, TCollection>(this IRuleBuilder<T, TCollection> rule, int max)
        where TCollection : IEnumerable? =>
        rule.SetValidator(new MaxItemsValidator<T, TCollection>(max));
}
