#!/usr/bin/env bash
# postilion-down.sh - stop the bench server started by postilion-up.sh: SIGTERM (WildFly shuts down
# gracefully, and a JFR recording started with BENCH_JFR=1 is written), then SIGKILL after
# BENCH_STOP_TIMEOUT seconds (60). Only the processes whose ids postilion-up.sh recorded are signalled.
# Leaves bench/work/postilion/ (logs, database) in place for reading; the next postilion-up.sh wipes it.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
base=$here/work/postilion
wait_s=${BENCH_STOP_TIMEOUT:-60}

pid=$(cat "$base/server.pid" 2>/dev/null || true)
launcher=$(cat "$base/launcher.pid" 2>/dev/null || true)
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

if ! alive "$pid" && ! alive "$launcher"; then
  echo "postilion-down: no bench server is running"
  rm -f "$base/server.pid" "$base/launcher.pid"
  exit 0
fi
target=$pid
alive "$target" || target=$launcher
echo "postilion-down: stopping pid $target (SIGTERM)"
kill -TERM "$target" 2>/dev/null
for _ in $(seq $((wait_s * 10))); do
  alive "$pid" || alive "$launcher" || break
  sleep 0.1
done
for p in $pid $launcher; do
  if alive "$p"; then
    echo "postilion-down: pid $p still alive after ${wait_s}s, SIGKILL"
    kill -KILL "$p" 2>/dev/null
  fi
done
rm -f "$base/server.pid" "$base/launcher.pid"
if [ -f "$base/jfr-file" ]; then
  echo "postilion-down: JFR recording $(cat "$base/jfr-file")"
  rm -f "$base/jfr-file"
fi
echo "postilion-down: stopped"
