using System.Text.Json;
using System.Text.Json.Serialization;

namespace Okr.Api.Features.Alignment;

/// <summary>
/// Compile-time JSON metadata for the alignment tree, the largest answer the API gives (megabytes for a big
/// organisation): serialising it without reflection keeps the tree fast.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AlignmentDto))]
internal sealed partial class AlignmentJsonContext : JsonSerializerContext;
