// User-assigned identities, so that role assignments exist before the apps that use them start.
param location string
param tags object
param functionIdentityName string
param trainerIdentityName string

resource functionIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: functionIdentityName
  location: location
  tags: tags
}

resource trainerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: trainerIdentityName
  location: location
  tags: tags
}

output functionIdentityId string = functionIdentity.id
output functionClientId string = functionIdentity.properties.clientId
output functionPrincipalId string = functionIdentity.properties.principalId
output trainerIdentityId string = trainerIdentity.id
output trainerClientId string = trainerIdentity.properties.clientId
output trainerPrincipalId string = trainerIdentity.properties.principalId
