# Okr: the API with the built web app on one origin. Used by docker-compose.yml.
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY openapi.yaml /src/openapi.yaml
COPY web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS api
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY api/Okr.Api.csproj api/
RUN dotnet restore api/Okr.Api.csproj
COPY api/ api/
RUN dotnet publish api/Okr.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=api /app .
COPY --from=web /src/web/dist ./wwwroot
ENV ASPNETCORE_URLS=http://+:8080 \
    OKR_WEB_ROOT=/app/wwwroot \
    OKR_SIGNING_KEY_FILE=/data/signing-key
RUN mkdir -p /data && chown app /data
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "Okr.Api.dll"]
