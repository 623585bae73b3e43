using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Okr.Api.Features.Objectives;

/// <summary>
/// A position in the objectives list (newest first, then by id): the created time and id of the last objective a page
/// held. Reading on "after" it is keyset paging, so objectives created or deleted meanwhile never shift the pages a
/// crawler has still to read (offset paging would skip or repeat). Opaque to clients: base64url of "ticks:id".
/// </summary>
public readonly record struct ObjectiveCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{Id:N}"));

    public static bool TryParse(string? text, out ObjectiveCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 128 || !Base64Url.IsValid(text)) return false;
        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id)) return false;
        cursor = new ObjectiveCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
