// The trainer: a Container Apps Job started by KEDA's azure-servicebus scaler, one execution per waiting
// message (one run per container), on a GPU workload profile when useGpu is set. Registry pulls and the
// scaler use the trainer's managed identity; the container gets the identity-based settings shape.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string
param identityId string
param identityClientId string
param logAnalyticsWorkspaceName string
param storageBlobEndpoint string
param serviceBusNamespaceName string
param serviceBusNamespace string
param queueName string

@description('Run the trainer on a serverless GPU workload profile instead of CPU consumption.')
param useGpu bool = false

@description('Serverless GPU profile type (Consumption-GPU-NC8as-T4 or Consumption-GPU-NC24-A100); regions vary.')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

@description('The trainer image; azd replaces it on deploy (trainer/Dockerfile).')
param image string = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'

@description('Most trainers at once (one run each).')
@minValue(1)
param maxTrainers int = 4

var gpuProfileName = 'gpu'
var cpuResources = { cpu: json('2'), memory: '4Gi' }
var gpuResources = gpuProfileType == 'Consumption-GPU-NC24-A100' ? { cpu: json('24'), memory: '220Gi' } : { cpu: json('8'), memory: '56Gi' }

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'cr${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: {
    adminUserEnabled: false
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-${resourceToken}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    workloadProfiles: concat([
      { name: 'Consumption', workloadProfileType: 'Consumption' }
    ], useGpu ? [
      { name: gpuProfileName, workloadProfileType: gpuProfileType }
    ] : [])
  }
}

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: 'caj-trainer-${resourceToken}'
  location: location
  tags: union(tags, { 'azd-service-name': 'trainer' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: useGpu ? gpuProfileName : 'Consumption'
    configuration: {
      triggerType: 'Event'
      // A run may take hours; the trainer checkpoints, so a replica that hits this resumes in the next one.
      replicaTimeout: 86400
      // Retries come from Service Bus redelivery (maxDeliveryCount 10), not from the job.
      replicaRetryLimit: 0
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: maxTrainers
          pollingInterval: 30
          rules: [
            {
              name: 'training-queue'
              type: 'azure-servicebus'
              metadata: {
                queueName: queueName
                namespace: serviceBusNamespaceName
                messageCount: '1'
              }
              identity: identityId
            }
          ]
        }
      }
      registries: [
        { server: registry.properties.loginServer, identity: identityId }
      ]
    }
    template: {
      containers: [
        {
          name: 'trainer'
          image: image
          args: [ 'worker' ]
          resources: useGpu ? gpuResources : cpuResources
          env: [
            { name: 'Storage__blobServiceUri', value: storageBlobEndpoint }
            { name: 'Storage__clientId', value: identityClientId }
            { name: 'ServiceBus__fullyQualifiedNamespace', value: serviceBusNamespace }
            { name: 'ServiceBus__clientId', value: identityClientId }
            { name: 'ServiceBus__QueueName', value: queueName }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
          ]
        }
      ]
    }
  }
}

output jobName string = job.name
output registryLoginServer string = registry.properties.loginServer
output registryName string = registry.name
output environmentName string = environment.name
