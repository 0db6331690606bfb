#!/usr/bin/env python3
"""What the Node bootstrap itself costs at a cold start, without the tutor or a sandbox.

Runs `node bootstrap.js` of this checkout and of each revision given (default 32b7bb3, the
bootstrap before issue 10 grew it from 11 to 24 KB), interleaved run by run so all see the same
load, against a one-shot Runtime API served here on an ephemeral loopback port: one event, one
response, then the runtime is killed. Reports per bootstrap the wall time from spawn to the
first `/next` and to the response, and the CPU time (user + system) the runtime used up to the
response, which a loaded machine inflates far less than wall time (see BENCHMARKS.md, "Runtime:
the Node bootstrap's share of a cold start").

Usage: Benchmarks/node-bootstrap.py [--runs N] [--base REV]... [--node PATH]
"""
import argparse, os, socket, statistics, subprocess, tempfile, time

BOOTSTRAP = "Sources/MiniLambda/Bootstraps/node/bootstrap.js"
RESPONSE = (b"HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r1\r\n"
            b"Lambda-Runtime-Deadline-Ms: 9999999999999\r\nContent-Length: 2\r\n\r\n{}")


def read_head(connection):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            raise RuntimeError("the runtime closed the connection")
        data += chunk
    return data


def one_start(node, script, environment):
    """Spawn to first /next and to the response (ms), and the runtime's CPU time (ms)."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        env = dict(environment, AWS_LAMBDA_RUNTIME_API="127.0.0.1:%d" % server.getsockname()[1])
        started = time.perf_counter()
        child = subprocess.Popen([node, script], env=env)
        connection, _ = server.accept()
        with connection:
            read_head(connection)
            at_next = time.perf_counter()
            connection.sendall(RESPONSE)
            read_head(connection)
            at_response = time.perf_counter()
        child.kill()
        _, _, usage = os.wait4(child.pid, 0)
    return ((at_next - started) * 1000, (at_response - started) * 1000,
            (usage.ru_utime + usage.ru_stime) * 1000)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--base", action="append", default=[])
    parser.add_argument("--node", default="node")
    options = parser.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    with tempfile.TemporaryDirectory(prefix="node-bootstrap-bench-") as work:
        scripts = {}
        for revision in options.base or ["32b7bb3"]:
            source = subprocess.run(["git", "show", "%s:%s" % (revision, BOOTSTRAP)], check=True,
                                    capture_output=True).stdout
            scripts[revision] = os.path.join(work, "bootstrap-%s.js" % revision)
            with open(scripts[revision], "wb") as out:
                out.write(source)
        scripts["this checkout"] = os.path.abspath(BOOTSTRAP)
        task = os.path.join(work, "task")
        os.mkdir(task)
        with open(os.path.join(task, "index.js"), "w") as out:
            out.write("exports.handler = async () => ({});\n")
        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "en_US.UTF-8", "TZ": ":UTC",
                       "LAMBDA_TASK_ROOT": task, "_HANDLER": "index.handler",
                       "AWS_EXECUTION_ENV": "AWS_Lambda_nodejs20.x"}
        samples = {name: [] for name in scripts}
        for _ in range(options.runs):
            for name, script in scripts.items():
                samples[name].append(one_start(options.node, script, environment))
        sizes = {name: os.path.getsize(script) for name, script in scripts.items()}
    print("load average %.2f %.2f %.2f; %d runs each, interleaved; ms" % (os.getloadavg() + (options.runs,)))
    print("| bootstrap | bytes | to /next p50 (min) | to response p50 (min) | CPU p50 (min) |")
    print("|---|---|---|---|---|")
    for name, rows in samples.items():
        size = sizes[name]
        cells = []
        for column in range(3):
            values = [row[column] for row in rows]
            cells.append("%.1f (%.1f)" % (statistics.median(values), min(values)))
        print("| %s | %d | %s |" % (name, size, " | ".join(cells)))


if __name__ == "__main__":
    main()
