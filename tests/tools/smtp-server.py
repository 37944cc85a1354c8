#!/usr/bin/python3
"""smtp-server.py DIRECTORY PORTFILE [SECONDS] - an SMTP server on 127.0.0.1
for the mail test (t1600): aiosmtpd's Controller on a free port, which it
writes to PORTFILE once it listens; each message it receives is saved,
exactly as received, to DIRECTORY/NNNN.eml. It stops on SIGTERM or SIGINT,
and by itself after SECONDS (default 120), so that a test that dies cannot
leave it running."""
import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Saver:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(self.directory, "%04d.eml" % self.count)
        with open(name + ".tmp", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        with open(name + ".rcpt", "w") as out:
            out.write("\n".join(envelope.rcpt_tos) + "\n")
        os.rename(name + ".tmp", name)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    directory, port_file = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 120
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    controller = Controller(Saver(directory), hostname="127.0.0.1", port=free_port())
    controller.start()
    with open(port_file + ".tmp", "w") as out:
        out.write("%d\n" % controller.port)
    os.rename(port_file + ".tmp", port_file)
    stop.wait(seconds)
    controller.stop()


if __name__ == "__main__":
    main()
