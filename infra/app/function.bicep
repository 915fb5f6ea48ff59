// The Function app on Flex Consumption, running as its user-assigned identity. App settings use the
// managed-identity connection shape (Storage__BlobServiceUri, ServiceBus__FullyQualifiedNamespace, __ClientId) of
// Ssl.Cloud.Core's AzureClientFactory, and the host's own AzureWebJobsStorage__* shape: no keys.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string
param identityName string
param storageBlobEndpoint string
param deploymentContainerName string
param serviceBusNamespace string
param queueName string
@description('The pack queue: a dataset that becomes Ready is sent there (Pipeline__PackQueueName).')
param packQueueName string
param applicationInsightsConnectionString string

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${resourceToken}'
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storageBlobEndpoint }
        { name: 'Storage__BlobServiceUri', value: storageBlobEndpoint }
        { name: 'Storage__ClientId', value: identity.properties.clientId }
        { name: 'ServiceBus__FullyQualifiedNamespace', value: serviceBusNamespace }
        { name: 'ServiceBus__ClientId', value: identity.properties.clientId }
        { name: 'Pipeline__QueueName', value: queueName }
        { name: 'Pipeline__PackQueueName', value: packQueueName }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
      ]
    }
  }
}

output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
