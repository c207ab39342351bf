#!/usr/bin/env bash
# imap-vs-dovecot.sh - Postilion's IMAP against Dovecot's, the same figures measured in the same run.
#
# Two figures per server, with bench/ImapLoad.java:
#   select  SELECT INBOX + UID FETCH 1:* (FLAGS) on user1's INBOX of MESSAGES messages, REPS times after 2
#           warm-up repetitions: the p50 of the sum (the issue's target: < 300 ms at 100 000 messages);
#   mix     CLIENTS clients, each its own user (user2, user3, ...; INBOX of MIX_MESSAGES messages), running the
#           Thunderbird-like mix of ImapLoad for DURATION seconds after WARMUP_S seconds not counted: commands per
#           second and their p50/p99 latency over all commands.
# The mailboxes are filled first over IMAP APPEND (ImapLoad fill, up to the count; a second run appends nothing).
# With ROUNDS > 1 the servers alternate who goes first. Servers (see imap-common.sh):
#   Postilion  IMAP 127.0.0.1:$POSTILION_IMAP_PORT (2343), bench/postilion-up.sh started unless running;
#   Dovecot    IMAP 127.0.0.1:$PEER_IMAP_PORT (2144) of bench/peer-up.sh (same Maildirs as its LMTP), started
#              unless running.
# A server that is not available or has no IMAP listener is reported (state no_imap / not_started / skipped) and
# its figures and the ratios are NA; the other is still measured.
#
# Prints every run, a table, and LAST:
#   RESULT imap-vs-dovecot select_ratio=... mix_ratio=... postilion_select_ms=... dovecot_select_ms=...
#          postilion_mix_ops_s=... dovecot_mix_ops_s=... postilion_mix_p50_ms=... postilion_mix_p99_ms=...
#          dovecot_mix_p50_ms=... dovecot_mix_p99_ms=... postilion=STATE dovecot=STATE messages=... clients=...
# The mix runs also get the CPU the server's process tree used during them, per measured command
# (server_cpu_ms_per_op, an upper bound: logins and the warm-up are in it too), and the CPU everything else on the
# machine used (other_cpu_s: someone else's build; a large figure makes the run incomparable).
# select_ratio = Dovecot's time / Postilion's (above 1: Postilion is faster); mix_ratio = Postilion's ops/s /
# Dovecot's (above 1: Postilion is faster). Medians over the rounds. Servers started here are stopped at the end
# (BENCH_KEEP=1 keeps them).
#
# Environment (optional): MESSAGES (10000)  MIX_MESSAGES (1000)  SIZE (10240)  CLIENTS (10, <= 19 own users;
# more share them)  DURATION (30)  WARMUP_S (5)  REPS (10)  ROUNDS (1)  FILL_CONNS (4)  POSTILION (auto|0)
# PEER (auto|0)  POSTILION_IMAP_PORT (2343)  PEER_IMAP_PORT (2144)  RUN_MAX_SECONDS (900, per ImapLoad run)
# FILL_MAX_SECONDS (1800, per fill)  BENCH_KEEP=1.
# Exit status: 0 when both servers were measured without a failed command; 1 otherwise; 2 on bad settings.
set -uo pipefail

imap_script=imap-vs-dovecot
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=imap-common.sh
. "$here/imap-common.sh"

MESSAGES=${MESSAGES:-10000}
MIX_MESSAGES=${MIX_MESSAGES:-1000}
SIZE=${SIZE:-10240}
CLIENTS=${CLIENTS:-10}
DURATION=${DURATION:-30}
WARMUP_S=${WARMUP_S:-5}
REPS=${REPS:-10}
ROUNDS=${ROUNDS:-1}
FILL_CONNS=${FILL_CONNS:-4}
FILL_MAX_SECONDS=${FILL_MAX_SECONDS:-1800}
for v in MESSAGES MIX_MESSAGES SIZE CLIENTS DURATION WARMUP_S REPS ROUNDS FILL_CONNS FILL_MAX_SECONDS; do
  case ${!v} in ''|*[!0-9]*) imap_log "$v must be a number, got '${!v}'"; exit 2 ;; esac
done
[ "$ROUNDS" -ge 1 ] && [ "$CLIENTS" -ge 1 ] || { imap_log "ROUNDS and CLIENTS must be at least 1"; exit 2; }
last_mix_user=$((CLIENTS + 1 > 20 ? 20 : CLIENTS + 1))
mix_users="user{2..$last_mix_user}@bench.test"

trap imap_cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$imap_work"
results=$imap_work/imap-vs-dovecot-$(date +%Y%m%d-%H%M%S).txt
: > "$results"

servers=()
for s in postilion dovecot; do
  imap_server_up "$s" && servers+=("$s")
done

failures=0
# --- fill -----------------------------------------------------------------------------------------------------
ready=()
for s in "${servers[@]}"; do
  port=$(imap_port "$s")
  echo "[$s] filling user1 to $MESSAGES and $mix_users to $MIX_MESSAGES messages of $SIZE octets (IMAP APPEND)"
  RUN_MAX_SECONDS=$FILL_MAX_SECONDS imap_load fill --port "$port" --users user1@bench.test -n "$MESSAGES" -s "$SIZE" \
    -c "$FILL_CONNS" --label "$s" --quiet | sed "s/^/  [$s fill] /"
  rc=${PIPESTATUS[0]}
  if [ "$rc" = 0 ]; then
    RUN_MAX_SECONDS=$FILL_MAX_SECONDS imap_load fill --port "$port" --users "$mix_users" -n "$MIX_MESSAGES" -s "$SIZE" \
      -c "$FILL_CONNS" --label "$s" --quiet | sed "s/^/  [$s fill] /"
    rc=${PIPESTATUS[0]}
  fi
  if [ "$rc" = 3 ]; then
    imap_log "$s: IMAP answers but the bench users cannot log in (see above): not measured"
    imap_states[$s]=no_login
  elif [ "$rc" != 0 ]; then
    imap_log "$s: the fill failed ($rc): not measured"
    imap_states[$s]=fill_failed
  else
    ready+=("$s")
  fi
done

# --- rounds ---------------------------------------------------------------------------------------------------
run() { # server round
  local s=$1 r=$2 port out line rc
  port=$(imap_port "$s")
  out=$(imap_load select --port "$port" --users user1@bench.test --reps "$REPS" --label "$s" --quiet)
  rc=$?
  echo "$out" | sed "s/^/  [$s round $r] /"
  line=$(echo "$out" | grep '^RESULT ' | tail -1)
  [ "$rc" = 0 ] || failures=$((failures + 1))
  echo "round=$r server=$s $line" >> "$results"
  imap_cpu_begin "$s"
  out=$(imap_load mix --port "$port" --users "$mix_users" -c "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP_S" \
          -s "$SIZE" --label "$s" --quiet)
  rc=$?
  echo "$out" | sed "s/^/  [$s round $r] /"
  line=$(echo "$out" | grep '^RESULT ' | tail -1)
  # CPU of the whole mix run (warm-up, logins and logouts included) per measured command: an upper bound
  local cpu
  cpu=$(imap_cpu_end "$(imap_field ops "$line")")
  echo "  [$s round $r] CPU during the mix run: $cpu"
  line="$line $cpu"
  [ "$rc" = 0 ] || failures=$((failures + 1))
  echo "round=$r server=$s $line" >> "$results"
  sleep 2
}
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order=("${ready[@]}"); else order=(); for ((k=${#ready[@]}-1; k>=0; k--)); do order+=("${ready[k]}"); done; fi
  for s in "${order[@]}"; do run "$s" "$r"; done
done

# --- medians --------------------------------------------------------------------------------------------------
field() { # server mode key -> values, one a line
  grep " server=$1 " "$results" | grep " mode=$2 " | tr ' ' '\n' | sed -n "s/^$3=//p"
}
median() {
  sort -g | awk '/^[0-9.]+$/ { v[n++] = $1 } END { if (n == 0) print "NA"; else if (n % 2) print v[(n-1)/2]; else printf "%.2f\n", (v[n/2-1] + v[n/2]) / 2 }'
}
declare -A med
for s in postilion dovecot; do
  med[$s.select]=$(field "$s" select sum_p50_ms | median)
  med[$s.select_p90]=$(field "$s" select sum_p90_ms | median)
  med[$s.messages]=$(field "$s" select messages | median)
  med[$s.ops]=$(field "$s" mix ops_s | median)
  med[$s.p50]=$(field "$s" mix p50_ms | median)
  med[$s.p99]=$(field "$s" mix p99_ms | median)
  med[$s.cpu]=$(field "$s" mix server_cpu_ms_per_op | median)
  med[$s.other]=$(field "$s" mix other_cpu_s | median)
done
echo
echo "runs (also in $results):"
sed 's/^/  /' "$results"
echo
printf '%-10s %-12s %10s %16s %16s %12s %10s %10s %14s %11s\n' server state messages "select+fetch p50" \
  "select+fetch p90" "mix ops/s" "mix p50" "mix p99" "CPU ms/command" "other CPU"
for s in postilion dovecot; do
  printf '%-10s %-12s %10s %13s ms %13s ms %12s %7s ms %7s ms %14s %9s s\n' "$s" "$(imap_state "$s")" \
    "${med[$s.messages]}" "${med[$s.select]}" "${med[$s.select_p90]}" "${med[$s.ops]}" "${med[$s.p50]}" \
    "${med[$s.p99]}" "${med[$s.cpu]}" "${med[$s.other]}"
done
echo "(medians of $ROUNDS round(s); mix: $CLIENTS clients, $MIX_MESSAGES messages each, $DURATION s after $WARMUP_S s warm-up)"
[ $failures = 0 ] || echo "$failures run(s) had failed commands: see above"
echo "RESULT imap-vs-dovecot select_ratio=$(imap_ratio "${med[dovecot.select]}" "${med[postilion.select]}")" \
  "mix_ratio=$(imap_ratio "${med[postilion.ops]}" "${med[dovecot.ops]}")" \
  "postilion_select_ms=${med[postilion.select]} dovecot_select_ms=${med[dovecot.select]}" \
  "postilion_mix_ops_s=${med[postilion.ops]} dovecot_mix_ops_s=${med[dovecot.ops]}" \
  "postilion_mix_p50_ms=${med[postilion.p50]} postilion_mix_p99_ms=${med[postilion.p99]}" \
  "dovecot_mix_p50_ms=${med[dovecot.p50]} dovecot_mix_p99_ms=${med[dovecot.p99]}" \
  "postilion_cpu_ms_per_op=${med[postilion.cpu]} dovecot_cpu_ms_per_op=${med[dovecot.cpu]}" \
  "postilion=$(imap_state postilion) dovecot=$(imap_state dovecot) messages=$MESSAGES clients=$CLIENTS" \
  "mix_messages=$MIX_MESSAGES size=$SIZE rounds=$ROUNDS"
[ $failures = 0 ] && [ ${#ready[@]} = 2 ]
