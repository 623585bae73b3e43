namespace Okr.Api.Infrastructure.Auth;

/// <summary>What changing a field needs.</summary>
public enum FieldRight
{
    /// <summary>Whoever may write the objective: its owner, the owning team's leads, admins, write clients.</summary>
    WriteObjective,

    /// <summary>Where an objective sits (team, owner) is the team's decision: its leads, admins, write clients — not the owner alone.</summary>
    Reassign,
}

/// <summary>
/// Who may change which field: the one table that every PATCH checks (<see cref="AccessPolicy.EnsureMayChangeAsync"/>)
/// and that every read reports as <c>permissions.editableFields</c> (docs/method.md, "Who may do what").
/// </summary>
/// <remarks>
/// A key result's owner records its progress by checking in; what it measures (type, direction, baseline, target,
/// unit), how much it counts (weight) and everything else about it is the objective's to decide. Otherwise the person
/// graded by a key result could move its target to where they already are.
/// </remarks>
public static class FieldRights
{
    public static readonly IReadOnlyDictionary<string, FieldRight> Objective = new Dictionary<string, FieldRight>(StringComparer.Ordinal)
    {
        ["title"] = FieldRight.WriteObjective,
        ["description"] = FieldRight.WriteObjective,
        ["parentId"] = FieldRight.WriteObjective,
        ["weight"] = FieldRight.WriteObjective,
        ["progressFrom"] = FieldRight.WriteObjective,
        ["alignedShare"] = FieldRight.WriteObjective,
        ["state"] = FieldRight.WriteObjective,
        ["finalScore"] = FieldRight.WriteObjective,
        ["closingComment"] = FieldRight.WriteObjective,
        ["externalId"] = FieldRight.WriteObjective,
        ["teamId"] = FieldRight.Reassign,
        ["ownerId"] = FieldRight.Reassign,
    };

    public static readonly IReadOnlyDictionary<string, FieldRight> KeyResult = new Dictionary<string, FieldRight>(StringComparer.Ordinal)
    {
        ["title"] = FieldRight.WriteObjective,
        ["type"] = FieldRight.WriteObjective,
        ["direction"] = FieldRight.WriteObjective,
        ["baseline"] = FieldRight.WriteObjective,
        ["target"] = FieldRight.WriteObjective,
        ["unit"] = FieldRight.WriteObjective,
        ["currencyCode"] = FieldRight.WriteObjective,
        ["weight"] = FieldRight.WriteObjective,
        ["cadenceDays"] = FieldRight.WriteObjective,
        ["externalId"] = FieldRight.WriteObjective,
        ["ownerId"] = FieldRight.WriteObjective,
    };
}
