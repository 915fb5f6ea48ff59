// One storage account (DESIGN.md §3): containers datasets, runs, schedules, the Functions host's two
// (AzureWebJobsStorage) and the Function app's deployment package container, all created here so that roles can
// be granted per container. Shared keys are off: every caller uses its managed identity, and SAS links are
// user-delegation SAS. CORS lets a browser upload with those links.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string
param deploymentContainerName string

@description('Browser origins allowed to upload and download with SAS links (e.g. https://app.example.com); empty for none.')
param corsAllowedOrigins array = []

var containerNames = [
  'datasets'
  'runs'
  'schedules'
  'azure-webjobs-hosts'
  'azure-webjobs-secrets'
  deploymentContainerName
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Browsers and the ssl CLI upload straight to blob with the SAS links; no firewall rules in this template.
    publicNetworkAccess: 'Enabled'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 7 }
    containerDeleteRetentionPolicy: { enabled: true, days: 7 }
    // SAS uploads are Put Blob / Put Block / Put Block List; downloads GET; the SDKs read x-ms-* headers back.
    cors: {
      corsRules: empty(corsAllowedOrigins) ? [] : [
        {
          allowedOrigins: corsAllowedOrigins
          allowedMethods: [ 'GET', 'HEAD', 'PUT', 'OPTIONS' ]
          allowedHeaders: [ '*' ]
          exposedHeaders: [ '*' ]
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for name in containerNames: {
  parent: blobs
  name: name
  properties: { publicAccess: 'None' }
}]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
