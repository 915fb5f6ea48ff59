# azd postdeploy hook (Windows): the same as postdeploy.sh.
$ErrorActionPreference = 'Stop'
if (-not $env:SERVICE_TRAINER_IMAGE_NAME) { throw 'azd set no SERVICE_TRAINER_IMAGE_NAME: deploy the trainer service first' }
if (-not $env:PACKER_JOB_NAME) { throw 'no PACKER_JOB_NAME output: run azd provision first' }
az containerapp job update --name $env:PACKER_JOB_NAME --resource-group $env:AZURE_RESOURCE_GROUP `
  --container-name packer --image $env:SERVICE_TRAINER_IMAGE_NAME --output none
if ($LASTEXITCODE -ne 0) { throw "az containerapp job update exited with $LASTEXITCODE" }
Write-Host "Pack job $env:PACKER_JOB_NAME now runs $env:SERVICE_TRAINER_IMAGE_NAME"
