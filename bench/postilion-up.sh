#!/usr/bin/env bash
# postilion-up.sh - start a Postilion server for benchmarking, from the artifacts Maven already built.
#
# It never runs Maven. It needs the provisioned WildFly (config/target/wildfly) and the EAR
# (mail-ear/target/mail-ear.ear): `mvn -DskipTests verify` makes both.
#
# The server gets a fresh base directory, bench/work/postilion/ (its own configuration copy, H2 database,
# Artemis journal, logs), and a COPY of the EAR taken now, so that a rebuild by someone else does not redeploy
# under a running benchmark. Ports are shifted so that it runs beside the dev server (8080/2525/9990) and the
# integration-test server (8180/2625/10090):
#
#   SMTP (MX)           127.0.0.1:2725     (-Dpostilion.smtp.port; submission 2787, submissions 2765)
#   IMAP                127.0.0.1:2343     (-Dpostilion.imap.port; IMAPS 2393)
#   admin API           http://127.0.0.1:8280/api   (-Djboss.socket.binding.port-offset=200)
#   WildFly management  127.0.0.1:10190
#   server log          bench/work/postilion/log/server.log
#
# The server's first admin is "admin" with the password "bench-admin-password". When it is up, the script signs in
# as that admin, makes an API token (written to bench/work/postilion/api-token, for scripts that read the API),
# creates the domain bench.test and the users user1..user20@bench.test (password "bench-password"), then returns;
# the server keeps running in the background. bench/postilion-down.sh stops it.
#
# Environment (all optional):
#   BENCH_JFR=1        record the server's whole life with Java Flight Recorder (settings=profile), written
#                      to bench/work/postilion.jfr when the server stops
#   BENCH_HEAP         JVM heap options                          (-Xms1g -Xmx2g)
#   BENCH_USERS        number of users userK@bench.test           (20)
#   BENCH_SERVER_OPTS  more -D options for the server, e.g. -Dpostilion.workers=32
#   BENCH_WILDFLY      provisioned WildFly home                  (config/target/wildfly)
#   BENCH_EAR          the EAR to deploy                          (mail-ear/target/mail-ear.ear)
#   BENCH_START_TIMEOUT  seconds to wait for the API and SMTP    (240)
#   BENCH_IMAP_MAX_CONNECTIONS  IMAP sessions per listener and per client address (20000)
# Exit status: 0 when up and populated; 2 when the artifacts are missing or a server already runs; 1 otherwise.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
wildfly=${BENCH_WILDFLY:-$root/config/target/wildfly}
ear=${BENCH_EAR:-$root/mail-ear/target/mail-ear.ear}
base=$here/work/postilion
users=${BENCH_USERS:-20}
heap=${BENCH_HEAP:--Xms1g -Xmx2g}
timeout=${BENCH_START_TIMEOUT:-240}
smtp_port=2725
imap_port=2343
# imap-idle.sh holds 10 000 sessions from a handful of loopback addresses: above the production defaults
# (10 000 per listener, 100 per client address), which exist against floods from the internet.
imap_max=${BENCH_IMAP_MAX_CONNECTIONS:-20000}
offset=200
http_port=$((8080 + offset))
api=http://127.0.0.1:$http_port/api
password=bench-password
admin_password=bench-admin-password

log() { echo "postilion-up: $*" >&2; }

if [ ! -x "$wildfly/bin/standalone.sh" ] || [ ! -f "$ear" ]; then
  log "the built server is missing:"
  [ -x "$wildfly/bin/standalone.sh" ] || log "  no provisioned WildFly in $wildfly"
  [ -f "$ear" ] || log "  no EAR at $ear"
  log "build it first, from $root:   mvn -DskipTests verify"
  exit 2
fi
command -v curl >/dev/null || { log "curl is needed"; exit 2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -f "$base/server.pid" ] && kill -0 "$(cat "$base/server.pid")" 2>/dev/null; then
  log "a bench server already runs (pid $(cat "$base/server.pid")); stop it with $here/postilion-down.sh"
  exit 2
fi
for p in $smtp_port $imap_port $http_port $((9990 + offset)); do
  if port_open "$p"; then
    log "port 127.0.0.1:$p is already in use; is another bench server running? ($here/postilion-down.sh)"
    exit 2
  fi
done

# --- a fresh base directory -----------------------------------------------------------------------------
rm -rf "$base"
mkdir -p "$base/deployments" "$base/log" "$base/data" "$base/tmp"
cp -a "$wildfly/standalone/configuration" "$base/configuration"
[ -d "$wildfly/standalone/lib" ] && cp -a "$wildfly/standalone/lib" "$base/lib"
# drop history and state that belong to the source server
rm -rf "$base/configuration/standalone_xml_history"
cp "$ear" "$base/deployments/mail-ear.ear"
ear_sum=$(sha256sum "$base/deployments/mail-ear.ear" | cut -c1-16)
[ "${BENCH_JFR:-0}" = 1 ] && echo "$here/work/postilion.jfr" > "$base/jfr-file"
echo "$ear_sum" > "$base/ear.sha256" # which build was measured: others may rebuild the EAR between runs

java_opts="$heap -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true"
if [ "${BENCH_JFR:-0}" = 1 ]; then
  rm -f "$here/work/postilion.jfr"
  java_opts="$java_opts -XX:StartFlightRecording=name=bench,settings=profile,dumponexit=true,filename=$here/work/postilion.jfr"
  log "JFR on: bench/work/postilion.jfr is written when the server stops"
fi

log "starting WildFly from $wildfly with base $base (EAR copy sha256 $ear_sum...)"
# setsid + nohup: the server outlives this script and does not hold its stdout/stderr open.
# shellcheck disable=SC2086
JAVA_OPTS="$java_opts" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$base/server.pid" \
  setsid nohup "$wildfly/bin/standalone.sh" -c standalone-full.xml \
    "-Djboss.server.base.dir=$base" \
    "-Djboss.socket.binding.port-offset=$offset" \
    "-Dpostilion.smtp.port=$smtp_port" \
    "-Dpostilion.submission.port=$((smtp_port + 62))" \
    "-Dpostilion.submissions.port=$((smtp_port + 40))" \
    "-Dpostilion.imap.port=$imap_port" \
    "-Dpostilion.imaps.port=$((imap_port + 50))" \
    "-Dpostilion.imap.max-connections=$imap_max" \
    "-Dpostilion.imap.max-connections-per-client=$imap_max" \
    "-Dpostilion.admin.password=$admin_password" \
    ${BENCH_SERVER_OPTS:-} \
    < /dev/null > "$base/log/console.log" 2>&1 &
echo $! > "$base/launcher.pid"

# --- wait until the API answers and SMTP greets ---------------------------------------------------------
deadline=$((SECONDS + timeout))
up=0
while [ $SECONDS -lt $deadline ]; do
  if [ -f "$base/deployments/mail-ear.ear.failed" ]; then
    log "deployment failed:"; cat "$base/deployments/mail-ear.ear.failed" >&2; exit 1
  fi
  if ! kill -0 "$(cat "$base/launcher.pid")" 2>/dev/null; then
    log "the server exited; see $base/log/console.log"; tail -20 "$base/log/console.log" >&2; exit 1
  fi
  if [ -f "$base/deployments/mail-ear.ear.deployed" ] \
     && [ "$(curl -s -o /dev/null -w '%{http_code}' "$api/setup")" = 200 ] \
     && greeting=$(exec 3<>"/dev/tcp/127.0.0.1/$smtp_port" && timeout 5 head -c 4 <&3 && printf 'QUIT\r\n' >&3) \
     && [ "$greeting" = "220 " ]; then
    up=1; break
  fi
  sleep 0.5
done
if [ $up != 1 ]; then
  log "not up after ${timeout}s; see $base/log/server.log"; exit 1
fi
log "up after ${SECONDS}s: API $api, SMTP 127.0.0.1:$smtp_port"

# --- an API token, the benchmark's domain and users ------------------------------------------------------
session=$(curl -s -c "$base/tmp/cookies" -H 'Content-Type: application/json' \
  -d "{\"name\":\"admin\",\"password\":\"$admin_password\"}" "$api/session")
csrf=$(printf '%s' "$session" | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p')
[ -n "$csrf" ] || { log "cannot sign in as admin: $session"; exit 1; }
token=$(curl -s -b "$base/tmp/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"name":"bench"}' "$api/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { log "cannot make an API token"; exit 1; }
printf '%s\n' "$token" > "$base/api-token"
post() { # path json -> prints the HTTP status
  curl -s -o "$base/tmp/post.out" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "$2" "$api/$1"
}
code=$(post domains '{"name":"bench.test"}')
case $code in 201|409) ;; *) log "POST /api/domains gave $code: $(cat "$base/tmp/post.out")"; exit 1 ;; esac
for i in $(seq 1 "$users"); do
  code=$(post users "{\"address\":\"user$i@bench.test\",\"password\":\"$password\"}")
  case $code in 201|409) ;; *) log "POST /api/users user$i gave $code: $(cat "$base/tmp/post.out")"; exit 1 ;; esac
done
log "domain bench.test with user1..user$users@bench.test (password $password)"

cat <<MSG
Postilion bench server is up (pid $(cat "$base/server.pid")):
  SMTP        127.0.0.1:$smtp_port
  IMAP        127.0.0.1:$imap_port
  admin API   $api   (admin / $admin_password; an API token in $base/api-token)
  server log  $base/log/server.log
stop it with: $here/postilion-down.sh
MSG
