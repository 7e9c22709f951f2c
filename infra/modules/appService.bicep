// The one Node service: Linux App Service, Node 22 LTS, HTTPS only, TLS 1.2 at least, a
// system-assigned identity for Key Vault and Storage. Secrets appear only as Key Vault references.
param location string
param webAppName string
param sku string
param instanceCount int
param publicHost string
param tenantId string
param clientId string
param sharePointSiteId string
param mailSender string
param vaultName string
param appInsightsSecretName string
param leaseAccountUrl string
param leaseContainerName string
// Empty until the Teams app is uploaded; the service then links to the https address.
param teamsAppId string
// Empty: no proactive installs (a setup policy instead); no directory sync (the staff file import instead).
param teamsAppCatalogId string
param entraDirectoryGroups string
param tags object

var clientSecretName = 'm365-client-secret'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${webAppName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'npm run serve'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: [
        {
          name: 'HOST'
          value: '0.0.0.0'
        }
        {
          name: 'PUBLIC_URL'
          value: 'https://${publicHost}'
        }
        {
          name: 'DEMO_DATA'
          value: 'off'
        }
        {
          name: 'M365_TENANT_ID'
          value: tenantId
        }
        {
          name: 'M365_CLIENT_ID'
          value: clientId
        }
        {
          name: 'M365_CLIENT_SECRET'
          value: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${clientSecretName})'
        }
        {
          name: 'BOT_APP_ID'
          value: clientId
        }
        {
          name: 'SHAREPOINT_SITE_ID'
          value: sharePointSiteId
        }
        {
          name: 'MAIL_FROM'
          value: mailSender
        }
        {
          name: 'JOB_LEASE_ACCOUNT_URL'
          value: leaseAccountUrl
        }
        {
          name: 'JOB_LEASE_CONTAINER'
          value: leaseContainerName
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        {
          name: 'TEAMS_APP_CATALOG_ID'
          value: teamsAppCatalogId
        }
        {
          name: 'ENTRA_DIRECTORY_GROUPS'
          value: entraDirectoryGroups
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${appInsightsSecretName})'
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
      ]
    }
  }
}

// No FTP or basic-auth deployment: deploy with Entra credentials (az webapp deploy).
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output principalId string = site.identity.principalId
output defaultHostName string = site.properties.defaultHostName
