#!/usr/bin/env bash
# Runs Postilion in the foreground on the provisioned WildFly: deploys the EAR into its deployments
# directory and starts standalone-full. Ctrl-C stops it.
#
# usage: run.sh WILDFLY_HOME EAR [server arguments...]
set -euo pipefail
home=$1
ear=$2
shift 2
cp "$ear" "$home/standalone/deployments/mail-ear.ear"
cat <<MSG
Postilion is starting on $home (embedded H2 database, embedded Artemis).
  SMTP        127.0.0.1:2525   (-Dpostilion.smtp.port=N and -Dpostilion.bind.address=ADDR change it)
  admin API   http://127.0.0.1:8080/api   (at the first start, the server log below shows a one-time setup
              token for the first administrator, unless -Dpostilion.admin.password=... was given)
  server log  $home/standalone/log/server.log
MSG
exec "$home/bin/standalone.sh" -c standalone-full.xml "$@"
