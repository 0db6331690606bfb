"""Replays review sequences through py-fsrs and prints what it schedules, for
PyFSRSComparisonTests. Input (stdin) and output (stdout) are JSON; see that test."""
import json
import sys
from datetime import datetime, timedelta, timezone

import fsrs
from fsrs import Card, Rating, Scheduler
import fsrs.scheduler as scheduler_module


def utc(seconds):
    return datetime.fromtimestamp(seconds, timezone.utc)


def make_scheduler(config, fuzz):
    return Scheduler(
        parameters=config["parameters"],
        desired_retention=config["desired_retention"],
        learning_steps=[timedelta(seconds=s) for s in config["learning_steps"]],
        relearning_steps=[timedelta(seconds=s) for s in config["relearning_steps"]],
        maximum_interval=config["maximum_interval"],
        enable_fuzzing=fuzz,
    )


def replay(config, sequence):
    scheduler = make_scheduler(config, fuzz=False)
    card = Card(card_id=1, due=utc(sequence[0]["time"]))
    out = []
    for review in sequence:
        card, _ = scheduler.review_card(card, Rating(review["rating"]), utc(review["time"]))
        out.append({
            "state": int(card.state),
            "step": card.step,
            "stability": card.stability,
            "difficulty": card.difficulty,
            "due": card.due.timestamp(),
            "retrievability": scheduler.get_card_retrievability(card, utc(review["time"] + 86400 * 3)),
        })
    return out


def fuzz_window(config, days):
    """The lowest and highest fuzzed interval py-fsrs can give for `days`."""
    scheduler = make_scheduler(config, fuzz=True)
    original = scheduler_module.random
    try:
        scheduler_module.random = lambda: 0.0
        low = scheduler._get_fuzzed_interval(interval=timedelta(days=days)).days
        scheduler_module.random = lambda: 1.0 - 1e-12
        high = scheduler._get_fuzzed_interval(interval=timedelta(days=days)).days
    finally:
        scheduler_module.random = original
    # round(random * (n + 1) + low) reaches one past the window's top at random → 1.
    if days >= 2.5 and high > low and high < config["maximum_interval"]:
        high -= 1
    return [low, high]


request = json.load(sys.stdin)
result = {
    "version": fsrs.__version__ if hasattr(fsrs, "__version__") else None,
    "defaults": list(scheduler_module.DEFAULT_PARAMETERS),
    "runs": [
        {"config": run["config"]["name"], "sequences": [replay(run["config"], s) for s in run["sequences"]]}
        for run in request["runs"]
    ],
    "fuzz": [fuzz_window(request["runs"][0]["config"], d) for d in request["fuzz_days"]],
}
json.dump(result, sys.stdout)
