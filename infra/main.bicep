// Ssl.Cloud on Azure (DESIGN.md §3-4): `azd up`. Local modules only (registry modules cannot be fetched offline).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Region of every resource.')
param location string

@description('Signed-in user to grant data-plane access (azd sets AZURE_PRINCIPAL_ID); empty for none.')
param principalId string = ''

@description('Run the trainer on a serverless GPU workload profile.')
param useGpu bool = false

@description('Serverless GPU profile type for the trainer.')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('Trainer image (azd sets it on deploy).')
param trainerImage string = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'

var tags = { 'azd-env-name': environmentName }
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var queueName = 'training'
var deploymentContainerName = 'app-package-${resourceToken}'
// Names known before deployment, so that role assignment names and existing references do not wait on outputs.
var names = {
  logAnalytics: 'log-${resourceToken}'
  storage: 'st${resourceToken}'
  serviceBus: 'sb-${resourceToken}'
  registry: 'cr${resourceToken}'
  functionIdentity: 'id-func-${resourceToken}'
  trainerIdentity: 'id-trainer-${resourceToken}'
}

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: { location: location, tags: tags, resourceToken: resourceToken }
}

module identities 'app/identities.bicep' = {
  name: 'identities'
  scope: group
  params: { location: location, tags: tags, functionIdentityName: names.functionIdentity, trainerIdentityName: names.trainerIdentity }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: group
  params: { location: location, tags: tags, resourceToken: resourceToken, deploymentContainerName: deploymentContainerName }
}

module serviceBus 'app/servicebus.bicep' = {
  name: 'servicebus'
  scope: group
  params: { location: location, tags: tags, resourceToken: resourceToken, queueName: queueName }
}

module trainer 'app/trainer.bicep' = {
  name: 'trainer'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    identityId: identities.outputs.trainerIdentityId
    identityClientId: identities.outputs.trainerClientId
    logAnalyticsWorkspaceName: names.logAnalytics
    storageBlobEndpoint: storage.outputs.blobEndpoint
    serviceBusNamespaceName: serviceBus.outputs.name
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    queueName: serviceBus.outputs.queueName
    useGpu: useGpu
    gpuProfileType: gpuProfileType
    image: trainerImage
  }
  dependsOn: [monitoring]
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: group
  params: {
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    registryName: names.registry
    functionIdentityName: names.functionIdentity
    trainerIdentityName: names.trainerIdentity
    userPrincipalId: principalId
  }
  dependsOn: [storage, serviceBus, trainer, identities]
}

module functions 'app/function.bicep' = {
  name: 'functions'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    identityId: identities.outputs.functionIdentityId
    identityClientId: identities.outputs.functionClientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    queueName: serviceBus.outputs.queueName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
  }
  // The host reads its deployment package and AzureWebJobsStorage as the identity from its first start.
  dependsOn: [roles]
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = trainer.outputs.registryLoginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = trainer.outputs.environmentName
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output FUNCTIONS_URI string = functions.outputs.uri
output TRAINER_JOB_NAME string = trainer.outputs.jobName
