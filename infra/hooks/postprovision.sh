#!/bin/sh
# azd postprovision hook: what to do next. azd exports the Bicep outputs (infra/main.bicep) as variables.
set -eu
cat <<NEXT

Ssl.Cloud is provisioned in ${AZURE_RESOURCE_GROUP}.
  API base URL:  ${FUNCTIONS_URI}/api
  Function key:  az functionapp keys list -g ${AZURE_RESOURCE_GROUP} -n ${FUNCTIONS_APP_NAME} --query functionKeys.default -o tsv
  Trainer job:   ${TRAINER_JOB_NAME} (starts one execution per queued run)
Send the key as the x-functions-key header. infra/README.md walks through a first run.
NEXT
