// Service Bus namespace, the training queue and the pack queue (DESIGN.md §3): MessageId = run id (pack:
// pack-{dataset}-{resolution}) with duplicate detection, a 5-minute peek lock that the worker renews for the whole
// run or pack, 10 deliveries, then the dead-letter queue.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string
param queueName string = 'training'
param packQueueName string = 'pack'

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

// The two queues differ only in name.
var queueProperties = {
  requiresDuplicateDetection: true
  duplicateDetectionHistoryTimeWindow: 'P1D'
  lockDuration: 'PT5M'
  maxDeliveryCount: 10
  deadLetteringOnMessageExpiration: true
  defaultMessageTimeToLive: 'P14D'
  enablePartitioning: false
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: namespace
  name: queueName
  properties: queueProperties
}

resource packQueue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: namespace
  name: packQueueName
  properties: queueProperties
}

output name string = namespace.name
output queueName string = queue.name
output packQueueName string = packQueue.name
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
