#!/usr/bin/env bash
# outbound-vs-postfix.sh - remote delivery, Postilion against Postfix, measured in the same run, interleaved.
#
# Each server relays N messages of SIZE octets, submitted over CONC sessions, for recipients in a remote domain
# (rcpt1..rcpt20@remote.test) to a relay: an smtp-sink (Postfix's test SMTP server; it keeps nothing), one per
# server on its own loopback address, the same program and options for both:
#
#   Postilion   bench/postilion-up.sh, submission 127.0.0.1:2787 with AUTH PLAIN as user1@bench.test (sending
#               limits off: -Dpostilion.submission.*-per-hour=0), a default transport route (the smart host) to
#               the sink 127.0.0.30:2530 in clear (PUT /api/transports/default), removed at the end.
#   Postfix     bench/peer-up.sh's instance (127.0.0.1:2526; relaying from 127.0.0.0/8), with relayhost
#               [127.0.0.31]:2530 and default_transport smtp while the benchmark runs, put back at the end.
#
# A message counts as delivered when its sink took it (smtp-sink -d writes one file per message; the files are
# counted). For each run: accept_msg_s (N / first connect -> last 250) and e2e_msg_s (N / first connect -> all N
# taken by the sink) from bench/SmtpLoad.java, and the servers' CPU per message. Odd rounds run Postilion first,
# even rounds Postfix first. Prints every run, the medians and LAST:
#   RESULT outbound-vs-postfix delivered_ratio=... postilion_delivered_msg_s=... peer_delivered_msg_s=...
#          postilion_accept=... peer_accept=... postilion_cpu_ms_per_msg=... peer_cpu_ms_per_msg=... rounds=...
# (ratios = Postilion / Postfix, of the medians). Servers started here are stopped at the end (BENCH_KEEP=1 keeps
# them); the sinks always stop. Everything listens on and talks to 127.0.0.0/8 only; every run is bounded.
#
# Environment (optional): N (3000)  SIZE (10240)  CONC (20)  ROUNDS (3)  WARMUP (1000, per server, not counted)
#   RUN_MAX_SECONDS (600)  BENCH_KEEP=1
# Needs root (the peer) and Postfix's smtp-sink (package postfix, which peer-up.sh installs).
# Exit status: 0 when every run delivered everything; 1 otherwise; 2 on bad setup.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
N=${N:-3000}
SIZE=${SIZE:-10240}
CONC=${CONC:-20}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-1000}
RUN_MAX=${RUN_MAX_SECONDS:-600}
P_SUB=2787
P_API=http://127.0.0.1:8280/api
PEER_SMTP=2526
SINK_PORT=2530
SINK_POSTILION=127.0.0.30
SINK_PEER=127.0.0.31
work=$here/work
sinks=$work/outbound-sinks
etc=$work/peer/postfix-etc
results=$work/outbound-results-$(date +%Y%m%d-%H%M%S).txt

log() { echo "outbound-vs-postfix: $*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
mkdir -p "$work"
[ "$(id -u)" = 0 ] || { log "needs root (the Postfix peer)"; exit 2; }

# --- servers, sinks, routes ---------------------------------------------------------------------------------
started_postilion=0
started_peer=0
sink_pids=()
cleanup() {
  for p in "${sink_pids[@]}"; do kill "$p" 2>/dev/null; done
  if [ -f "$work/postilion/api-token" ]; then
    curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $(cat "$work/postilion/api-token")" \
      "$P_API/transports/default" || true
  fi
  if [ -f "$etc/main.cf" ]; then
    postconf -c "$etc" -e "relayhost =" \
      "default_transport = error:the benchmark peer delivers nothing off this machine" 2>/dev/null
    postfix -c "$etc" reload >/dev/null 2>&1 || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    log "BENCH_KEEP=1: servers left running (bench/postilion-down.sh, bench/peer-down.sh stop them)"
    return
  fi
  [ $started_postilion = 1 ] && "$here/postilion-down.sh" >&2
  [ $started_peer = 1 ] && "$here/peer-down.sh" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if port_open $P_SUB && [ -f "$work/postilion/api-token" ]; then
  log "using the Postilion bench server already running (its sending limits must be off)"
else
  BENCH_SERVER_OPTS="${BENCH_SERVER_OPTS:-} -Dpostilion.submission.messages-per-hour=0 -Dpostilion.submission.recipients-per-hour=0" \
    "$here/postilion-up.sh" >&2 || { log "postilion-up.sh failed"; exit 2; }
  started_postilion=1
fi
if port_open $PEER_SMTP && [ -f "$etc/main.cf" ]; then
  log "using the peer already running on 127.0.0.1:$PEER_SMTP"
else
  "$here/peer-up.sh" >&2 || { log "peer-up.sh failed: no Postfix to compare with"; exit 2; }
  started_peer=1
fi
sink_bin=$(command -v smtp-sink || echo /usr/sbin/smtp-sink)
[ -x "$sink_bin" ] || { log "no smtp-sink (package postfix)"; exit 2; }

rm -rf "$sinks"; mkdir -p "$sinks/postilion" "$sinks/peer"
for who in postilion peer; do
  addr=$SINK_POSTILION; [ $who = peer ] && addr=$SINK_PEER
  # -d: one file per message (no fsync); -u: run as nobody-like user postfix; 1000: listen backlog
  timeout $((RUN_MAX * (ROUNDS + 1) * 2 + 600)) "$sink_bin" -u postfix -d "$sinks/$who/%M/" "$addr:$SINK_PORT" 1000 &
  sink_pids+=($!)
done
chmod -R a+rwx "$sinks"
sleep 1

token=$(cat "$work/postilion/api-token")
code=$(curl -s -o "$work/transport.out" -w '%{http_code}' -X PUT -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d "{\"host\":\"$SINK_POSTILION\",\"port\":$SINK_PORT,\"tls\":\"none\"}" \
  "$P_API/transports/default")
[ "$code" = 200 ] || { log "PUT /api/transports/default gave $code: $(cat "$work/transport.out")"; exit 2; }
postconf -c "$etc" -e "relayhost = [$SINK_PEER]:$SINK_PORT" "default_transport = smtp"
postfix -c "$etc" reload >/dev/null 2>&1

# --- CPU of a process tree ------------------------------------------------------------------------------------
hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
tree_ticks() { # ROOT_PID... -> CPU jiffies used so far by those process trees, reaped children included
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v roots="$*" '
    { line = $0; sub(/^[^(]*\(.*\) /, "", line); split(line, f, " ")
      pid = $1; parent[pid] = f[2]; t[pid] = f[12] + f[13] + f[14] + f[15] }
    END { n = split(roots, r, " "); for (i = 1; i <= n; i++) root[r[i]] = 1
          for (p in t) { q = p; for (d = 0; d < 50 && q > 1; d++) { if (q in root) { s += t[p]; break }; q = parent[q] } }
          print s + 0 }'
}
server_roots() {
  if [ "$1" = postilion ]; then cat "$work/postilion/server.pid" 2>/dev/null
  else awk '{ print $1 }' "$work/peer/spool/pid/master.pid" 2>/dev/null; fi | tr '\n' ' '
}

# --- one run ------------------------------------------------------------------------------------------------
failures=0
run() { # who n round
  local who=$1 n=$2 round=$3 port auth out line s0 s1 rc
  if [ "$who" = postilion ]; then port=$P_SUB; auth=(--auth user1@bench.test:bench-password --from user1@bench.test)
  else port=$PEER_SMTP; auth=(--from loadgen@bench.example); fi
  local roots; roots=$(server_roots "$who")
  s0=$(tree_ticks $roots)
  out=$(java "$here/SmtpLoad.java" --host 127.0.0.1 --port "$port" "${auth[@]}" -n "$n" -s "$SIZE" -c "$CONC" \
          --to "rcpt{1..20}@remote.test" --count-cmd "find $sinks/$who -type f | wc -l" --label "$who" \
          --quiet --max-seconds "$RUN_MAX" --e2e-timeout "$RUN_MAX")
  rc=$?
  s1=$(tree_ticks $roots)
  echo "$out" | sed "s/^/  [$who $round] /"
  line=$(echo "$out" | grep '^RESULT ' | tail -1)
  line="$line $(awk -v hz="$hz" -v n="$n" -v s="$((s1 - s0))" 'BEGIN { printf "server_cpu_ms_per_msg=%.2f", 1000 * s / hz / n }')"
  [ $rc = 0 ] || failures=$((failures + 1))
  [ "$round" = warmup ] || echo "round=$round $line" >> "$results"
  sleep 2
}

: > "$results"
echo "outbound-vs-postfix: N=$N SIZE=$SIZE CONC=$CONC ROUNDS=$ROUNDS WARMUP=$WARMUP"
if [ "$WARMUP" -gt 0 ]; then run postilion "$WARMUP" warmup; run peer "$WARMUP" warmup; fi
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order=(postilion peer); else order=(peer postilion); fi
  for s in "${order[@]}"; do run "$s" "$N" "$r"; done
done

# --- medians ------------------------------------------------------------------------------------------------
field() { grep " label=$1 " "$results" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
median() { sort -g | awk '/^[0-9.]+$/ { v[n++] = $1 } END { if (n == 0) print "NA"; else if (n % 2) print v[(n-1)/2]; else printf "%.2f\n", (v[n/2-1] + v[n/2]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "NA" }'; }
echo
echo "runs (also in $results):"
sed 's/^/  /' "$results"
declare -A med
for s in postilion peer; do
  for k in accept_msg_s e2e_msg_s server_cpu_ms_per_msg; do med[$s.$k]=$(field $s $k | median); done
done
printf '%-10s %14s %14s %18s   (medians of %d rounds)\n' server accept_msg/s delivered_msg/s cpu_ms/msg "$ROUNDS"
for s in postilion peer; do
  printf '%-10s %14s %14s %18s\n' "$s" "${med[$s.accept_msg_s]}" "${med[$s.e2e_msg_s]}" "${med[$s.server_cpu_ms_per_msg]}"
done
[ $failures = 0 ] || echo "$failures run(s) did not deliver everything: see above"
echo "RESULT outbound-vs-postfix delivered_ratio=$(ratio "${med[postilion.e2e_msg_s]}" "${med[peer.e2e_msg_s]}")" \
  "postilion_delivered_msg_s=${med[postilion.e2e_msg_s]} peer_delivered_msg_s=${med[peer.e2e_msg_s]}" \
  "postilion_accept=${med[postilion.accept_msg_s]} peer_accept=${med[peer.accept_msg_s]}" \
  "postilion_cpu_ms_per_msg=${med[postilion.server_cpu_ms_per_msg]} peer_cpu_ms_per_msg=${med[peer.server_cpu_ms_per_msg]}" \
  "rounds=$ROUNDS n=$N size=$SIZE conc=$CONC"
[ $failures = 0 ]
