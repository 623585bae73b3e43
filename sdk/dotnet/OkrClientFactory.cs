using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Okr.Client;

/// <summary>
/// Builds an <see cref="OkrApiClient"/> that signs in by itself: an API client's id and secret (created by an admin
/// under Admin → API clients, or POST /api/v1/api-clients) are exchanged for an access token with the OAuth 2.0
/// client-credentials grant (RFC 6749 section 4.4) at POST /api/v1/auth/token, and the token is renewed a minute
/// before it expires.
/// </summary>
public static class OkrClientFactory
{
    /// <summary>A client for the API at <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">Okr's address, e.g. https://okr.example.com (without /api/v1).</param>
    /// <param name="clientId">The API client's id (a UUID).</param>
    /// <param name="clientSecret">Its secret (okr_cs_…), shown once when the client was created.</param>
    /// <param name="httpClient">Optional: your own HttpClient (its handlers, timeouts); one is made otherwise.</param>
    public static OkrApiClient Create(Uri baseUrl, string clientId, string clientSecret, HttpClient? httpClient = null)
    {
        httpClient ??= KiotaClientFactory.Create();
        var tokens = new ClientCredentialsTokenProvider(baseUrl, clientId, clientSecret, httpClient);
        return Create(baseUrl, new BaseBearerTokenAuthenticationProvider(tokens), httpClient);
    }

    /// <summary>A client that sends a bearer token you already hold (a person's access token, say).</summary>
    public static OkrApiClient Create(Uri baseUrl, string accessToken, HttpClient? httpClient = null) =>
        Create(baseUrl, new BaseBearerTokenAuthenticationProvider(new StaticTokenProvider(accessToken)), httpClient);

    private static OkrApiClient Create(Uri baseUrl, IAuthenticationProvider auth, HttpClient? httpClient) =>
        new(new HttpClientRequestAdapter(auth, httpClient: httpClient ?? KiotaClientFactory.Create())
        {
            BaseUrl = baseUrl.ToString().TrimEnd('/'),
        });

    private sealed class StaticTokenProvider(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();
        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default) => Task.FromResult(token);
    }
}

/// <summary>
/// OAuth 2.0 client credentials against Okr's token endpoint; the token is cached and renewed 60 s before
/// <c>expires_in</c> runs out. Sends the credentials with HTTP Basic (RFC 6749 section 2.3.1).
/// </summary>
public sealed class ClientCredentialsTokenProvider(Uri baseUrl, string clientId, string clientSecret, HttpClient httpClient)
    : IAccessTokenProvider
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    /// <summary>Tokens go only to the API's own host.</summary>
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([baseUrl.Host]);

    /// <inheritdoc />
    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri)) return string.Empty;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && DateTimeOffset.UtcNow < _renewAt) return _token;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "api/v1/auth/token"))
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            // RFC 6749 section 2.3.1: id and secret are form-urlencoded before they are joined for Basic.
            var basic = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
            using var response = await httpClient.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            if (!response.IsSuccessStatusCode)
            {
                var error = json.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
                throw new HttpRequestException($"The token endpoint refused the client credentials ({(int)response.StatusCode} {error}).",
                    null, response.StatusCode);
            }
            _token = json.RootElement.GetProperty("access_token").GetString()!;
            _renewAt = DateTimeOffset.UtcNow.AddSeconds(Math.Max(0, json.RootElement.GetProperty("expires_in").GetInt32() - 60));
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
