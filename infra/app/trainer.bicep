// The trainer: a Container Apps Job started by KEDA's azure-servicebus scaler, one execution per waiting
// message (one run per container, `ssl worker --once`), on a GPU workload profile when useGpu is set. The code and
// registry pulls use the trainer identity; the scaler its own (it needs Manage on the queue). The container gets
// the identity-based settings shape of Ssl.Cloud.Core's AzureClientFactory. infra/README.md: why these numbers.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string
param identityName string
param scalerIdentityName string
param logAnalyticsWorkspaceName string
@description('The Container Apps environment this module creates; the pack job runs in it too.')
param environmentName string
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

@description('Longest one execution may run, in seconds (the platform then stops the replica).')
@minValue(1200)
@maxValue(86400)
param replicaTimeout int = 14400

// The worker stops training at this deadline, checkpoints, releases the lease, gives its message back and exits 0;
// the next execution resumes the run. Ten minutes under replicaTimeout: room for the checkpoint upload and the
// grace period. tests/Ssl.Cloud.Infra.Tests checks the two against each other and the worker's GracePeriod.
@description('Worker__Deadline, a TimeSpan (hh:mm:ss) below replicaTimeout.')
param workerDeadline string = '03:50:00'

var gpuProfileName = 'gpu'
var cpuResources = { cpu: json('2'), memory: '4Gi' }
var gpuResources = gpuProfileType == 'Consumption-GPU-NC24-A100' ? { cpu: json('24'), memory: '220Gi' } : { cpu: json('8'), memory: '56Gi' }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource scalerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: scalerIdentityName
}

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
  name: environmentName
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
    userAssignedIdentities: {
      '${identity.id}': {}
      '${scalerIdentity.id}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: useGpu ? gpuProfileName : 'Consumption'
    configuration: {
      triggerType: 'Event'
      // The worker checkpoints and exits at Worker__Deadline, before this; the next execution resumes the run.
      replicaTimeout: replicaTimeout
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
              identity: scalerIdentity.id
            }
          ]
        }
      }
      registries: [
        { server: registry.properties.loginServer, identity: identity.id }
      ]
    }
    template: {
      containers: [
        {
          name: 'trainer'
          image: image
          // One message to an end state, settle it, exit 0; an empty queue exits 0 too (DESIGN.md §3, step 5).
          args: [ 'worker', '--once' ]
          resources: useGpu ? gpuResources : cpuResources
          env: [
            { name: 'Storage__BlobServiceUri', value: storageBlobEndpoint }
            { name: 'Storage__ClientId', value: identity.properties.clientId }
            { name: 'ServiceBus__FullyQualifiedNamespace', value: serviceBusNamespace }
            { name: 'ServiceBus__ClientId', value: identity.properties.clientId }
            { name: 'ServiceBus__QueueName', value: queueName }
            { name: 'Worker__Deadline', value: workerDeadline }
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
