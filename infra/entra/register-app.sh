#!/usr/bin/env bash
# Creates or updates Practice Audit's Entra app registration (single tenant), idempotently:
#   - Application ID URI api://<public host>/<client id> and the delegated scope access_as_user
#     (Teams single sign-on), v2 access tokens;
#   - the Teams desktop/mobile and web clients pre-authorised for that scope;
#   - app roles from app-roles.json (values without spaces; the service maps them to its roles);
#   - Microsoft Graph application permissions: Sites.Selected, TeamsAppInstallation.ReadWriteSelfForUser.All,
#     Mail.Send (limit it with an Exchange application access policy!), User.Read.All, GroupMember.Read.All;
#     and delegated User.Read for the on-behalf-of flow;
#   - the service principal, and admin consent if you hold a role that may grant it.
# Usage: infra/entra/register-app.sh <public host> [display name]
# Needs: az (signed in with `az login` as an Application Administrator or higher) and jq.
# Not run against a tenant in this repository's tests: read it before you run it.
set -euo pipefail

HOST="${1:?usage: register-app.sh <public host, e.g. audit.council.example> [display name]}"
NAME="${2:-Practice Audit}"
HERE="$(cd "$(dirname "$0")" && pwd)"
GRAPH_APP_ID="00000003-0000-0000-c000-000000000000"
# Documented Teams client ids to pre-authorise for tab SSO (Microsoft Learn, "Configure your tab app in Microsoft Entra ID").
TEAMS_DESKTOP_MOBILE="1fec8e78-bce4-4aaf-ab1b-5451cc387264"
TEAMS_WEB="5e3ce6c0-2b1f-4285-8d4b-75ee78787346"
# Fixed so that re-running the script updates the same scope instead of adding another.
SCOPE_ID="8d2f6a40-5c1e-4b7a-9e3d-2f4a6c8e0b11"
GRAPH_APPLICATION_PERMISSIONS=(Sites.Selected TeamsAppInstallation.ReadWriteSelfForUser.All Mail.Send User.Read.All GroupMember.Read.All)
GRAPH_DELEGATED_PERMISSIONS=(User.Read)

for tool in az jq; do command -v "$tool" >/dev/null || { echo "register-app.sh: $tool is needed" >&2; exit 1; }; done
graph() { az rest --only-show-errors --method "$1" --uri "https://graph.microsoft.com/v1.0/$2" --headers Content-Type=application/json ${3:+--body "$3"}; }

TENANT_ID="$(az account show --query tenantId -o tsv)"
CLIENT_ID="$(az ad app list --display-name "$NAME" --query '[0].appId' -o tsv)"
if [ -z "$CLIENT_ID" ]; then
  CLIENT_ID="$(az ad app create --display-name "$NAME" --sign-in-audience AzureADMyOrg --query appId -o tsv)"
  echo "Created app registration $NAME ($CLIENT_ID)."
else
  echo "Updating app registration $NAME ($CLIENT_ID)."
fi
OBJECT_ID="$(az ad app show --id "$CLIENT_ID" --query id -o tsv)"

# 1. Identifier URI, the access_as_user scope, app roles, v2 tokens.
graph PATCH "applications/$OBJECT_ID" "$(jq -n \
  --arg uri "api://$HOST/$CLIENT_ID" --arg scope "$SCOPE_ID" --slurpfile roles "$HERE/app-roles.json" '{
    identifierUris: [$uri],
    signInAudience: "AzureADMyOrg",
    appRoles: $roles[0],
    api: {
      requestedAccessTokenVersion: 2,
      oauth2PermissionScopes: [{
        id: $scope, value: "access_as_user", type: "User", isEnabled: true,
        adminConsentDisplayName: "Use Practice Audit as the signed-in user",
        adminConsentDescription: "Lets Teams sign people in to Practice Audit with their own account.",
        userConsentDisplayName: "Use Practice Audit as you",
        userConsentDescription: "Lets Teams sign you in to Practice Audit."
      }]
    }
  }')"

# 2. Pre-authorise the Teams clients (a second request: the scope must exist first).
graph PATCH "applications/$OBJECT_ID" "$(jq -n --arg scope "$SCOPE_ID" --arg d "$TEAMS_DESKTOP_MOBILE" --arg w "$TEAMS_WEB" '{
    api: { preAuthorizedApplications: [
      { appId: $d, delegatedPermissionIds: [$scope] },
      { appId: $w, delegatedPermissionIds: [$scope] }
    ] }
  }')"

# 3. Microsoft Graph permissions, looked up by name so no permission id is copied by hand.
GRAPH_SP="$(az ad sp show --id "$GRAPH_APP_ID" -o json)"
access='[]'
for p in "${GRAPH_APPLICATION_PERMISSIONS[@]}"; do
  id="$(jq -r --arg v "$p" '.appRoles[] | select(.value == $v) | .id' <<<"$GRAPH_SP")"
  [ -n "$id" ] || { echo "Graph application permission $p not found" >&2; exit 1; }
  access="$(jq --arg id "$id" '. + [{id: $id, type: "Role"}]' <<<"$access")"
done
for p in "${GRAPH_DELEGATED_PERMISSIONS[@]}"; do
  id="$(jq -r --arg v "$p" '.oauth2PermissionScopes[] | select(.value == $v) | .id' <<<"$GRAPH_SP")"
  [ -n "$id" ] || { echo "Graph delegated permission $p not found" >&2; exit 1; }
  access="$(jq --arg id "$id" '. + [{id: $id, type: "Scope"}]' <<<"$access")"
done
graph PATCH "applications/$OBJECT_ID" "$(jq -n --arg graph "$GRAPH_APP_ID" --argjson access "$access" \
  '{requiredResourceAccess: [{resourceAppId: $graph, resourceAccess: $access}]}')"

# 4. Service principal (the app's identity in this tenant), then admin consent.
az ad sp show --id "$CLIENT_ID" --query id -o tsv >/dev/null 2>&1 || az ad sp create --id "$CLIENT_ID" --only-show-errors >/dev/null
if ! az ad app permission admin-consent --id "$CLIENT_ID" --only-show-errors 2>/dev/null; then
  echo "Admin consent was not granted (it needs a Privileged Role Administrator or Global Administrator)."
  echo "Grant it in the Entra admin centre: App registrations > $NAME > API permissions > Grant admin consent."
fi

cat <<DONE

Done. Note these for the next steps:
  tenant id:  $TENANT_ID
  client id:  $CLIENT_ID   (CLIENT_ID and BOT_ID for npm run package; clientId in infra/main.bicepparam)
  SSO resource: api://$HOST/$CLIENT_ID
Next: grant the SharePoint site (infra/entra/grant-site.sh), restrict Mail.Send (infra/README.md),
deploy infra/, then create the client secret straight into Key Vault (infra/entra/set-client-secret.sh).
DONE
