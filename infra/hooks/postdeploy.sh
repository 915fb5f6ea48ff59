#!/bin/sh
# azd postdeploy hook: the pack job (infra/app/packer.bicep) runs the trainer's image but is not an azd service, so
# `azd deploy` replaces the trainer job's image only. This gives the pack job the image azd has just deployed, so
# both jobs always run one build (`azd provision` keeps both on it: main.parameters.json feeds it back).
set -eu
: "${SERVICE_TRAINER_IMAGE_NAME:?azd set no SERVICE_TRAINER_IMAGE_NAME: deploy the trainer service first}"
: "${PACKER_JOB_NAME:?no PACKER_JOB_NAME output: run azd provision first}"
az containerapp job update --name "$PACKER_JOB_NAME" --resource-group "$AZURE_RESOURCE_GROUP" \
  --container-name packer --image "$SERVICE_TRAINER_IMAGE_NAME" --output none
echo "Pack job $PACKER_JOB_NAME now runs $SERVICE_TRAINER_IMAGE_NAME"
