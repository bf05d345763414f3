"""The local SMTP server of `make run` and `make test`: accepts every message on loopback and
keeps it in a Maildir (var/mail/<name>), nothing leaves the machine.
    mailserver.py PORT MAILDIR          serve until stopped
    mailserver.py --list MAILDIR [N]    print the last N messages kept (make mail)"""
import email.header
import mailbox
import os
import signal
import sys
import threading


def serve(port, path):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Mailbox
    os.makedirs(os.path.dirname(path), exist_ok=True)
    controller = Controller(Mailbox(path), hostname='127.0.0.1', port=port)
    controller.start()
    print('SMTP on 127.0.0.1:%d, keeping messages in %s' % (port, path), flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


def decoded(value):
    return str(email.header.make_header(email.header.decode_header(value or '')))


def text_of(message):
    for part in message.walk():
        if part.get_content_type() in ('text/plain', 'text/html') and not part.is_multipart():
            payload = part.get_payload(decode=True) or b''
            return payload.decode(part.get_content_charset() or 'utf-8', 'replace')
    return ''


def show(path, count):
    if not os.path.isdir(path):
        print('No mail kept yet (%s).' % path)
        return
    box = mailbox.Maildir(path, factory=None)
    messages = sorted(box.items(), key=lambda item: item[1].get_date())[-count:]
    for _key, message in messages:
        print('=' * 78)
        for header in ('Date', 'From', 'To', 'Subject'):
            print('%-8s %s' % (header + ':', decoded(message.get(header))))
        print('-' * 78)
        print(text_of(message)[:2000])
    print('%d message(s) in %s' % (len(box), path))


if __name__ == '__main__':
    if sys.argv[1] == '--list':
        show(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 10)
    else:
        serve(int(sys.argv[1]), sys.argv[2])
