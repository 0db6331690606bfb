"""Measures lambda-tutor start-up against `python3 -c pass`, and the idle REPL's memory.

Called by startup.sh. Samples are interleaved (tutor, python, tutor, python, ...) so both see
the same machine load; each run gets a fresh data folder so no progress or history skews it.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(argv, stdin, env):
    start = time.perf_counter()
    subprocess.run(argv, input=stdin, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def idle_rss_mb(binary, env):
    """Starts the REPL in tmux, waits for its prompt, reads VmRSS from /proc."""
    if not shutil.which("tmux"):
        return None
    socket = f"lt-bench-{os.getpid()}-{time.monotonic_ns()}"  # one server per sample: a reused name can race the last one's exit
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    envs = " ".join(f"{k}='{v}'" for k, v in env.items())
    subprocess.run(tmux + ["new-session", "-d", "-s", "b", "-x", "100", "-y", "30", f"env -i {envs} {binary}"], check=True)
    try:
        deadline = time.time() + 20
        pid = None
        while time.time() < deadline:
            screen = subprocess.run(tmux + ["capture-pane", "-t", "b", "-p"], capture_output=True, text=True).stdout
            out = subprocess.run(["pgrep", "-f", "-n", binary], capture_output=True, text=True).stdout.strip()
            if "λ ›" in screen and out:
                pid = int(out.split()[0])
                break
            time.sleep(0.05)
        if pid is None:
            return None
        time.sleep(1.0)  # let it settle at the prompt
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    finally:
        subprocess.run(tmux + ["kill-server"], stderr=subprocess.DEVNULL)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--reference", help="another lambda-tutor binary (an older build) measured in the same run")
    args = parser.parse_args()

    real_python = subprocess.run(["python3", "-c", "import sys; print(sys.executable)"], capture_output=True, text=True).stdout.strip()
    home = tempfile.mkdtemp(prefix="lt-bench-")
    env = {"HOME": home, "LAMBDA_TUTOR_HOME": os.path.join(home, "data"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    lessons = len([f for f in os.listdir("Lessons") if f.endswith(".md") and f.lower() != "readme.md"])

    # Warm-up: page cache, dynamic loader.
    for _ in range(3):
        timed([args.binary], b"quit\n", env)
        timed([real_python, "-c", "pass"], b"", env)
    tutor, python, reference = [], [], []
    for _ in range(args.runs):
        shutil.rmtree(env["LAMBDA_TUTOR_HOME"], ignore_errors=True)
        tutor.append(timed([args.binary], b"quit\n", env))
        python.append(timed([real_python, "-c", "pass"], b"", env))
        if args.reference:
            shutil.rmtree(env["LAMBDA_TUTOR_HOME"], ignore_errors=True)
            reference.append(timed([args.reference], b"quit\n", env))
    # The REPLs idle on the data folder the last `quit` left: the learner database exists, as
    # for a returning learner. Three samples each, alternating; the median is reported.
    samples, reference_samples = [], []
    for _ in range(3):
        samples.append(idle_rss_mb(args.binary, env))
        if args.reference:
            reference_samples.append(idle_rss_mb(args.reference, env))
    rss = statistics.median(samples) if None not in samples else None
    reference_rss = statistics.median(reference_samples) if reference_samples and None not in reference_samples else None
    shutil.rmtree(home, ignore_errors=True)

    t50, p50 = statistics.median(tutor), statistics.median(python)
    print(f"lessons parsed at start: {lessons}; runs: {args.runs} (interleaved)")
    print(f"{'':34} {'p50 ms':>8} {'p90 ms':>8} {'min ms':>8}")
    print(f"{'printf quit | lambda-tutor':34} {t50:8.1f} {percentile(tutor, 90):8.1f} {min(tutor):8.1f}")
    print(f"{'python3 -c pass (' + os.path.basename(real_python) + ')':34} {p50:8.1f} {percentile(python, 90):8.1f} {min(python):8.1f}")
    if reference:
        r50 = statistics.median(reference)
        print(f"{'reference (--reference)':34} {r50:8.1f} {percentile(reference, 90):8.1f} {min(reference):8.1f}")
    print(f"ratio (p50): {t50 / p50:.2f}x   goal: <= 2x" + (f"   (reference: {r50 / p50:.2f}x)" if reference else ""))
    print(f"idle REPL RSS: {rss:.1f} MB (samples {', '.join(f'{x:.1f}' for x in samples)})   goal: <= 30 MB" if rss is not None else "idle REPL RSS: not measured (tmux missing)")
    if args.reference:
        print(f"reference idle REPL RSS: {reference_rss:.1f} MB (samples {', '.join(f'{x:.1f}' for x in reference_samples)})" if reference_rss is not None else "reference idle REPL RSS: not measured")


if __name__ == "__main__":
    sys.exit(main())
