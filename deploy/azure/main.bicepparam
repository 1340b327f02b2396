// Parameters for deploying main.bicep with the Azure CLI (az deployment group create
// --parameters deploy/azure/main.bicepparam); values come from the shell environment, using
// the same variable names as the Agents Toolkit env files. See docs/deploy.md.
using './main.bicep'

param resourceBaseName = readEnvironmentVariable('RESOURCE_BASE_NAME', 'patbot')
param botAadAppClientId = readEnvironmentVariable('BOT_ID')
param botAadAppClientSecret = readEnvironmentVariable('SECRET_BOT_PASSWORD')
param aadAppClientId = readEnvironmentVariable('AAD_APP_CLIENT_ID')
param aadAppClientSecret = readEnvironmentVariable('SECRET_AAD_APP_CLIENT_SECRET')
param aadAppTenantId = readEnvironmentVariable('AAD_APP_TENANT_ID')
param adoOrganizations = readEnvironmentVariable('ADO_ORGANIZATIONS', '')
param slackSigningSecret = readEnvironmentVariable('SECRET_SLACK_SIGNING_SECRET', '')
param slackBotToken = readEnvironmentVariable('SECRET_SLACK_BOT_TOKEN', '')
param tokenCacheKey = readEnvironmentVariable('SECRET_TOKEN_CACHE_KEY')
param tokenCacheKeyPrevious = readEnvironmentVariable('SECRET_TOKEN_CACHE_KEY_PREVIOUS', '')
param appServiceSku = readEnvironmentVariable('APP_SERVICE_SKU', 'B1')
param scaleOut = bool(readEnvironmentVariable('SCALE_OUT', 'false'))
param postgresAdminPassword = readEnvironmentVariable('SECRET_POSTGRES_ADMIN_PASSWORD', '')
