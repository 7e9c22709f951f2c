// Azure Bot: single-tenant, messaging endpoint on the service, Teams channel only. No bot
// analytics key: those logs could carry message text.
param botName string
param sku string
param clientId string
param tenantId string
param messagingEndpoint string
param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  // Bot registrations are global; messages are processed by the service in the chosen region.
  location: 'global'
  kind: 'azurebot'
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    displayName: 'Practice Audit'
    endpoint: messagingEndpoint
    msaAppId: clientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    schemaTransformationVersion: '1.3'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
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

output botName string = bot.name
