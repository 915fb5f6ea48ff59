// Data-plane RBAC, least privilege: no keys anywhere, blob rights per container, Service Bus rights per queue.
// The grants are data (below); infra/README.md has the same table with the code path behind each row, and
// tests/Ssl.Cloud.Infra.Tests checks these grants against the roles the apps' code paths need.
param storageAccountName string
param serviceBusNamespaceName string
param queueName string
param packQueueName string
param registryName string

@description('Identity names by role in the app: function, trainer, scaler, packer.')
param identityNames object

@description('A person who should run the ssl operator verbs (azd sets the signed-in user); empty for none.')
param userPrincipalId string = ''

// Built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}

// The Functions host keeps its keys and timer locks in these containers (AzureWebJobsStorage); infra creates them
// so that a container-scoped grant can cover them.
var containerGrants = [
  { identity: 'function', role: 'storageBlobDataContributor', container: 'datasets' }
  { identity: 'function', role: 'storageBlobDataContributor', container: 'runs' }
  { identity: 'function', role: 'storageBlobDataContributor', container: 'schedules' }
  { identity: 'function', role: 'storageBlobDataContributor', container: 'azure-webjobs-hosts' }
  { identity: 'function', role: 'storageBlobDataContributor', container: 'azure-webjobs-secrets' }
  { identity: 'trainer', role: 'storageBlobDataContributor', container: 'datasets' }
  { identity: 'trainer', role: 'storageBlobDataContributor', container: 'runs' }
  { identity: 'packer', role: 'storageBlobDataContributor', container: 'datasets' }
]

// A user delegation key (for SAS links) is an account-level action; Storage Blob Delegator holds only that.
var accountGrants = [
  { identity: 'function', role: 'storageBlobDelegator' }
]

// Each grant names its queue: training (runs) or pack (pack requests).
var queueGrants = [
  { identity: 'function', role: 'serviceBusDataSender', queue: queueName }
  { identity: 'trainer', role: 'serviceBusDataReceiver', queue: queueName }
  // KEDA reads the queue's message count through the management API, which needs Manage (kedacore/keda#806).
  { identity: 'scaler', role: 'serviceBusDataOwner', queue: queueName }
  { identity: 'function', role: 'serviceBusDataSender', queue: packQueueName }
  { identity: 'packer', role: 'serviceBusDataReceiver', queue: packQueueName }
  { identity: 'scaler', role: 'serviceBusDataOwner', queue: packQueueName }
]

var registryGrants = [
  { identity: 'trainer', role: 'acrPull' }
  { identity: 'packer', role: 'acrPull' }
]

@description('The deployment package container of the Function app (Flex Consumption reads it as the identity).')
param deploymentContainerName string

var allContainerGrants = concat(containerGrants, [
  { identity: 'function', role: 'storageBlobDataContributor', container: deploymentContainerName }
])

var userContainers = [
  'datasets'
  'runs'
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [for grant in allContainerGrants: {
  parent: storage::blobService
  name: grant.container
}]

resource userContainerScopes 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [for name in userContainers: {
  parent: storage::blobService
  name: name
}]

resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: serviceBusNamespaceName

  resource queue 'queues' existing = {
    name: queueName
  }
}

resource grantQueues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' existing = [for grant in queueGrants: {
  parent: bus
  name: grant.queue
}]

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource containerIdentities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = [for grant in allContainerGrants: {
  name: identityNames[grant.identity]
}]

resource accountIdentities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = [for grant in accountGrants: {
  name: identityNames[grant.identity]
}]

resource queueIdentities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = [for grant in queueGrants: {
  name: identityNames[grant.identity]
}]

resource registryIdentities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = [for grant in registryGrants: {
  name: identityNames[grant.identity]
}]

resource containerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (grant, i) in allContainerGrants: {
  scope: containers[i]
  name: guid(containers[i].id, containerIdentities[i].id, roles[grant.role])
  properties: {
    principalId: containerIdentities[i].properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles[grant.role])
  }
}]

resource accountRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (grant, i) in accountGrants: {
  scope: storage
  name: guid(storage.id, accountIdentities[i].id, roles[grant.role])
  properties: {
    principalId: accountIdentities[i].properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles[grant.role])
  }
}]

resource queueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (grant, i) in queueGrants: {
  scope: grantQueues[i]
  name: guid(grantQueues[i].id, queueIdentities[i].id, roles[grant.role])
  properties: {
    principalId: queueIdentities[i].properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles[grant.role])
  }
}]

resource registryRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (grant, i) in registryGrants: {
  scope: registry
  name: guid(registry.id, registryIdentities[i].id, roles[grant.role])
  properties: {
    principalId: registryIdentities[i].properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles[grant.role])
  }
}]

// The signed-in user runs `ssl submit` / `ssl status` against the data plane with DefaultAzureCredential.
resource userBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (name, i) in userContainers: if (!empty(userPrincipalId)) {
  scope: userContainerScopes[i]
  name: guid(userContainerScopes[i].id, userPrincipalId, roles.storageBlobDataContributor)
  properties: {
    principalId: userPrincipalId
    principalType: 'User'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}]

resource userSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  scope: bus::queue
  name: guid(bus::queue.id, userPrincipalId, roles.serviceBusDataSender)
  properties: {
    principalId: userPrincipalId
    principalType: 'User'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}
