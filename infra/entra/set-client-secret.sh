#!/usr/bin/env bash
# Creates a client secret for the app registration and stores it straight in Key Vault as
# m365-client-secret (the web app reads it through a Key Vault reference). The secret is never printed.
# Usage: infra/entra/set-client-secret.sh <client id> <key vault name> [years, default 1]
# Needs: az, signed in as someone who may add credentials to the app and holds
# "Key Vault Secrets Officer" on the vault. Rotate before it expires: run it again, then restart the web app.
set -euo pipefail
CLIENT_ID="${1:?usage: set-client-secret.sh <client id> <key vault name> [years]}"
VAULT="${2:?key vault name missing}"
YEARS="${3:-1}"
secret="$(az ad app credential reset --id "$CLIENT_ID" --append --display-name "practice-audit $(date +%Y-%m-%d)" --years "$YEARS" --query password -o tsv --only-show-errors)"
az keyvault secret set --vault-name "$VAULT" --name m365-client-secret --value "$secret" --output none --only-show-errors
unset secret
echo "Stored a new client secret in $VAULT as m365-client-secret. Restart the web app to pick it up."
