#!/usr/bin/env bash
# peer-up.sh - start the comparison peer: Postfix smtpd on 127.0.0.1:2526 -> LMTP -> Dovecot -> Maildir.
#
# The peer is what the benchmark compares Postilion with: Postfix accepts SMTP for the virtual domain
# bench.test (users user1..user20), queues each message (one fsync'd queue file), and its lmtp client hands it
# to Dovecot's LMTP service over a unix socket; Dovecot writes it into the user's Maildir
# (bench/work/peer/vmail/bench.test/userK/Maildir/new/).
#
# Separate instances, not the system's: this script runs its OWN Postfix instance (config directory, queue
# and data directory under bench/work/peer/, started with `postfix -c`) and its OWN Dovecot instance
# (`dovecot -c bench/work/peer/dovecot.conf`, base_dir under bench/work/peer/), listening on nothing but
# 127.0.0.1:2526 (smtpd) and unix sockets. /etc/postfix and /etc/dovecot are not changed, and a system
# Postfix or Dovecot, if one runs, is left alone. Only the Debian packages are shared (and the system users
# postfix, dovecot, dovenull, plus a `vmail` user this script adds if missing).
#
# Needs root. Installs postfix, dovecot-core and dovecot-lmtpd with apt-get when they are missing (the
# packages' own services are not started by that: the script stops nothing it did not start).
#
# Every start is fresh: the peer's queue and mailboxes are wiped.
#
# Environment (optional):
#   PEER_PORT      smtpd port on 127.0.0.1            (2526)
#   PEER_USERS     users user1..userN@bench.test      (20)
#   PEER_IMAP_PORT Dovecot IMAP on 127.0.0.1 for the IMAP benchmark (2144); 0 = no IMAP listener. Plain text,
#                  LOGIN allowed (loopback only); needs dovecot-imapd, installed like the other packages
#   PEER_STOP=1    only stop the peer started by this script (same as peer-down.sh)
#   PEER_INSTALL=0 do not install missing packages: exit 3 instead
# Exit status: 0 up; 3 Postfix/Dovecot not available (the benchmark then skips the peer); 1 otherwise.
# Last line: the endpoint and the Maildir root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir=$here/work/peer
port=${PEER_PORT:-2526}
nusers=${PEER_USERS:-20}
imap_port=${PEER_IMAP_PORT:-2144}
domain=bench.test
etc=$dir/postfix-etc
spool=$dir/spool
pdata=$dir/postfix-data
vmail=$dir/vmail
dconf=$dir/dovecot.conf
drun=$dir/dovecot-run

log() { echo "peer-up: $*" >&2; }

stop_peer() {
  if [ -f "$etc/main.cf" ] && postfix -c "$etc" status >/dev/null 2>&1; then
    log "stopping the peer's postfix"
    postfix -c "$etc" stop </dev/null >/dev/null 2>&1 || true
  fi
  local pid
  pid=$(cat "$drun/master.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    log "stopping the peer's dovecot (pid $pid)"
    doveadm -c "$dconf" stop </dev/null >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  for _ in $(seq 100); do
    [ -f "$etc/main.cf" ] && postfix -c "$etc" status >/dev/null 2>&1 || break
    sleep 0.1
  done
}

if [ "$(id -u)" != 0 ]; then
  log "needs root (Postfix and Dovecot drop privileges from root)"; exit 3
fi
if [ "${PEER_STOP:-0}" = 1 ]; then
  stop_peer; echo "peer-up: stopped"; exit 0
fi

# --- packages ---------------------------------------------------------------------------------------------
need=()
command -v postfix >/dev/null 2>&1 || need+=(postfix)
command -v dovecot >/dev/null 2>&1 || need+=(dovecot-core)
[ -x /usr/lib/dovecot/lmtp ] || need+=(dovecot-lmtpd)
[ "$imap_port" = 0 ] || [ -x /usr/lib/dovecot/imap ] || need+=(dovecot-imapd)
if [ ${#need[@]} -gt 0 ]; then
  if [ "${PEER_INSTALL:-1}" = 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "missing ${need[*]} and not installing them: the peer is skipped"; exit 3
  fi
  log "installing ${need[*]} (apt-get)"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections 2>/dev/null || true
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
         "${need[@]}" >/dev/null; }; then
    log "could not install ${need[*]}: the peer is skipped"; exit 3
  fi
fi

# --- a fresh instance directory ---------------------------------------------------------------------------
stop_peer
if ! id vmail >/dev/null 2>&1; then
  useradd --system --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin vmail
fi
vuid=$(id -u vmail); vgid=$(id -g vmail)
rm -rf "$dir"
# Postfix insists that its directories and their parents be owned by root and not writable by others.
mkdir -p "$etc" "$spool" "$pdata" "$vmail/$domain" "$drun"
chmod 755 "$here/work" "$dir" "$etc" "$spool" "$drun"
chown postfix "$pdata"
chown -R vmail:vmail "$vmail"

for i in $(seq 1 "$nusers"); do echo "user$i@$domain OK"; done > "$etc/vmailbox"
for i in $(seq 1 "$nusers"); do
  echo "user$i@$domain:{PLAIN}bench-password:$vuid:$vgid::$vmail/$domain/user$i::"
done > "$dir/dovecot-users"
chown root:dovecot "$dir/dovecot-users"; chmod 640 "$dir/dovecot-users"

# --- dovecot: LMTP only -----------------------------------------------------------------------------------
cat > "$dconf" <<CONF
# Written by bench/peer-up.sh: the benchmark peer's Dovecot, LMTP on a unix socket only, no network listener.
base_dir = $drun
instance_name = dovecot-bench
protocols = lmtp
listen = 127.0.0.1
ssl = no
log_path = $dir/dovecot.log
first_valid_uid = $vuid
mail_uid = vmail
mail_gid = vmail
mail_location = maildir:$vmail/%d/%n/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/dovecot-users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/dovecot-users
}
service lmtp {
  unix_listener $spool/private/dovecot-lmtp {
    mode = 0600
    user = postfix
    group = postfix
  }
}
protocol lmtp {
  postmaster_address = postmaster@$domain
}
CONF
if [ "$imap_port" != 0 ]; then
  # IMAP for bench/imap-*.sh: the same users and Maildirs, plain text on loopback, no per-user connection cap
  # (the IMAP benchmark puts many sessions on one mailbox)
  sed -i 's/^protocols = lmtp$/protocols = lmtp imap/' "$dconf"
  cat >> "$dconf" <<CONF
disable_plaintext_auth = no
auth_mechanisms = plain login
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  mail_max_userip_connections = 20000
}
CONF
fi

# --- postfix: its own instance ----------------------------------------------------------------------------
cp /etc/postfix/master.cf "$etc/master.cf" 2>/dev/null || cp /usr/share/postfix/master.cf.dist "$etc/master.cf"
cat > "$etc/main.cf" <<CONF
# Written by bench/peer-up.sh: the benchmark peer's Postfix instance, loopback only, delivers nothing off
# this machine.
compatibility_level = 3.6
queue_directory = $spool
data_directory = $pdata
mail_owner = postfix
setgid_group = postdrop
myhostname = peer.bench.test
mydomain = bench.test
myorigin = \$myhostname
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relayhost =
default_transport = error:the benchmark peer delivers nothing off this machine
relay_transport = error:the benchmark peer delivers nothing off this machine
smtp_dns_support_level = disabled
virtual_mailbox_domains = $domain
virtual_mailbox_maps = hash:$etc/vmailbox
virtual_transport = lmtp:unix:private/dovecot-lmtp
smtpd_relay_restrictions = permit_mynetworks reject_unauth_destination
smtpd_banner = \$myhostname ESMTP
maillog_file_prefixes = $dir
maillog_file = $dir/postfix.log
biff = no
CONF
# one smtpd inet listener, 127.0.0.1:port; no chroot (the instance's paths are outside the default spool)
for svc in $(postconf -c "$etc" -Mf | awk '$2 == "inet" { print $1 "/inet" }'); do
  postconf -c "$etc" -MX "$svc"
done
postconf -c "$etc" -M "127.0.0.1:$port/inet=127.0.0.1:$port inet n - n - - smtpd"
postconf -c "$etc" -F '*/*/chroot = n'
postmap -c "$etc" "hash:$etc/vmailbox"
postfix -c "$etc" check

# --- start ------------------------------------------------------------------------------------------------
startlog=$(mktemp)
trap 'rm -f "$startlog"' EXIT
if ! dovecot -c "$dconf" </dev/null >/dev/null 2>"$startlog"; then
  log "dovecot did not start:"; cat "$startlog" >&2; exit 1
fi
if ! postfix -c "$etc" start </dev/null >/dev/null 2>"$startlog"; then
  log "postfix did not start:"; cat "$startlog" >&2; stop_peer; exit 1
fi
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && [ -S "$spool/private/dovecot-lmtp" ] \
     && { [ "$imap_port" = 0 ] || (exec 3<>"/dev/tcp/127.0.0.1/$imap_port") 2>/dev/null; }; then
    [ "$imap_port" = 0 ] || log "imap=127.0.0.1:$imap_port (dovecot master pid $(cat "$drun/master.pid"))"
    echo "peer-up: smtp=127.0.0.1:$port users=user1..user$nusers@$domain maildir=$vmail/$domain (stop: $here/peer-down.sh)"
    exit 0
  fi
  sleep 0.1
done
log "not up: nothing on 127.0.0.1:$port or no LMTP socket; see $dir/postfix.log and $dir/dovecot.log"
stop_peer
exit 1
