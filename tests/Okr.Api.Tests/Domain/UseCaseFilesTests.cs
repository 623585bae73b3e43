using System.Text.RegularExpressions;

namespace Okr.Api.Tests.Domain;

/// <summary>Every use case is found by its operationId: the endpoint named "CreateObjective" lives in CreateObjective.cs.</summary>
public sealed partial class UseCaseFilesTests
{
    [GeneratedRegex("""\.Named\("(?<name>[A-Za-z]+)"\s*,""")]
    private static partial Regex NamedEndpoint();

    [Test]
    public void EveryOperationIdHasAFileOfItsName()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Okr.sln"))) root = root.Parent;
        Assert.That(root, Is.Not.Null, "the repository root (Okr.sln) was not found above the test folder");
        var features = Path.Combine(root!.FullName, "api", "Features");
        var files = Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories).ToList();
        var operations = files.SelectMany(f => NamedEndpoint().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value)).Distinct().ToList();
        var fileNames = files.Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.That(operations, Has.Count.GreaterThan(40), "the endpoints were not found");
        Assert.That(operations.Where(o => !fileNames.Contains(o)), Is.Empty, "operationIds without a file of the same name under api/Features");
    }
}
