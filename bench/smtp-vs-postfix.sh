#!/usr/bin/env bash
# smtp-vs-postfix.sh - Postilion against Postfix+Dovecot, measured in the same run, interleaved.
#
# For ROUNDS rounds it runs bench/SmtpLoad.java against each server: N messages of SIZE octets over CONC
# sessions to user1..user20@bench.test, accept rate and DATA-to-250 latency, then end to end (from the first
# connect until all N are in the mailboxes). Odd rounds run Postilion first, even rounds the peer first, so
# that neither always runs on a machine still busy with the other. One WARMUP run per server (not counted)
# comes first: the JVM's JIT (Postilion keeps getting faster for a few thousand messages) and both servers' caches.
#
#   Postilion   bench/postilion-up.sh (SMTP 127.0.0.1:2725), started here unless one already answers.
#               Delivered = lines "relay=local, status=sent" in its server.log, which InboundMailConsumer
#               writes after the mailbox store committed; after each run the admin API is asked once
#               (sum of UIDNEXT-1 over the 20 INBOXes) and must show every message. (Polling the API itself
#               every 100 ms costs the server about a fifth of a core - 20 requests of ~3-8 ms CPU each - and
#               would slow the delivery it measures; POSTILION_COUNT=api does it anyway.)
#   peer        bench/peer-up.sh (Postfix 127.0.0.1:2526 -> LMTP -> Dovecot Maildir), started here unless one
#               already answers; skipped when Postfix/Dovecot are not available (PEER=0 skips it always).
#               Delivered = files in the Maildirs' new/ and cur/.
#
# Each run also gets the CPU seconds spent during it (accepting and delivering) by the server's processes
# (Postilion's JVM; Postfix's and Dovecot's process trees), by the load generator, and by everything else on
# the machine ("other": someone else's build makes a run slow; look there before believing a figure).
# Prints every run's RESULT line, then the medians per server, and LAST:
#   RESULT smtp-vs-postfix accept_ratio=... e2e_ratio=... postilion_accept=... peer_accept=...
#          postilion_e2e=... peer_e2e=... p50_ms=... p99_ms=... peer_p50_ms=... peer_p99_ms=...
#          postilion_cpu_ms_per_msg=... peer_cpu_ms_per_msg=... rounds=...
# (ratios = Postilion / peer, of the medians; p50/p99 are Postilion's median DATA-to-250 latencies.)
# Servers started here are stopped at the end (BENCH_KEEP=1 keeps them).
#
# Environment (optional):
#   N (3000)  SIZE (10240)  CONC (20)  ROUNDS (3)  WARMUP (3000: messages per server before round 1; 0 = none)
#   PEER            auto | 0                                  (auto)
#   POSTILION_COUNT log | api    how Postilion's deliveries are counted while waiting   (log)
#   RUN_MAX_SECONDS hard limit of one SmtpLoad run            (600)
#   BENCH_JFR=1     record each Postilion round with JFR into bench/work/jfr/postilion-roundK.jfr
#                   (BENCH_JFR_SETTINGS: profile, or default); the figures of such runs carry the profiler's
#                   overhead (small once the JIT recompiled with JFR on: a JFR start before the warm-up sees to it)
#   BENCH_KEEP=1    leave the servers running
# Exit status: 0 when every run accepted and delivered everything; 1 otherwise; 2 on bad setup.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
N=${N:-3000}
SIZE=${SIZE:-10240}
CONC=${CONC:-20}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-3000}
PEER=${PEER:-auto}
COUNT_MODE=${POSTILION_COUNT:-log}
RUN_MAX=${RUN_MAX_SECONDS:-600}
USERS=20
P_SMTP=2725
P_API=http://127.0.0.1:8280/api
PEER_SMTP=2526
work=$here/work
plog=$work/postilion/log
maildirs=$work/peer/vmail
results=$work/results-$(date +%Y%m%d-%H%M%S).txt

log() { echo "smtp-vs-postfix: $*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
mkdir -p "$work"

java_bin=$(command -v java) || { log "java (17+) is needed"; exit 2; }
jcmd_bin=$(dirname "$(readlink -f "$java_bin")")/jcmd

# --- the two count commands (run by SmtpLoad with /bin/sh -c) ---------------------------------------------
api_urls=""
for i in $(seq 1 $USERS); do api_urls="$api_urls $P_API/users/user$i@bench.test/mailboxes"; done
# sum of UIDNEXT-1 over the users' INBOXes; prints nothing unless all 20 answered
# (the API token postilion-up.sh made, read when the count runs)
api_count="curl -sf -H \"Authorization: Bearer \$(cat $work/postilion/api-token)\"$api_urls | grep -o '\"uidNext\":[0-9]*' | awk -F: '{ s += \$2 - 1 } END { if (NR == $USERS) print s }'"
log_count="cat $plog/server.log* 2>/dev/null | grep -c 'relay=local, status=sent'"
case $COUNT_MODE in
  log) postilion_count=$log_count ;;
  api) postilion_count=$api_count ;;
  *) log "POSTILION_COUNT must be log or api"; exit 2 ;;
esac
peer_count="find $maildirs -type f \\( -path '*/new/*' -o -path '*/cur/*' \\) 2>/dev/null | wc -l"

# --- servers ------------------------------------------------------------------------------------------------
started_postilion=0
started_peer=0
cleanup() {
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    log "BENCH_KEEP=1: servers left running (bench/postilion-down.sh, bench/peer-down.sh stop them)"
    return
  fi
  [ $started_postilion = 1 ] && "$here/postilion-down.sh" >&2
  [ $started_peer = 1 ] && "$here/peer-down.sh" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if port_open $P_SMTP && [ "$(curl -s -o /dev/null -w '%{http_code}' "$P_API/domains")" = 200 ]; then
  log "using the Postilion bench server already running on 127.0.0.1:$P_SMTP"
else
  BENCH_JFR=0 "$here/postilion-up.sh" >&2 # a round recording (below) instead of a whole-life one
  rc=$?
  if [ $rc != 0 ]; then log "postilion-up.sh failed ($rc)"; exit 2; fi
  started_postilion=1
fi
if [ ! -f "$plog/server.log" ] && [ "$COUNT_MODE" = log ]; then
  log "no $plog/server.log: a Postilion on port $P_SMTP not started by postilion-up.sh? use POSTILION_COUNT=api"
  exit 2
fi

have_peer=0
if [ "$PEER" = 0 ]; then
  log "PEER=0: peer skipped"
elif port_open $PEER_SMTP && [ -d "$maildirs" ]; then
  log "using the peer already running on 127.0.0.1:$PEER_SMTP"; have_peer=1
else
  "$here/peer-up.sh" >&2
  rc=$?
  if [ $rc = 0 ]; then
    have_peer=1; started_peer=1
  elif [ $rc = 3 ]; then
    log "Postfix/Dovecot not available: peer skipped"
  else
    log "peer-up.sh failed ($rc): peer skipped"
  fi
fi

# --- CPU accounting: where the machine's CPU went during a run -----------------------------------------------
hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
machine_busy_ticks() { # busy jiffies of all CPUs together (everything but idle and iowait)
  awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6 }' /proc/stat
}
tree_ticks() { # ROOT_PID... -> CPU jiffies used so far by the processes of those trees, reaped children included
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v roots="$*" '
    { line = $0; sub(/^[^(]*\(.*\) /, "", line); split(line, f, " ")
      pid = $1; parent[pid] = f[2]; t[pid] = f[12] + f[13] + f[14] + f[15] }
    END { n = split(roots, r, " "); for (i = 1; i <= n; i++) root[r[i]] = 1
          for (p in t) { q = p; for (d = 0; d < 50 && q > 1; d++) { if (q in root) { s += t[p]; break }; q = parent[q] } }
          print s + 0 }'
}
server_roots() { # who -> the pids whose process trees are that server
  if [ "$1" = postilion ]; then
    cat "$work/postilion/server.pid" 2>/dev/null
  else
    awk '{ print $1 }' "$work/peer/spool/pid/master.pid" 2>/dev/null
    cat "$work/peer/dovecot-run/master.pid" 2>/dev/null
  fi | tr '\n' ' '
}

# --- one run ------------------------------------------------------------------------------------------------
failures=0
jfr_pid=""
run() { # who n round -> prints SmtpLoad's output, appends its RESULT line to $results
  local who=$1 n=$2 round=$3 port count out line api_before api_after
  if [ "$who" = postilion ]; then port=$P_SMTP; count=$postilion_count; else port=$PEER_SMTP; count=$peer_count; fi
  if [ "$who" = postilion ]; then
    if ! port_open $P_SMTP; then
      log "the Postilion bench server is gone (nothing on 127.0.0.1:$P_SMTP); its last words:"
      tail -3 "$work/postilion/log/console.log" >&2
      exit 1
    fi
    api_before=$(sh -c "$api_count")
    if [ "${BENCH_JFR:-0}" = 1 ] && [ "$round" != warmup ]; then
      jfr_pid=$(cat "$work/postilion/server.pid" 2>/dev/null)
      mkdir -p "$work/jfr"
      "$jcmd_bin" "$jfr_pid" JFR.start name=round$round settings="${BENCH_JFR_SETTINGS:-profile}" >/dev/null
    fi
  fi
  local roots m0 m1 s0 s1 ctime
  roots=$(server_roots "$who")
  ctime=$(mktemp)
  m0=$(machine_busy_ticks); s0=$(tree_ticks $roots)
  out=$(/usr/bin/env time -f '%U %S' -o "$ctime" java "$here/SmtpLoad.java" --host 127.0.0.1 --port "$port" \
          -n "$n" -s "$SIZE" -c "$CONC" --to "user{1..$USERS}@bench.test" --count-cmd "$count" --label "$who" \
          --quiet --max-seconds "$RUN_MAX" --e2e-timeout "$RUN_MAX")
  local rc=$?
  m1=$(machine_busy_ticks); s1=$(tree_ticks $roots)
  echo "$out" | sed "s/^/  [$who $round] /"
  line=$(echo "$out" | grep '^RESULT ' | tail -1)
  # CPU seconds during the run (accepting and delivering): the server's processes, the load generator (its JVM
  # and compilation included), and everything else on the machine (other users' work: noise)
  local cpu
  cpu=$(awk -v hz="$hz" -v n="$n" -v m="$((m1 - m0))" -v s="$((s1 - s0))" -v c="$(tail -1 "$ctime")" 'BEGIN {
      split(c, x, " "); cl = x[1] + x[2]; srv = s / hz; oth = m / hz - srv - cl; if (oth < 0) oth = 0
      printf "server_cpu_s=%.1f server_cpu_ms_per_msg=%.2f client_cpu_s=%.1f other_cpu_s=%.1f", srv, 1000 * srv / n, cl, oth }')
  rm -f "$ctime"
  line="$line $cpu"
  echo "  [$who $round] CPU during the run: ${cpu//_/ }" | sed 's/ cpu / CPU /g'
  if [ "$who" = postilion ]; then
    if [ "${BENCH_JFR:-0}" = 1 ] && [ "$round" != warmup ]; then
      "$jcmd_bin" "$jfr_pid" JFR.stop name=round$round filename="$work/jfr/postilion-round$round.jfr" >/dev/null \
        && log "JFR: $work/jfr/postilion-round$round.jfr"
    fi
    api_after=$(sh -c "$api_count")
    if [ -z "$api_before" ] || [ -z "$api_after" ] || [ $((api_after - api_before)) != "$n" ]; then
      log "WARNING: the API shows $((${api_after:-0} - ${api_before:-0})) new messages, not $n"
      rc=1
    fi
  fi
  [ $rc = 0 ] || failures=$((failures + 1))
  [ "$round" = warmup ] || echo "round=$round $line" >> "$results"
  sleep 2 # let the machine settle between runs
}

: > "$results"
ear=$(cat "$work/postilion/ear.sha256" 2>/dev/null || echo unknown)
echo "smtp-vs-postfix: N=$N SIZE=$SIZE CONC=$CONC ROUNDS=$ROUNDS WARMUP=$WARMUP peer=$([ $have_peer = 1 ] && echo yes || echo skipped) count=$COUNT_MODE jfr=${BENCH_JFR:-0} postilion_ear_sha256=$ear..."
servers=(postilion)
[ $have_peer = 1 ] && servers+=(peer)
if [ "${BENCH_JFR:-0}" = 1 ]; then
  # The first JFR start in a JVM retransforms classes and throws away compiled code: for a round or two the
  # server then runs interpreted, 2-3 times slower. Start and drop one recording before the warm-up, so the
  # recorded rounds see a JIT that already compiled with JFR on.
  p=$(cat "$work/postilion/server.pid" 2>/dev/null)
  "$jcmd_bin" "$p" JFR.start name=prime settings="${BENCH_JFR_SETTINGS:-profile}" >/dev/null \
    && sleep 2 && "$jcmd_bin" "$p" JFR.stop name=prime >/dev/null
fi
if [ "$WARMUP" -gt 0 ]; then
  for s in "${servers[@]}"; do run "$s" "$WARMUP" warmup; done
fi
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order=("${servers[@]}"); else order=(); for ((k=${#servers[@]}-1; k>=0; k--)); do order+=("${servers[k]}"); done; fi
  for s in "${order[@]}"; do run "$s" "$N" "$r"; done
done

# --- medians ------------------------------------------------------------------------------------------------
field() { # label key -> the values of key in label's RESULT lines, one a line
  grep " label=$1 " "$results" | tr ' ' '\n' | sed -n "s/^$2=//p"
}
median() { # numbers on stdin -> median (NA if none or not numeric)
  sort -g | awk '/^[0-9.]+$/ { v[n++] = $1 } END { if (n == 0) print "NA"; else if (n % 2) print v[(n-1)/2]; else printf "%.2f\n", (v[n/2-1] + v[n/2]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "NA" }'; }

echo
echo "runs (also in $results):"
sed 's/^/  /' "$results"
echo
printf '%-10s %12s %12s %10s %10s %10s %14s %12s   (medians of %d rounds; N=%d, %d B, %d sessions)\n' \
  server accept_msg/s e2e_msg/s p50_ms p90_ms p99_ms server_cpu_ms/msg other_cpu_s "$ROUNDS" "$N" "$SIZE" "$CONC"
declare -A med
for s in postilion peer; do
  for k in accept_msg_s e2e_msg_s p50_ms p90_ms p99_ms server_cpu_ms_per_msg other_cpu_s; do
    med[$s.$k]=$(field $s $k | median)
  done
  if [ "$s" = postilion ] || [ $have_peer = 1 ]; then
    printf '%-10s %12s %12s %10s %10s %10s %14s %12s\n' "$s" "${med[$s.accept_msg_s]}" "${med[$s.e2e_msg_s]}" \
      "${med[$s.p50_ms]}" "${med[$s.p90_ms]}" "${med[$s.p99_ms]}" "${med[$s.server_cpu_ms_per_msg]}" "${med[$s.other_cpu_s]}"
  fi
done
if [ -f "$plog/server.log" ]; then
  errors=$(grep -c ' ERROR ' "$plog/server.log" || true)
  warns=$(grep -c ' WARN ' "$plog/server.log" || true)
  echo "postilion server.log: $errors ERROR, $warns WARN lines ($plog/server.log)"
fi
[ $have_peer = 1 ] || echo "peer skipped: Postfix/Dovecot not available (or PEER=0); no ratios"
[ $failures = 0 ] || echo "$failures run(s) did not accept or deliver everything: see above"
echo "RESULT smtp-vs-postfix accept_ratio=$(ratio "${med[postilion.accept_msg_s]}" "${med[peer.accept_msg_s]}")" \
  "e2e_ratio=$(ratio "${med[postilion.e2e_msg_s]}" "${med[peer.e2e_msg_s]}")" \
  "postilion_accept=${med[postilion.accept_msg_s]} peer_accept=${med[peer.accept_msg_s]}" \
  "postilion_e2e=${med[postilion.e2e_msg_s]} peer_e2e=${med[peer.e2e_msg_s]}" \
  "p50_ms=${med[postilion.p50_ms]} p99_ms=${med[postilion.p99_ms]}" \
  "peer_p50_ms=${med[peer.p50_ms]} peer_p99_ms=${med[peer.p99_ms]}" \
  "postilion_cpu_ms_per_msg=${med[postilion.server_cpu_ms_per_msg]} peer_cpu_ms_per_msg=${med[peer.server_cpu_ms_per_msg]}" \
  "rounds=$ROUNDS n=$N size=$SIZE conc=$CONC ear=$ear"
[ $failures = 0 ]
