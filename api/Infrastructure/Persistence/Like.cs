namespace Okr.Api.Infrastructure.Persistence;

public static class Like
{
    /// <summary>Escapes % and _ so a search text matches literally inside ILIKE '%…%' (escape character '\').</summary>
    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
