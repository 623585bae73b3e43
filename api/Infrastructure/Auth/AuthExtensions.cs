using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Auth;

public static class AuthExtensions
{
    /// <summary>The default scheme: picks Okr's own tokens or, when configured, an external OpenID Connect issuer's.</summary>
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    public const string OkrScheme = "okr";

    public static IServiceCollection AddOkrAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        var sso = configuration.GetSection(SsoOptions.Section).Get<SsoOptions>() ?? new SsoOptions();
        services.Configure<SsoOptions>(configuration.GetSection(SsoOptions.Section));
        var key = SigningKey.Resolve(options);
        services.AddSingleton(key);
        services.AddSingleton<TokenService>();
        services.AddMemoryCache();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        var authentication = services.AddAuthentication(Scheme);
        authentication.AddPolicyScheme(Scheme, "Okr or external bearer token", policy =>
            policy.ForwardDefaultSelector = context =>
                ScimTokenHandler.Carries(context) ? ScimTokenHandler.SchemeName : ExternalIdentity.IsExternal(context, options) ? ExternalIdentity.Scheme : OkrScheme);
        authentication.AddScheme<AuthenticationSchemeOptions, ScimTokenHandler>(ScimTokenHandler.SchemeName, null);
        if (!string.IsNullOrWhiteSpace(options.Authority)) ExternalIdentity.Add(authentication, options);
        if (sso.Enabled) SingleSignOn.Add(authentication, sso);

        authentication.AddJwtBearer(OkrScheme, jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                // A correctly signed token still lives no longer than Okr issues them for (a leaked signing key must not
                // mint tokens for ten years): its lifetime is capped here, on every request.
                LifetimeValidator = (notBefore, expires, _, _) =>
                    notBefore is { } from && expires is { } until
                    && until - from <= TimeSpan.FromMinutes(options.AccessTokenMinutes) + TimeSpan.FromSeconds(30)
                    && from <= DateTime.UtcNow.AddSeconds(30) && until > DateTime.UtcNow.AddSeconds(-30),
                NameClaimType = "name",
                RoleClaimType = TokenService.RoleClaim,
            };
            jwt.Events = new JwtBearerEvents { OnTokenValidated = SessionValidator.ValidateAsync, OnChallenge = SessionValidator.ChallengeAsync, OnAuthenticationFailed = SessionValidator.AuthenticationFailedAsync };
        });
        services.AddAuthorization();
        return services;
    }
}
