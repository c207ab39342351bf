#!/usr/bin/env bash
# peer-down.sh - stop the peer's Postfix and Dovecot instances started by peer-up.sh (nothing else).
# Leaves bench/work/peer/ (logs, Maildirs) for reading; the next peer-up.sh wipes it.
here=$(cd "$(dirname "$0")" && pwd)
PEER_STOP=1 exec "$here/peer-up.sh"
