// patbot on Azure, one resource group:
//   App Service on Linux (Node 22, code deployment) + user-assigned managed identity
//   Azure Bot (single-tenant) with the Microsoft Teams channel
//   Key Vault (RBAC) holding every secret, read by the app through Key Vault references
//   Log Analytics workspace + Application Insights
//   PostgreSQL flexible server only when scaleOut is true (otherwise SQLite on /home/data)
// docs/deploy.md explains the choices and how to deploy with az CLI or the Agents Toolkit.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Base name for the resources: lower-case letters, digits and hyphens.')
@minLength(3)
@maxLength(20)
param resourceBaseName string

@description('Region of the regional resources (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('Entra tenant of the bot and of the people who use it (BOT_TENANT_ID).')
param tenantId string = tenant().tenantId

@description('BOT_ID: client id of the single-tenant bot app registration.')
@minLength(36)
@maxLength(36)
param botAadAppClientId string

@description('BOT_PASSWORD: client secret of the bot app registration.')
@secure()
param botAadAppClientSecret string

@description('Display name of the Azure Bot resource.')
param botDisplayName string = 'patbot'

@description('Azure Bot pricing tier; Teams is a standard channel, so F0 is enough.')
@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('AAD_APP_CLIENT_ID: the Entra app that exposes api://botid-{BOT_ID} (Teams SSO) and holds the Azure DevOps delegated permissions.')
@minLength(36)
@maxLength(36)
param aadAppClientId string

@description('AAD_APP_CLIENT_SECRET: client secret of that app (on-behalf-of and Slack account linking).')
@secure()
param aadAppClientSecret string

@description('AAD_APP_TENANT_ID')
param aadAppTenantId string = tenantId

@description('AAD_APP_OAUTH_AUTHORITY_HOST: the Entra sign-in host of this cloud.')
param aadAppOauthAuthorityHost string = environment().authentication.loginEndpoint

@description('ADO_ORGANIZATIONS: comma-separated Azure DevOps organisation names (may be empty).')
param adoOrganizations string = ''

@description('SLACK_SIGNING_SECRET; leave empty (with slackBotToken) to run without Slack.')
@secure()
param slackSigningSecret string = ''

@description('SLACK_BOT_TOKEN (xoxb-...); leave empty (with slackSigningSecret) to run without Slack.')
@secure()
param slackBotToken string = ''

@description('TOKEN_CACHE_KEY: 32 random bytes, base64 (44 characters) or hex (64), that encrypt the token cache at rest.')
@secure()
@minLength(44)
@maxLength(64)
param tokenCacheKey string

@description('TOKEN_CACHE_KEY_PREVIOUS: the key being rotated out (empty when not rotating).')
@secure()
param tokenCacheKeyPrevious string = ''

@description('LOG_LEVEL')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

@description('App Service plan SKU (Basic or higher: Always On is required for the reminder scheduler).')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'B1'

@description('false: one instance, SQLite on App Service persistent storage. true: PostgreSQL flexible server and instanceCount instances.')
param scaleOut bool = false

@description('Number of instances when scaleOut is true: at least 2 (always 1 with SQLite).')
@minValue(2)
@maxValue(10)
param instanceCount int = 2

@description('PostgreSQL administrator login (scaleOut only).')
param postgresAdminLogin string = 'patbot'

@description('PostgreSQL administrator password (scaleOut only; required then).')
@secure()
param postgresAdminPassword string = ''

@description('Tags applied to every resource.')
param tags object = {}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var baseName = toLower(resourceBaseName)
var suffix = uniqueString(resourceGroup().id, baseName)
var webAppName = '${baseName}-${suffix}'
var botServiceName = '${baseName}-bot-${suffix}'
var keyVaultName = 'kv${suffix}'
var postgresServerName = '${baseName}-pg-${suffix}'
var postgresDatabaseName = 'patbot'

// The Agents Toolkit leaves a ${{VAR}} placeholder as it is when VAR is empty: treat such a
// value of an optional parameter as "not set" instead of deploying the placeholder text.
var placeholderStart = '\${{'
var slackSigningSecretValue = startsWith(slackSigningSecret, placeholderStart) ? '' : slackSigningSecret
var slackBotTokenValue = startsWith(slackBotToken, placeholderStart) ? '' : slackBotToken
var tokenCacheKeyPreviousValue = startsWith(tokenCacheKeyPrevious, placeholderStart) ? '' : tokenCacheKeyPrevious
var adoOrganizationsValue = startsWith(adoOrganizations, placeholderStart) ? '' : adoOrganizations
var postgresAdminPasswordValue = startsWith(postgresAdminPassword, placeholderStart) ? '' : postgresAdminPassword
var slackEnabled = !empty(slackSigningSecretValue) && !empty(slackBotTokenValue)
var rotatingCacheKey = !empty(tokenCacheKeyPreviousValue)

// Built-in role "Key Vault Secrets User": read secret contents.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------------------------------------
// Identity and monitoring
// ---------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-identity'
  location: location
  tags: tags
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${baseName}-logs-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-appi-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// ---------------------------------------------------------------------------------------------
// Key Vault and secrets
// ---------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
    contentType: 'BOT_PASSWORD'
  }
}

resource aadAppClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
    contentType: 'AAD_APP_CLIENT_SECRET'
  }
}

resource tokenCacheKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'token-cache-key'
  properties: {
    value: tokenCacheKey
    contentType: 'TOKEN_CACHE_KEY'
  }
}

resource tokenCacheKeyPreviousSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (rotatingCacheKey) {
  parent: keyVault
  name: 'token-cache-key-previous'
  properties: {
    value: tokenCacheKeyPreviousValue
    contentType: 'TOKEN_CACHE_KEY_PREVIOUS'
  }
}

resource slackSigningSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (slackEnabled) {
  parent: keyVault
  name: 'slack-signing-secret'
  properties: {
    value: slackSigningSecretValue
    contentType: 'SLACK_SIGNING_SECRET'
  }
}

resource slackBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (slackEnabled) {
  parent: keyVault
  name: 'slack-bot-token'
  properties: {
    value: slackBotTokenValue
    contentType: 'SLACK_BOT_TOKEN'
  }
}

// The app's identity may read secrets, nothing else.
resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL (scaleOut only)
// ---------------------------------------------------------------------------------------------

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = if (scaleOut) {
  name: postgresServerName
  location: location
  tags: tags
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPasswordValue
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = if (scaleOut) {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Azure's default, made explicit: patbot connects with sslmode=require and the server refuses plain TCP.
resource postgresRequireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = if (scaleOut) {
  parent: postgres
  name: 'require_secure_transport'
  properties: {
    value: 'on'
    source: 'user-override'
  }
}

// 0.0.0.0-0.0.0.0 is Azure's rule for "connections from Azure services" (the App Service outbound IPs).
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = if (scaleOut) {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

// The connection string carries the password, so it is a secret too.
resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (scaleOut) {
  parent: keyVault
  name: 'database-url'
  properties: {
    value: scaleOut ? 'postgres://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPasswordValue)}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabaseName}?sslmode=require' : ''
    contentType: 'DATABASE_URL'
  }
}

// ---------------------------------------------------------------------------------------------
// App Service (Linux, Node 22)
// ---------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    // SQLite is one file on one instance: more than one only with PostgreSQL.
    capacity: scaleOut ? instanceCount : 1
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references resolve with the user-assigned identity, not a system one.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/main.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      // Liveness: an instance whose process does not answer is taken out and replaced.
      healthCheckPath: '/healthz'
    }
  }
}

var publicBaseUrl = 'https://${webApp.properties.defaultHostName}'

var coreSettings = {
  BOT_ID: botAadAppClientId
  BOT_PASSWORD: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
  BOT_TENANT_ID: tenantId
  BOT_TYPE: 'SingleTenant'
  AAD_APP_CLIENT_ID: aadAppClientId
  AAD_APP_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${aadAppClientSecretSecret.properties.secretUri})'
  AAD_APP_TENANT_ID: aadAppTenantId
  AAD_APP_OAUTH_AUTHORITY_HOST: aadAppOauthAuthorityHost
  ADO_ORGANIZATIONS: adoOrganizationsValue
  PUBLIC_BASE_URL: publicBaseUrl
  TOKEN_CACHE_KEY: '@Microsoft.KeyVault(SecretUri=${tokenCacheKeySecret.properties.secretUri})'
  DATABASE_URL: scaleOut ? '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})' : 'sqlite:/home/data/patbot.db'
  // Burstable B1ms accepts ~35 user connections: all instances' pools together stay under 30.
  DATABASE_POOL_MAX: string(scaleOut ? max(2, 30 / instanceCount) : 10)
  // /home is the App Service persistent share: the SQLite file survives restarts and deployments.
  WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'true'
  // Oryx runs npm install + npm run build on Linux, so better-sqlite3 is compiled for the host.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  SANDBOX: '0'
  LOG_LEVEL: logLevel
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
}

var slackSettings = slackEnabled ? {
  SLACK_SIGNING_SECRET: '@Microsoft.KeyVault(SecretUri=${slackSigningSecretSecret.properties.secretUri})'
  SLACK_BOT_TOKEN: '@Microsoft.KeyVault(SecretUri=${slackBotTokenSecret.properties.secretUri})'
} : {}

var rotationSettings = rotatingCacheKey ? {
  TOKEN_CACHE_KEY_PREVIOUS: '@Microsoft.KeyVault(SecretUri=${tokenCacheKeyPreviousSecret.properties.secretUri})'
} : {}

// Separate from the site so PUBLIC_BASE_URL can use the site's own host name, and so the
// settings are written only after the identity may read the vault.
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: union(coreSettings, slackSettings, rotationSettings)
  dependsOn: [
    keyVaultSecretsUser
  ]
}

resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: keyVault
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot (single-tenant) + Microsoft Teams channel
// ---------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: '${publicBaseUrl}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs (the Agents Toolkit writes each one to env/.env.{env} under the same name)
// ---------------------------------------------------------------------------------------------

@description('Resource id for azureAppService/zipDeploy.')
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id

@description('Public host name: Teams manifest validDomains.')
output BOT_DOMAIN string = webApp.properties.defaultHostName

@description('Public https origin; the BOT_ENDPOINT placeholder of deploy/entra/aad.manifest.json.')
output BOT_ENDPOINT string = publicBaseUrl

@description('PUBLIC_BASE_URL of the app; npm run manifest fills the Slack manifest from it.')
output PUBLIC_BASE_URL string = publicBaseUrl

@description('Azure Bot messaging endpoint.')
output BOT_MESSAGING_ENDPOINT string = '${publicBaseUrl}/api/messages'

@description('Slack manifest: event subscriptions, interactivity and slash-command request URL.')
output SLACK_REQUEST_URL string = '${publicBaseUrl}/slack/events'

@description('Entra web redirect URI for the Teams sign-in fallback page.')
output AUTH_END_URL string = '${publicBaseUrl}/auth-end.html'

@description('Entra web redirect URI for Slack account linking.')
output AUTH_CALLBACK_URL string = '${publicBaseUrl}/auth/callback'

@description('Teams manifest webApplicationInfo.resource.')
output AAD_APP_ID_URI string = 'api://botid-${botAadAppClientId}'

output AZURE_BOT_NAME string = bot.name
output KEY_VAULT_NAME string = keyVault.name
output WEB_APP_NAME string = webApp.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output DATABASE_KIND string = scaleOut ? 'postgres' : 'sqlite'
