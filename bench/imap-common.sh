# imap-common.sh - shared by bench/imap-*.sh (sourced, not run): which IMAP server is where, starting the
# ones that do not run yet, stopping at the end only what was started here, and running ImapLoad bounded.
#
# The two servers under test, both on loopback, both with the users user1..user20@bench.test, password
# bench-password (the ones postilion-up.sh and peer-up.sh create):
#
#   postilion  IMAP 127.0.0.1:$POSTILION_IMAP_PORT (2343), the bench server of bench/postilion-up.sh (started
#              here when its SMTP port 2725 does not answer; POSTILION_START=0 never starts it). Its pid (for the
#              heap measurement) is bench/work/postilion/server.pid, or POSTILION_PID.
#   dovecot    IMAP 127.0.0.1:$PEER_IMAP_PORT (2144), the Dovecot of bench/peer-up.sh (started here when the port
#              does not answer; PEER=0 never starts it). Its pid: bench/work/peer/dovecot-run/master.pid.
#
# A server that cannot be started, or that runs but has no IMAP listener (Postilion before issue 4), is
# reported as such (imap_state_<server>: up | no_imap | not_started | skipped) and the scripts go on without it.
#
# Caller sets nothing; it calls imap_server_up NAME, then uses imap_port NAME, imap_pid NAME, imap_state NAME,
# and imap_load ARGS... (java bench/ImapLoad.java with the run bounded by RUN_MAX_SECONDS, 900 by default).

imap_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
imap_work=$imap_here/work
POSTILION_IMAP_PORT=${POSTILION_IMAP_PORT:-2343}
PEER_IMAP_PORT=${PEER_IMAP_PORT:-2144}
export PEER_IMAP_PORT
IMAP_USERS_PASS=bench-password
RUN_MAX_SECONDS=${RUN_MAX_SECONDS:-900}
imap_started_postilion=0
imap_started_peer=0
declare -A imap_states=([postilion]=skipped [dovecot]=skipped)

imap_log() { echo "${imap_script:-imap}: $*" >&2; }
imap_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

imap_port() { if [ "$1" = postilion ]; then echo "$POSTILION_IMAP_PORT"; else echo "$PEER_IMAP_PORT"; fi; }
imap_state() { echo "${imap_states[$1]}"; }

imap_pid() {
  if [ "$1" = postilion ]; then
    if [ -n "${POSTILION_PID:-}" ]; then echo "$POSTILION_PID"; else cat "$imap_work/postilion/server.pid" 2>/dev/null; fi
  else
    cat "$imap_work/peer/dovecot-run/master.pid" 2>/dev/null
  fi
}

# Does an IMAP server greet on the port? (reads "* OK" within 5 s)
imap_greets() {
  local g
  g=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && timeout 5 head -c 4 <&3 && printf 'a LOGOUT\r\n' >&3) 2>/dev/null)
  [ "$g" = "* OK" ]
}

imap_server_up() { # postilion | dovecot -> sets imap_states[NAME]; returns 0 when its IMAP greets
  local who=$1 rc
  if [ "$who" = postilion ]; then
    if [ "${POSTILION:-auto}" = 0 ]; then imap_log "POSTILION=0: Postilion skipped"; return 1; fi
    if ! imap_port_open 2725 && ! imap_port_open "$POSTILION_IMAP_PORT"; then
      if [ "${POSTILION_START:-1}" = 1 ]; then
        "$imap_here/postilion-up.sh" >&2
        rc=$?
        if [ $rc != 0 ]; then
          imap_log "postilion-up.sh failed ($rc): Postilion not measured"; imap_states[postilion]=not_started; return 1
        fi
        imap_started_postilion=1
      fi
    fi
    if imap_greets "$POSTILION_IMAP_PORT"; then
      imap_states[postilion]=up; return 0
    fi
    imap_log "Postilion: no IMAP server greets on 127.0.0.1:$POSTILION_IMAP_PORT (IMAP not built or not listening" \
             "there yet; POSTILION_IMAP_PORT sets the port): Postilion not measured"
    imap_states[postilion]=no_imap
    return 1
  fi
  if [ "${PEER:-auto}" = 0 ]; then imap_log "PEER=0: Dovecot skipped"; return 1; fi
  if ! imap_port_open "$PEER_IMAP_PORT"; then
    "$imap_here/peer-up.sh" >&2
    rc=$?
    if [ $rc != 0 ]; then
      imap_log "peer-up.sh failed ($rc; 3 = Postfix/Dovecot not available): Dovecot not measured"
      imap_states[dovecot]=not_started; return 1
    fi
    imap_started_peer=1
  fi
  if imap_greets "$PEER_IMAP_PORT"; then
    imap_states[dovecot]=up; return 0
  fi
  imap_log "Dovecot: no IMAP greeting on 127.0.0.1:$PEER_IMAP_PORT: Dovecot not measured"
  imap_states[dovecot]=no_imap
  return 1
}

imap_cleanup() {
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    [ $imap_started_postilion = 1 ] || [ $imap_started_peer = 1 ] \
      && imap_log "BENCH_KEEP=1: servers left running (bench/postilion-down.sh, bench/peer-down.sh stop them)"
    return 0
  fi
  [ $imap_started_postilion = 1 ] && "$imap_here/postilion-down.sh" >&2
  [ $imap_started_peer = 1 ] && "$imap_here/peer-down.sh" >&2
  return 0
}

imap_load() { # ImapLoad arguments... (host, password and --max-seconds added)
  java "$imap_here/ImapLoad.java" "$@" --host 127.0.0.1 --pass "$IMAP_USERS_PASS" --max-seconds "$RUN_MAX_SECONDS"
}

# value KEY from a RESULT line given as $2
imap_field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }
imap_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "NA" }'; }

# --- CPU accounting: where the machine's CPU went during a run (the server, the load generator, the rest) -------
imap_hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
imap_busy_ticks() { # busy jiffies of all CPUs together (everything but idle and iowait)
  awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6 }' /proc/stat
}
imap_tree_ticks() { # PID... -> CPU jiffies used so far by those processes and their descendants, reaped ones included
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v roots="$*" '
    { line = $0; sub(/^[^(]*\(.*\) /, "", line); split(line, f, " ")
      pid = $1; parent[pid] = f[2]; t[pid] = f[12] + f[13] + f[14] + f[15] }
    END { n = split(roots, r, " "); for (i = 1; i <= n; i++) root[r[i]] = 1
          for (p in t) { q = p; for (d = 0; d < 50 && q > 1; d++) { if (q in root) { s += t[p]; break }; q = parent[q] } }
          print s + 0 }'
}
imap_cpu_begin() { # server -> remembers the counters
  imap_cpu_roots=$(imap_pid "$1")
  imap_cpu_m0=$(imap_busy_ticks); imap_cpu_s0=$(imap_tree_ticks $imap_cpu_roots); imap_cpu_c0=$(imap_tree_ticks $$)
}
imap_cpu_end() { # ops -> prints "server_cpu_s=… server_cpu_ms_per_op=… client_cpu_s=… other_cpu_s=…"
  local m1 s1 c1
  m1=$(imap_busy_ticks); s1=$(imap_tree_ticks $imap_cpu_roots); c1=$(imap_tree_ticks $$)
  awk -v hz="$imap_hz" -v ops="$1" -v m="$((m1 - imap_cpu_m0))" -v s="$((s1 - imap_cpu_s0))" \
      -v c="$((c1 - imap_cpu_c0))" 'BEGIN {
    srv = s / hz; cl = c / hz; oth = m / hz - srv - cl; if (oth < 0) oth = 0
    printf "server_cpu_s=%.1f server_cpu_ms_per_op=%s client_cpu_s=%.1f other_cpu_s=%.1f", srv,
      (ops > 0 ? sprintf("%.3f", 1000 * srv / ops) : "NA"), cl, oth }'
}
