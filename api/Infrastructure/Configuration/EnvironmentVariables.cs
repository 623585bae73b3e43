namespace Okr.Api.Infrastructure.Configuration;

/// <summary>
/// The short OKR_* environment variables the README documents, mapped onto configuration keys.
/// Anything else can be set the ASP.NET Core way (e.g. Okr__Auth__AccessTokenMinutes=30).
/// </summary>
public static class EnvironmentVariables
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
    {
        ["OKR_DATABASE"] = "ConnectionStrings:Okr",
        ["OKR_SIGNING_KEY"] = "Okr:Auth:SigningKey",
        ["OKR_SIGNING_KEY_FILE"] = "Okr:Auth:SigningKeyFile",
        ["OKR_ADMIN_EMAIL"] = "Okr:Admin:Email",
        ["OKR_ADMIN_PASSWORD"] = "Okr:Admin:Password",
        ["OKR_SEED_DEMO"] = "Okr:SeedDemo",
        ["OKR_WEB_ROOT"] = "Okr:WebRoot",
        ["OKR_IMPORT_MAX_BYTES"] = "Okr:Imports:MaxBytes",
        ["OKR_IMPORT_SPOOL"] = "Okr:Imports:SpoolDirectory",
        ["OKR_SHUTDOWN_DRAIN_SECONDS"] = "Okr:ShutdownDrainSeconds",
        ["OKR_TRUSTED_PROXIES"] = "Okr:TrustedProxies",
        ["OKR_SMTP_HOST"] = "Okr:Smtp:Host",
        ["OKR_SMTP_PORT"] = "Okr:Smtp:Port",
        ["OKR_SMTP_USERNAME"] = "Okr:Smtp:Username",
        ["OKR_SMTP_PASSWORD"] = "Okr:Smtp:Password",
        ["OKR_SMTP_FROM"] = "Okr:Smtp:From",
        ["OKR_SMTP_SECURITY"] = "Okr:Smtp:Security",
        ["OKR_REMINDER_HOUR"] = "Okr:Reminders:Hour",
        ["OKR_APP_URL"] = "Okr:Reminders:AppUrl",
        ["OKR_SSO_AUTHORITY"] = "Okr:Sso:Authority",
        ["OKR_SSO_CLIENT_ID"] = "Okr:Sso:ClientId",
        ["OKR_SSO_CLIENT_SECRET"] = "Okr:Sso:ClientSecret",
        ["OKR_SSO_NAME"] = "Okr:Sso:Name",
        ["OKR_SSO_CREATE_MEMBERS"] = "Okr:Sso:CreateMembers",
        ["OKR_SSO_ALLOWED_DOMAINS"] = "Okr:Sso:AllowedDomains",
    };

    public static IConfigurationBuilder AddOkrEnvironmentVariables(this IConfigurationBuilder configuration)
    {
        var values = Map
            .Select(p => (Key: p.Value, Value: Environment.GetEnvironmentVariable(p.Key)))
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .ToDictionary(p => p.Key, p => p.Value);
        return configuration.AddInMemoryCollection(values);
    }
}
