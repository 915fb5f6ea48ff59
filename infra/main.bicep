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

@description('Run the trainer on a serverless GPU workload profile (azd env set SSL_USE_GPU true). Off by default: GPU profiles need quota and a region that offers them (infra/README.md).')
param useGpu bool = false

@description('Serverless GPU profile type for the trainer (azd env set SSL_GPU_PROFILE ...).')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('Trainer image: azd sets SERVICE_TRAINER_IMAGE_NAME after its first deploy, so a later provision keeps it.')
param trainerImage string = ''

@description('Comma-separated browser origins allowed to use SAS upload and download links (azd env set SSL_CORS_ORIGINS https://app.example.com); empty for none.')
param corsAllowedOrigins string = ''

var tags = { 'azd-env-name': environmentName }
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
// Before the first `azd deploy` there is no trainer image yet; the quickstart image holds the job's place.
var placeholderImage = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'
var queueName = 'training'
var packQueueName = 'pack'
var deploymentContainerName = 'app-package-${resourceToken}'
// Names known before deployment, so that role assignment names and existing references do not wait on outputs.
var names = {
  logAnalytics: 'log-${resourceToken}'
  storage: 'st${resourceToken}'
  serviceBus: 'sb-${resourceToken}'
  registry: 'cr${resourceToken}'
  environment: 'cae-${resourceToken}'
}
// One identity per principal with its own rights (app/roles.bicep).
var identityNames = {
  function: 'id-func-${resourceToken}'
  trainer: 'id-trainer-${resourceToken}'
  scaler: 'id-scaler-${resourceToken}'
  packer: 'id-packer-${resourceToken}'
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
  params: { location: location, tags: tags, identityNames: identityNames }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    deploymentContainerName: deploymentContainerName
    corsAllowedOrigins: empty(corsAllowedOrigins) ? [] : map(split(corsAllowedOrigins, ','), origin => trim(origin))
  }
}

module serviceBus 'app/servicebus.bicep' = {
  name: 'servicebus'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    queueName: queueName
    packQueueName: packQueueName
  }
}

module trainer 'app/trainer.bicep' = {
  name: 'trainer'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    identityName: identityNames.trainer
    scalerIdentityName: identityNames.scaler
    logAnalyticsWorkspaceName: names.logAnalytics
    environmentName: names.environment
    storageBlobEndpoint: storage.outputs.blobEndpoint
    serviceBusNamespaceName: serviceBus.outputs.name
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    queueName: serviceBus.outputs.queueName
    useGpu: useGpu
    gpuProfileType: gpuProfileType
    image: empty(trainerImage) ? placeholderImage : trainerImage
  }
  dependsOn: [monitoring, identities]
}

module packer 'app/packer.bicep' = {
  name: 'packer'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    identityName: identityNames.packer
    scalerIdentityName: identityNames.scaler
    environmentName: names.environment
    registryLoginServer: trainer.outputs.registryLoginServer
    storageBlobEndpoint: storage.outputs.blobEndpoint
    serviceBusNamespaceName: serviceBus.outputs.name
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    packQueueName: serviceBus.outputs.packQueueName
    image: empty(trainerImage) ? placeholderImage : trainerImage
  }
  // The Container Apps environment and the registry are the trainer module's (its output orders the two).
  dependsOn: [identities]
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: group
  params: {
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    registryName: names.registry
    queueName: queueName
    packQueueName: packQueueName
    deploymentContainerName: deploymentContainerName
    identityNames: identityNames
    userPrincipalId: principalId
  }
  dependsOn: [storage, serviceBus, trainer, packer, identities]
}

module functions 'app/function.bicep' = {
  name: 'functions'
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    identityName: identityNames.function
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    queueName: serviceBus.outputs.queueName
    packQueueName: serviceBus.outputs.packQueueName
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
output FUNCTIONS_APP_NAME string = functions.outputs.name
output TRAINER_JOB_NAME string = trainer.outputs.jobName
output PACKER_JOB_NAME string = packer.outputs.jobName
