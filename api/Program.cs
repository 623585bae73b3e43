using Okr.Api.Features;
using Okr.Api.Features.Imports;
using Okr.Api.Features.Notifications;
using Okr.Api.Features.Reminders;
using Okr.Api.Features.Webhooks;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Configuration;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.OpenApi;
using Okr.Api.Infrastructure.Persistence;
using Okr.Api.Infrastructure.Seeding;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddOkrEnvironmentVariables();

builder.Services.AddSingleton(TimeProvider.System);
// On SIGTERM the server stops accepting, finishes the requests it accepted (up to the drain, 30 s unless configured), then exits.
builder.Services.Configure<HostOptions>(options =>
    options.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Okr:ShutdownDrainSeconds", 30)));
builder.Services.AddOkrJson();
builder.Services.AddOkrErrors();
builder.Services.AddOkrPersistence(builder.Configuration);
builder.Services.AddOkrAuth(builder.Configuration);
builder.Services.AddOkrHardening(builder.Configuration);
builder.Services.AddOkrCompression();
builder.Services.AddOkrMediator();
builder.Services.AddOkrOpenApi();
builder.Services.AddOkrFeatures();
builder.Services.AddOkrStartup(builder.Configuration);
builder.Services.AddOkrImports(builder.Configuration);
builder.Services.AddOkrReminders(builder.Configuration);
builder.Services.AddOkrEvents(builder.Configuration);
builder.Services.AddOkrNotifications(builder.Configuration);

var app = builder.Build();

// Outermost, so that problem details written by the error handler are compressed as well.
app.UseOkrCompression();
app.UseOkrErrors();
app.UseOkrHardening();
app.UseIdempotencyBuffering();
app.UseOkrOpenApi();
app.UseOkrWebApp();
app.UseAuthentication();
app.UseAuthorization();
app.MapOkrApi();

await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
