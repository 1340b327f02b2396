#!/usr/bin/env bash
# Prints the ids of the Azure DevOps delegated permissions that deploy/entra/aad.manifest.json
# needs, as KEY=value lines for env/.env.{env}:
#
#   bash deploy/entra/ado-scope-ids.sh >> env/.env.dev
#
# Why: the Agents Toolkit turns permission NAMES into ids only for Microsoft Graph and SharePoint
# (its bundled permission list); for Azure DevOps (resource 499b84ac-1321-427f-aa17-267ca6975798)
# aad.manifest.json must carry the ids. They are defined by Microsoft's Azure DevOps app and are
# the same in every tenant. Needs the Azure CLI, signed in to the tenant (az login).
set -euo pipefail

ADO_RESOURCE_APP_ID=499b84ac-1321-427f-aa17-267ca6975798

scope_id() {
  local value="$1" id
  id=$(az ad sp show --id "$ADO_RESOURCE_APP_ID" \
    --query "oauth2PermissionScopes[?value=='${value}'].id | [0]" -o tsv)
  if [ -z "$id" ]; then
    echo "Azure DevOps has no delegated permission named ${value} in this tenant." >&2
    echo "Is the Azure DevOps service principal present? (az ad sp show --id $ADO_RESOURCE_APP_ID)" >&2
    exit 1
  fi
  printf '%s' "$id"
}

echo "ADO_VSO_PATS_SCOPE_ID=$(scope_id vso.pats)"
echo "ADO_VSO_PATS_MANAGE_SCOPE_ID=$(scope_id vso.pats_manage)"
