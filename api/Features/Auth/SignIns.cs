using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Auth;

/// <summary>
/// Where every way of signing in (password, single sign-on, accepting an invitation) starts a session: a new refresh
/// token family, and — the first time a person signs in from a network — a <c>signed_in</c> audit entry naming the
/// network, the method and the browser, so admins see sign-ins from new places (issue "People get in", security hygiene).
/// </summary>
public sealed class SignIns(OkrDbContext db, RefreshTokens refresh, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>Starts the session, saves the context (with whatever the caller changed), and records a new place. Returns the refresh token.</summary>
    public async Task<string> StartAsync(User user, SignInMethod method, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await refresh.PurgeAsync(user.Id, now, ct);
        var secret = refresh.Start(user, now);
        await db.SaveChangesAsync(ct);

        var request = http.HttpContext?.Request;
        var network = NetworkOf(request?.HttpContext.Connection.RemoteIpAddress);
        var changes = new JsonObject
        {
            ["network"] = new JsonObject { ["old"] = null, ["new"] = network },
            ["method"] = new JsonObject { ["old"] = null, ["new"] = SnakeCaseNames<SignInMethod>.ToName[method] },
            ["userAgent"] = new JsonObject { ["old"] = null, ["new"] = request?.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 200)] : null },
        }.ToJsonString();
        var action = SnakeCaseNames<AuditAction>.ToName[AuditAction.SignedIn];
        // One statement: the place is remembered and, only if it is new (xmax = 0 tells an insert from an update), the
        // entry is written, so two sign-ins at once from a new network log it once.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH place AS (
                INSERT INTO sign_in_places (user_id, network, first_seen_at, last_seen_at) VALUES ({user.Id}, {network}, {now}, {now})
                ON CONFLICT (user_id, network) DO UPDATE SET last_seen_at = excluded.last_seen_at
                RETURNING xmax = 0 AS is_new)
            INSERT INTO audit_log (id, at, actor_user_id, entity_type, entity_id, action, changes)
            SELECT {Guid.CreateVersion7()}, {now}, {user.Id}, 'user', {user.Id}, {action}, CAST({changes} AS jsonb) FROM place WHERE is_new
            """, ct);
        return secret;
    }

    /// <summary>The network a sign-in comes from: IPv4 /24, IPv6 /48 (a household or office, not one device's address).</summary>
    public static string NetworkOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var (keep, bits) = address.AddressFamily == AddressFamily.InterNetwork ? (3, 24) : (6, 48);
        for (var i = keep; i < bytes.Length; i++) bytes[i] = 0;
        return $"{new IPAddress(bytes)}/{bits}";
    }
}
