// The pack job (issue 13): a CPU Container Apps Job on the pack queue, same image as the trainer, one execution per
// waiting pack request (`ssl worker --queue pack --once`): it packs a Ready dataset's accepted files into shards
// under datasets/{id}/packed/{res}/ before its first run. Its own identity (datasets and the pack queue only);
// KEDA's scaler uses the scaler identity, as on the trainer job. A killed pack is redelivered and resumes.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string
param identityName string
param scalerIdentityName string
param environmentName string
param registryLoginServer string
param storageBlobEndpoint string
param serviceBusNamespaceName string
param serviceBusNamespace string
param packQueueName string

@description('The trainer image (the pack job runs the same `ssl`); azd replaces it on deploy.')
param image string = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'

@description('Most packs at once.')
@minValue(1)
param maxPackers int = 2

@description('Longest one pack execution may run, in seconds; a pack cut short resumes on redelivery.')
@minValue(600)
@maxValue(86400)
param replicaTimeout int = 14400

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource scalerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: scalerIdentityName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' existing = {
  name: environmentName
}

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: 'caj-packer-${resourceToken}'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
      '${scalerIdentity.id}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      triggerType: 'Event'
      replicaTimeout: replicaTimeout
      // Retries come from Service Bus redelivery (maxDeliveryCount 10), not from the job.
      replicaRetryLimit: 0
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: maxPackers
          pollingInterval: 30
          rules: [
            {
              name: 'pack-queue'
              type: 'azure-servicebus'
              metadata: {
                queueName: packQueueName
                namespace: serviceBusNamespaceName
                messageCount: '1'
              }
              identity: scalerIdentity.id
            }
          ]
        }
      }
      registries: [
        { server: registryLoginServer, identity: identity.id }
      ]
    }
    template: {
      containers: [
        {
          name: 'packer'
          image: image
          args: [ 'worker', '--queue', 'pack', '--once' ]
          // Decoding is CPU work; 4 vCPU / 8 GiB is the largest Consumption size.
          resources: { cpu: json('4'), memory: '8Gi' }
          env: [
            { name: 'Storage__BlobServiceUri', value: storageBlobEndpoint }
            { name: 'Storage__ClientId', value: identity.properties.clientId }
            { name: 'ServiceBus__FullyQualifiedNamespace', value: serviceBusNamespace }
            { name: 'ServiceBus__ClientId', value: identity.properties.clientId }
            { name: 'ServiceBus__PackQueueName', value: packQueueName }
          ]
        }
      ]
    }
  }
}

output jobName string = job.name
