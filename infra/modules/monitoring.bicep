// Log Analytics + workspace-based Application Insights. The service sends ids, counts and
// timings only: no names, no case text, no tokens (its logger and error handlers log ids).
param location string
param namePrefix string
param retentionDays int
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights'
  location: location
  kind: 'web'
  tags: tags
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Client IP addresses are masked (the default); keep it so.
    DisableIpMasking: false
    RetentionInDays: retentionDays
  }
}

output appInsightsName string = appInsights.name
