// User-assigned identities, so that role assignments exist before the apps that use them start. One per
// principal that needs different rights: the Function app, the trainer's code, and KEDA's queue scaler (which
// needs Manage on the queue, a right the trainer's code must not hold).
param location string
param tags object

@description('Identity names by role in the app: function, trainer, scaler.')
param identityNames object

resource identities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [for item in items(identityNames): {
  name: item.value
  location: location
  tags: tags
}]
