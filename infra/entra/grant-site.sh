#!/usr/bin/env bash
# Grants Practice Audit's app registration access to ONE SharePoint site under Sites.Selected
# (POST /sites/{site-id}/permissions), or changes an existing grant's role (PATCH). Idempotent.
#   manage: for provisioning (creating lists, columns and indexes); a write grant cannot do that.
#   write:  what the running service needs. Step down to it once provisioning is done.
# Usage: infra/entra/grant-site.sh <site URL, e.g. https://council.sharepoint.com/sites/practice-audit> <client id> <manage|write>
# Needs: az and jq, signed in as a SharePoint Administrator (or higher). Microsoft documents this call as
# needing Sites.FullControl.All (delegated); if az's token is refused, use the PowerShell in infra/README.md.
set -euo pipefail

SITE_URL="${1:?usage: grant-site.sh <site URL> <client id> <manage|write>}"
CLIENT_ID="${2:?client id missing}"
ROLE="${3:?role missing: manage or write}"
case "$ROLE" in manage|write) ;; *) echo "role must be manage or write" >&2; exit 1 ;; esac
for tool in az jq; do command -v "$tool" >/dev/null || { echo "grant-site.sh: $tool is needed" >&2; exit 1; }; done
graph() { az rest --only-show-errors --method "$1" --uri "https://graph.microsoft.com/v1.0/$2" --headers Content-Type=application/json ${3:+--body "$3"}; }

hostpart="${SITE_URL#https://}"; hostname="${hostpart%%/*}"; sitepath="/${hostpart#*/}"
SITE_ID="$(graph GET "sites/$hostname:$sitepath" | jq -r .id)"
echo "Site id: $SITE_ID   (SHAREPOINT_SITE_ID / sharePointSiteId)"

existing="$(graph GET "sites/$SITE_ID/permissions" | jq -r --arg app "$CLIENT_ID" \
  '.value[] | select(any(.grantedToIdentitiesV2[]?, .grantedToIdentities[]?; .application.id == $app)) | .id' | head -n1)"
if [ -n "$existing" ]; then
  graph PATCH "sites/$SITE_ID/permissions/$existing" "$(jq -n --arg r "$ROLE" '{roles: [$r]}')" >/dev/null
  echo "Changed the existing grant to $ROLE."
else
  graph POST "sites/$SITE_ID/permissions" "$(jq -n --arg r "$ROLE" --arg app "$CLIENT_ID" \
    '{roles: [$r], grantedToIdentities: [{application: {id: $app, displayName: "Practice Audit"}}]}')" >/dev/null
  echo "Granted $ROLE on the site."
fi
