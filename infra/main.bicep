// Practice Audit on Azure: App Service (Linux, Node 22 LTS), Azure Bot with the Teams channel,
// Key Vault for secrets, Application Insights, and Storage for the job lease. UK South by default.
// Deploy: az deployment group create -g <resource group> -f infra/main.bicep -p infra/main.bicepparam
targetScope = 'resourceGroup'

@description('Azure region for everything except the bot registration (which is global). Keep it in the UK unless the council decides otherwise.')
param location string = 'uksouth'

@description('Short prefix for resource names (lower case letters, digits and hyphens).')
@minLength(3)
@maxLength(16)
param namePrefix string = 'practice-audit'

@description('The Entra tenant the app and its users belong to.')
param tenantId string = subscription().tenantId

@description('Application (client) id of the Entra app registration made by infra/entra/register-app.sh: SSO, Graph, and the bot.')
param clientId string

@description('The SharePoint site that holds the audit lists (Graph site id: host,site-collection-id,web-id).')
param sharePointSiteId string

@description('The service mailbox e-mails are sent from (restricted by an application access policy).')
param mailSender string

@description('Public host name of the service. Empty: the web app default name (<name>.azurewebsites.net).')
param publicHost string = ''

@description('The App ID Teams admin centre shows for Practice Audit once uploaded (step 8 of infra/README.md): links on cards and in e-mails open the tab inside Teams. Empty until then.')
param teamsAppId string = ''

@description('The catalogue id of the uploaded app, to let the service install it for people it cannot reach (Graph, TeamsAppInstallation.ReadWriteSelfForUser.All). Empty: a setup policy installs it instead.')
param teamsAppCatalogId string = ''

@description('Which Entra groups give job roles and teams, as JSON (README "Staff from Entra groups"). Empty: staff come from the staff file import.')
param entraDirectoryGroups string = ''

@description('App Service plan size. P0v3 is the smallest that suits production (always on, zone choices); B1 for a trial.')
param appServiceSku string = 'P0v3'

@description('Instances of the service. More than one is safe: jobs and the dispatcher run on the lease holder only.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams are free) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Days Application Insights keeps telemetry.')
@minValue(30)
@maxValue(730)
param telemetryRetentionDays int = 90

param tags object = {
  application: 'practice-audit'
}

var suffix = uniqueString(resourceGroup().id)
var webAppName = '${namePrefix}-${suffix}'
var host = empty(publicHost) ? '${webAppName}.azurewebsites.net' : publicHost

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: namePrefix
    retentionDays: telemetryRetentionDays
    tags: tags
  }
}

module vault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    vaultName: take('kv-${replace(namePrefix, '-', '')}-${suffix}', 24)
    tenantId: tenantId
    appInsightsName: monitoring.outputs.appInsightsName
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: take('st${replace(namePrefix, '-', '')}${suffix}', 24)
    tags: tags
  }
}

module web 'modules/appService.bicep' = {
  name: 'appService'
  params: {
    location: location
    webAppName: webAppName
    sku: appServiceSku
    instanceCount: instanceCount
    publicHost: host
    tenantId: tenantId
    clientId: clientId
    sharePointSiteId: sharePointSiteId
    mailSender: mailSender
    vaultName: vault.outputs.vaultName
    appInsightsSecretName: vault.outputs.appInsightsSecretName
    leaseAccountUrl: storage.outputs.blobEndpoint
    leaseContainerName: storage.outputs.leaseContainerName
    teamsAppId: teamsAppId
    teamsAppCatalogId: teamsAppCatalogId
    entraDirectoryGroups: entraDirectoryGroups
    tags: tags
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    principalId: web.outputs.principalId
    vaultName: vault.outputs.vaultName
    storageAccountName: storage.outputs.accountName
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    botName: '${namePrefix}-bot-${suffix}'
    sku: botSku
    clientId: clientId
    tenantId: tenantId
    messagingEndpoint: 'https://${host}/api/messages'
    tags: tags
  }
}

output serviceHost string = host
output webAppName string = webAppName
output keyVaultName string = vault.outputs.vaultName
output botName string = bot.outputs.botName
