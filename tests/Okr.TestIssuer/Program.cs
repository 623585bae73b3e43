namespace Okr.TestIssuer;

/// <summary>
/// Standalone, for the browser tests and for trying single sign-on against <c>make run</c>:
/// <code>
/// dotnet tests/Okr.TestIssuer/bin/Debug/net10.0/Okr.TestIssuer.dll --url http://127.0.0.1:5090 \
///   --redirect http://127.0.0.1:5080/api/v1/auth/sso/callback --account "admin@okr.local|Ada Admin"
/// </code>
/// Client id "okr", secret "okr-test-secret" (or --client-id, --client-secret); every account signs in with the password
/// "issuer-password"; an account written "email|name|unverified" has an unverified email, "email|name|noclaim" none said.
/// </summary>
public static class IssuerProgram
{
    public static async Task Main(string[] args)
    {
        var accounts = Values(args, "--account").Select(a => a.Split('|'))
            .Select(p => new TestAccount(p[0], p.Length > 1 ? p[1] : p[0], p.Length <= 2 ? true : p[2] switch { "unverified" => false, "noclaim" => null, _ => true })).ToList();
        var app = TestIssuer.Build(Value(args, "--url") ?? "http://127.0.0.1:5090",
            new TestIssuerSettings(accounts, Value(args, "--client-id") ?? "okr", Value(args, "--client-secret") ?? "okr-test-secret", Values(args, "--redirect")));
        await app.RunAsync();
    }

    private static string? Value(string[] args, string name) => Values(args, name).LastOrDefault();

    private static List<string> Values(string[] args, string name) =>
        [.. args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Length).Select(p => args[p.i + 1])];
}
