#!/usr/bin/env bash
# imap-idle.sh - many concurrent IDLE sessions: do they all stay up, what does each cost the server, and how fast
# does a new message reach them.
#
#   bench/imap-idle.sh [postilion|dovecot]         (default postilion)
#
# Runs `ImapLoad idle`: SESSIONS connections (10 000) from one NIO thread over the users user1..user20@bench.test,
# each LOGIN, SELECT INBOX, IDLE; at most RAMP (200) in that handshake at once. When all idle it measures the
# server's memory - heap used after `jcmd PID GC.run` (a JVM: Postilion) and the PSS of the server's process tree
# (any server) - against the same measurement taken before the first connection, and divides by the sessions:
# heap_per_session_bytes, pss_per_session_bytes. The issue's target is 10 000 sessions in < 512 MiB of heap.
# With DELIVER=1 (default) it then appends one message to each user's INBOX and times every session's
# "* n EXISTS" (from the APPEND being written). It holds the sessions HOLD seconds (60), counting any the server
# closes, then DONE and LOGOUT.
#
# The server's pid: Postilion's from bench/work/postilion/server.pid (postilion-up.sh), or SERVER_PID; Dovecot's
# master from bench/work/peer/dovecot-run/master.pid. The server is started like in imap-vs-dovecot.sh when it does
# not run (see imap-common.sh), and stopped at the end if it was started here (BENCH_KEEP=1 keeps it).
#
# File descriptors: the load generator needs one per session; this script raises its soft limit (ulimit -n) to
# the hard limit and lowers SESSIONS to what fits if it must, saying so. The server needs as many: one started
# here inherits the raised limit; a server started by hand must have its own limit raised. Ephemeral ports:
# ImapLoad spreads the sessions over source addresses 127.0.0.1..127.0.0.K (one per 8000 sessions).
#
# Dovecot runs one imap process per session (process_limit 1024 by default, so at most ~1000 sessions with
# peer-up.sh's configuration), and above fs.inotify.max_user_instances (128 here) sessions its IDLE falls back
# from inotify to polling (mailbox_idle_check_interval, 30 s): EXISTS then arrives after up to 30 s. This script
# changes no system setting; it only says so.
#
# Last line: ImapLoad's RESULT line, prefixed "RESULT imap-idle server=...". Environment (optional): SESSIONS
# (10000)  HOLD (60)  DELIVER (1)  RAMP (200)  USERS (20)  IDLE_USERS (the users, as an ImapLoad pattern;
# user{1..USERS}@bench.test: e.g. 'user{2..11}@bench.test' for the 1000-message INBOXes imap-vs-dovecot.sh
# fills)  SERVER_PID  POSTILION_IMAP_PORT (2343)
# PEER_IMAP_PORT (2144)  RUN_MAX_SECONDS (900)  BENCH_KEEP=1.
# Exit status: ImapLoad's (0 all sessions idled, were held and notified; 1 not; 3 no usable server), 2 on bad
# settings.
set -uo pipefail

imap_script=imap-idle
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=imap-common.sh
. "$here/imap-common.sh"

server=${1:-postilion}
case $server in postilion|dovecot) ;; *) imap_log "unknown server $server (postilion or dovecot)"; exit 2 ;; esac
SESSIONS=${SESSIONS:-10000}
HOLD=${HOLD:-60}
DELIVER=${DELIVER:-1}
RAMP=${RAMP:-200}
USERS=${USERS:-20}
for v in SESSIONS HOLD DELIVER RAMP USERS; do
  case ${!v} in ''|*[!0-9]*) imap_log "$v must be a number, got '${!v}'"; exit 2 ;; esac
done

# --- file descriptors -----------------------------------------------------------------------------------------
# Raised to the hard limit, not just to what the load generator needs: a server this script starts (below)
# inherits the limit and needs a descriptor per session plus its own (WildFly holds ~1000 open).
need=$((SESSIONS + 200))
soft=$(ulimit -n)
hard=$(ulimit -Hn)
if [ "$soft" != unlimited ] && [ "$soft" != "$hard" ]; then
  ulimit -n "$hard" 2>/dev/null || true
  soft=$(ulimit -n)
  imap_log "open files limit raised to $soft (the load generator needs $need)"
fi
if [ "$soft" != unlimited ] && [ "$soft" -lt "$need" ]; then
  SESSIONS=$((soft - 200))
  imap_log "the hard limit ($soft) allows only $SESSIONS sessions: SESSIONS lowered to that"
fi
if [ "$server" = dovecot ]; then
  [ "$SESSIONS" -gt 1000 ] && imap_log "Dovecot: more than 1000 sessions exceed peer-up.sh's imap process_limit" \
                                       "(1024); the sessions beyond it wait or fail"
  inotify=$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo '?')
  [ "$inotify" != '?' ] && [ "$SESSIONS" -gt "$inotify" ] \
    && imap_log "Dovecot: $SESSIONS sessions > fs.inotify.max_user_instances ($inotify): most IDLE sessions poll" \
                "every 30 s instead of being woken (the EXISTS latency shows it)"
fi

trap imap_cleanup EXIT
trap 'exit 130' INT TERM

if ! imap_server_up "$server"; then
  echo "RESULT imap-idle server=$server state=$(imap_state "$server")"
  exit 3
fi
pid=${SERVER_PID:-$(imap_pid "$server")}
pid_args=()
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
  pid_args=(--server-pid "$pid")
else
  imap_log "no pid of the $server server (SERVER_PID): its memory is not measured"
fi
deliver_args=()
[ "$DELIVER" = 1 ] && deliver_args=(--deliver)

out_file=$(mktemp)
trap 'rm -f "$out_file"; imap_cleanup' EXIT
idle_users=${IDLE_USERS:-}
[ -n "$idle_users" ] || idle_users="user{1..$USERS}@bench.test"
imap_load idle --port "$(imap_port "$server")" --users "$idle_users" -c "$SESSIONS" --hold "$HOLD" \
  --ramp "$RAMP" "${deliver_args[@]}" "${pid_args[@]}" --label "$server" | tee "$out_file"
rc=${PIPESTATUS[0]}
line=$(grep '^RESULT ' "$out_file" | tail -1)
echo "RESULT imap-idle server=$server state=$(imap_state "$server") ${line#RESULT imapload }"
exit "$rc"
