namespace Okr.Api.Domain;

/// <summary>Maximum lengths of text fields, shared by validation and the database schema.</summary>
public static class Limits
{
    public const int Title = 200;
    public const int Description = 4000;
    public const int Note = 2000;

    /// <summary>Shared and private notes of a conversation: a page or two of plain text.</summary>
    public const int ConversationNotes = 20_000;

    /// <summary>An agenda or action item: one line of plain text.</summary>
    public const int ItemText = 500;
    public const int Name = 120;
    public const int Slug = 64;
    public const int Label = 64;
    public const int Email = 254;

    /// <summary>A directory's id for a person (SCIM externalId): Entra's object ids and Okta's ids fit many times over.</summary>
    public const int ScimExternalId = 256;
    public const int Unit = 32;
    public const int ExternalId = 128;
    public const int PasswordMin = 10;
    public const int PasswordMax = 128;
    public const decimal MaxWeight = 1000;
    public const int IdempotencyKey = 255;

    /// <summary>A webhook's URL, and the characters of a receiver's answer a delivery keeps.</summary>
    public const int WebhookUrl = 2048;

    /// <summary>A comment's text (plain text), and how many people one comment may mention.</summary>
    public const int CommentText = 10_000;
    public const int CommentMentions = 50;
    public const int DeliverySnippet = 1000;

    /// <summary>Levels of the team tree, the company being the first: deeper trees are refused (API and import).</summary>
    public const int MaxTeamDepth = 12;

    /// <summary>Objectives in one alignment chain, from its top down: longer chains are refused (API and import).</summary>
    public const int MaxAlignmentDepth = 16;
}
