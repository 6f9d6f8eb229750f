# TnAcme: build with the .NET SDK, run on the ASP.NET runtime image.
# (Not buildable on the development machines, which have no Docker engine; kept in step with the README.)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/TnAcme.Cli/TnAcme.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends softhsm2 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home-dir /var/lib/tnacme --create-home tnacme
COPY --from=build /app /opt/tnacme
USER tnacme
ENV TNACME_DATA_DIR=/var/lib/tnacme TNACME_CONFIG_DIR=/opt/tnacme/ca-config
VOLUME /var/lib/tnacme
ENTRYPOINT ["dotnet", "/opt/tnacme/tnacme.dll"]
CMD ["--help"]
