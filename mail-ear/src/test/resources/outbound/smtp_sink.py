#!/usr/bin/python3
"""A remote MTA for the outbound tests (Debian's python3-aiosmtpd): listens on one loopback address, offers
STARTTLS when given a certificate, answers RCPT and MAIL as told, and writes every message it takes as a JSON file
(envelope, ESMTP parameters, whether TLS was on, the data) into a directory. Exits by itself after --max-seconds."""
import argparse
import asyncio
import json
import os
import ssl
import sys
import threading
import time
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0
        self.lock = threading.Lock()
        self.temp_failures = {}

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.args.mail_reply:
            return self.args.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return '250 2.1.0 Ok'

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split('@')[0].lower()
        for rule in self.args.rcpt_reply:
            prefix, reply = rule.split('=', 1)
            if local.startswith(prefix):
                return reply
        for rule in self.args.fail_first:
            # "prefix=N": the first N RCPTs for such a recipient get 451, the next ones 250
            prefix, times = rule.split('=', 1)
            if local.startswith(prefix):
                with self.lock:
                    seen = self.temp_failures.get(address, 0)
                    self.temp_failures[address] = seen + 1
                if seen < int(times):
                    return '451 4.3.0 Try again later'
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return '250 2.1.5 Ok'

    async def handle_DATA(self, server, session, envelope):
        if self.args.data_delay:
            # the client waits for its reply; if it goes away meanwhile (killed), aiosmtpd cancels this coroutine and
            # nothing is taken: a message counts only once its 250 could be sent
            await asyncio.sleep(self.args.data_delay)
        with self.lock:
            self.count += 1
            n = self.count
        record = {
            'mail_from': envelope.mail_from,
            'rcpt_tos': envelope.rcpt_tos,
            'mail_options': envelope.mail_options,
            'tls': session.ssl is not None,
            'helo': session.host_name,
            'peer': session.peer[0],
            'auth': session.auth_data.decode() if isinstance(session.auth_data, bytes) else None,
            'data': envelope.original_content.decode('utf-8', 'replace'),
        }
        name = os.path.join(self.args.dir, '%d-%d.json' % (int(time.time() * 1000), n))
        with open(name + '.tmp', 'w') as f:
            json.dump(record, f)
        os.rename(name + '.tmp', name)
        return '250 2.0.0 Ok: queued as SINK%d' % n


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--host', required=True)
    p.add_argument('--port', type=int, required=True)
    p.add_argument('--dir', required=True)
    p.add_argument('--cert')
    p.add_argument('--key')
    p.add_argument('--mail-reply')
    p.add_argument('--rcpt-reply', action='append', default=[])
    p.add_argument('--fail-first', action='append', default=[])
    p.add_argument('--auth', help='user:password; then AUTH is required (after STARTTLS) before MAIL')
    p.add_argument('--implicit-tls', action='store_true', help='TLS from the first byte (with --cert)')
    p.add_argument('--data-delay', type=float, default=0, help='seconds before the reply to the end of DATA')
    p.add_argument('--max-seconds', type=int, default=900)
    args = p.parse_args()
    # implicit TLS with AUTH required is safe, but aiosmtpd warns that AUTH does not require (STARTTLS) TLS
    warnings.filterwarnings('ignore', category=UserWarning)
    os.makedirs(args.dir, exist_ok=True)
    kwargs = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.implicit_tls:
            kwargs['ssl_context'] = context
        else:
            kwargs['tls_context'] = context
    if args.auth:
        user, password = args.auth.split(':', 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)

        kwargs['authenticator'] = authenticator
        kwargs['auth_required'] = True
        kwargs['auth_require_tls'] = not args.implicit_tls
    controller = Controller(Handler(args), hostname=args.host, port=args.port, server_hostname='sink.test', **kwargs)
    controller.start()
    print('ready', flush=True)
    deadline = time.time() + args.max_seconds
    try:
        while time.time() < deadline:
            line = sys.stdin.readline()
            if line == '':
                break
    finally:
        controller.stop()


if __name__ == '__main__':
    main()
