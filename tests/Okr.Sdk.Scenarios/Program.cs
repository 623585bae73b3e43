// The SDK scenarios of `make test`: an integrator's journey with each generated C# client, against a live API.
// usage: Okr.Sdk.Scenarios <kiota|nswag> <base URL> <admin email> <admin password>
// Prints one line per step and "scenario <client>: passed" or "scenario <client>: FAILED — why"; exit code 0 or 1.
using Okr.Sdk.Scenarios;

if (args.Length != 4 || args[0] is not ("kiota" or "nswag"))
{
    Console.Error.WriteLine("usage: Okr.Sdk.Scenarios <kiota|nswag> <base URL> <admin email> <admin password>");
    return 2;
}
var journey = new Journey(new Uri(args[1]), args[2], args[3]);
try
{
    await (args[0] == "kiota" ? KiotaScenario.RunAsync(journey) : NSwagScenario.RunAsync(journey));
    Console.WriteLine($"scenario {args[0]}: passed");
    return 0;
}
catch (Exception e)
{
    Console.WriteLine($"scenario {args[0]}: FAILED — {e.Message}");
    if (journey.Recorder.LastRefusal is { } refusal) Console.WriteLine($"  last refusal: {refusal}");
    Console.Error.WriteLine(e);
    return 1;
}
