// Parameters for infra/main.bicep. Replace the placeholders with the council's values;
// nothing here is secret (secrets go into Key Vault, see infra/README.md).
using './main.bicep'

param location = 'uksouth'
param namePrefix = 'practice-audit'
param clientId = '00000000-0000-0000-0000-000000000000'
param sharePointSiteId = 'council.sharepoint.com,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000'
param mailSender = 'practice-audit@council.example'
param publicHost = ''
param teamsAppId = ''
param teamsAppCatalogId = ''
param entraDirectoryGroups = ''
param appServiceSku = 'P0v3'
param instanceCount = 1
param botSku = 'F0'
param telemetryRetentionDays = 90
