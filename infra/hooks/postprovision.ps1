# azd postprovision hook (Windows): the same as postprovision.sh.
Write-Host ""
Write-Host "Ssl.Cloud is provisioned in $env:AZURE_RESOURCE_GROUP."
Write-Host "  API base URL:  $env:FUNCTIONS_URI/api"
Write-Host "  Function key:  az functionapp keys list -g $env:AZURE_RESOURCE_GROUP -n $env:FUNCTIONS_APP_NAME --query functionKeys.default -o tsv"
Write-Host "  Trainer job:   $env:TRAINER_JOB_NAME (starts one execution per queued run)"
Write-Host "Send the key as the x-functions-key header. infra/README.md walks through a first run."
