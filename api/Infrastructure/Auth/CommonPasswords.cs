using System.Reflection;
using FluentValidation;

namespace Okr.Api.Infrastructure.Auth;

/// <summary>
/// Passwords people pick most often (zxcvbn's list, shipped as data in <c>common-passwords.txt</c>; regenerate with
/// <c>scripts/common-passwords.sh</c>): refused wherever a password is chosen, case-insensitively, as current guidance
/// (NIST SP 800-63B, 5.1.1.2) asks of a list of commonly used passwords.
/// </summary>
public static class CommonPasswords
{
    private static readonly Lazy<HashSet<string>> List = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Okr.Api.common-passwords.txt")
                           ?? throw new InvalidOperationException("The common-passwords list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        }

        return set;
    });

    public static bool IsCommon(string? password) => password is not null && List.Value.Contains(password);

    /// <summary>The validator rule: "… is one of the most common passwords".</summary>
    public static IRuleBuilderOptions<T, string> NotCommon<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(p => !IsCommon(p)).WithMessage("'{PropertyName}' is one of the most common passwords, the first an attacker tries: choose another.");
}
