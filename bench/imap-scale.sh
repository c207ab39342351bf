#!/usr/bin/env bash
# imap-scale.sh - how IMAP throughput and latency change with mailbox size and with the number of clients.
#
#   bench/imap-scale.sh [postilion] [dovecot]        (default: both; a server that is not up is skipped)
#
# For each mailbox size in SIZES (1000 10000 100000) one user's INBOX is filled to that many messages of SIZE
# octets (user18, user19, user20 - the mailboxes are kept: a second invocation appends nothing), then:
#   select  SELECT + UID FETCH 1:* (FLAGS), REPS times: p50 of the sum;
#   mix     for each count in CLIENT_COUNTS (1 10 100): that many clients, ALL ON THIS ONE MAILBOX, run
#           ImapLoad's Thunderbird-like mix for DURATION seconds after WARMUP_S: ops/s, p50 and p99 over all
#           commands, and the p50 of the commands whose cost grows with the mailbox (SELECT, FETCH 1:* FLAGS,
#           SEARCH UNSEEN) and of APPEND.
# One mailbox per size shared by the clients (rather than a mailbox per client) is a choice: filling 100 users'
# mailboxes to 100 000 messages is out of reach here, and many sessions on one mailbox is the harder case for a
# server (every APPEND, flag change and EXPUNGE is announced to the other sessions).
#
# Prints a table per server and LAST one line
#   RESULT imap-scale servers=... <server>_select_ms_<size>=... <server>_ops_s_<size>_c<clients>=...
#          <server>_p50_ms_<size>_c<clients>=... <server>_p99_ms_<size>_c<clients>=...
# (sizes written 1k, 10k, 100k).
#
# Environment (optional): SIZES ("1000 10000 100000")  CLIENT_COUNTS ("1 10 100")  SIZE (10240)  DURATION (20)
# WARMUP_S (3)  REPS (5)  FILL_CONNS (4)  RUN_MAX_SECONDS (900, per ImapLoad run)  FILL_MAX_SECONDS (3600, per
# fill)  POSTILION_IMAP_PORT (2343)  PEER_IMAP_PORT (2144)  BENCH_KEEP=1 (leave started servers running).
# Filling 100 000 messages takes minutes (Dovecot here: ~400-600 messages/s).
# Exit status: 0 when every run succeeded; 1 otherwise; 2 on bad settings.
set -uo pipefail

imap_script=imap-scale
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=imap-common.sh
. "$here/imap-common.sh"

SIZES=${SIZES:-1000 10000 100000}
CLIENT_COUNTS=${CLIENT_COUNTS:-1 10 100}
SIZE=${SIZE:-10240}
DURATION=${DURATION:-20}
WARMUP_S=${WARMUP_S:-3}
REPS=${REPS:-5}
FILL_CONNS=${FILL_CONNS:-4}
FILL_MAX_SECONDS=${FILL_MAX_SECONDS:-3600}
for v in SIZE DURATION WARMUP_S REPS FILL_CONNS FILL_MAX_SECONDS; do
  case ${!v} in ''|*[!0-9]*) imap_log "$v must be a number, got '${!v}'"; exit 2 ;; esac
done
read -r -a sizes <<< "$SIZES"
read -r -a counts <<< "$CLIENT_COUNTS"
[ ${#sizes[@]} -ge 1 ] && [ ${#sizes[@]} -le 3 ] || { imap_log "SIZES: one to three sizes (users 18..20)"; exit 2; }
for x in "${sizes[@]}" "${counts[@]}"; do
  case $x in ''|*[!0-9]*) imap_log "SIZES and CLIENT_COUNTS are numbers, got '$x'"; exit 2 ;; esac
done
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(postilion dovecot)
for s in "${wanted[@]}"; do
  case $s in postilion|dovecot) ;; *) imap_log "unknown server $s (postilion or dovecot)"; exit 2 ;; esac
done

short() { case $1 in *000000) echo "${1%000000}M" ;; *000) echo "${1%000}k" ;; *) echo "$1" ;; esac; }

trap imap_cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$imap_work"
results=$imap_work/imap-scale-$(date +%Y%m%d-%H%M%S).txt
: > "$results"

servers=()
for s in "${wanted[@]}"; do
  imap_server_up "$s" && servers+=("$s")
done

failures=0
summary=""
for s in "${servers[@]}"; do
  port=$(imap_port "$s")
  for i in "${!sizes[@]}"; do
    n=${sizes[i]}
    user="user$((18 + i))@bench.test"
    echo "[$s] $user: filling to $n messages of $SIZE octets"
    RUN_MAX_SECONDS=$FILL_MAX_SECONDS imap_load fill --port "$port" --users "$user" -n "$n" -s "$SIZE" \
      -c "$FILL_CONNS" --label "$s" --quiet | sed "s/^/  [$s fill] /"
    rc=${PIPESTATUS[0]}
    if [ "$rc" != 0 ]; then
      imap_log "$s: filling $user failed ($rc): size $n skipped"; failures=$((failures + 1)); continue
    fi
    out=$(imap_load select --port "$port" --users "$user" --reps "$REPS" --label "$s" --quiet)
    rc=$?
    echo "$out" | sed "s/^/  [$s $(short "$n")] /"
    [ "$rc" = 0 ] || failures=$((failures + 1))
    echo "server=$s size=$n $(echo "$out" | grep '^RESULT ' | tail -1)" >> "$results"
    for c in "${counts[@]}"; do
      out=$(imap_load mix --port "$port" --users "$user" -c "$c" --duration "$DURATION" --warmup "$WARMUP_S" \
              -s "$SIZE" --label "$s" --quiet)
      rc=$?
      echo "$out" | grep -E '^  |RESULT' | sed "s/^/  [$s $(short "$n") c=$c] /"
      [ "$rc" = 0 ] || failures=$((failures + 1))
      echo "server=$s size=$n clients=$c $(echo "$out" | grep '^RESULT ' | tail -1)" >> "$results"
      sleep 1
    done
  done
done

# --- tables ---------------------------------------------------------------------------------------------------
get() { # server size clients(or -) key
  local line
  if [ "$3" = - ]; then
    line=$(grep "^server=$1 size=$2 RESULT imapload mode=select " "$results" | tail -1)
  else
    line=$(grep "^server=$1 size=$2 clients=$3 RESULT " "$results" | tail -1)
  fi
  local v
  v=$(imap_field "$4" "$line")
  echo "${v:-NA}"
}
echo
echo "runs: $results"
for s in "${servers[@]}"; do
  echo
  echo "$s (IMAP 127.0.0.1:$(imap_port "$s")), $SIZE-octet messages, mix $DURATION s after $WARMUP_S s warm-up;" \
       "latencies in ms"
  printf '%9s %8s %10s %9s %9s %9s %11s %11s %11s %9s\n' mailbox clients "SEL+FETCH" "ops/s" p50 p99 "select p50" \
    "fetch1:* p50" "search p50" "append p50"
  for n in "${sizes[@]}"; do
    sel=$(get "$s" "$n" - sum_p50_ms)
    summary="$summary ${s}_select_ms_$(short "$n")=$sel"
    for c in "${counts[@]}"; do
      ops=$(get "$s" "$n" "$c" ops_s); p50=$(get "$s" "$n" "$c" p50_ms); p99=$(get "$s" "$n" "$c" p99_ms)
      printf '%9s %8s %10s %9s %9s %9s %11s %11s %11s %9s\n' "$n" "$c" "$sel" "$ops" "$p50" "$p99" \
        "$(get "$s" "$n" "$c" select_p50_ms)" "$(get "$s" "$n" "$c" fetch_flags_p50_ms)" \
        "$(get "$s" "$n" "$c" search_unseen_p50_ms)" "$(get "$s" "$n" "$c" append_p50_ms)"
      summary="$summary ${s}_ops_s_$(short "$n")_c$c=$ops ${s}_p50_ms_$(short "$n")_c$c=$p50 ${s}_p99_ms_$(short "$n")_c$c=$p99"
    done
  done
done
for s in postilion dovecot; do
  case " ${wanted[*]} " in *" $s "*) [ "$(imap_state "$s")" = up ] || echo "$s: $(imap_state "$s") - not measured" ;; esac
done
[ $failures = 0 ] || echo "$failures run(s) failed or had failed commands: see above"
servers_list=$(IFS=,; echo "${servers[*]}")
echo "RESULT imap-scale servers=${servers_list:-none} size=$SIZE duration=$DURATION$summary"
[ $failures = 0 ] && [ ${#servers[@]} = ${#wanted[@]} ]
