"""A stand-in for slow work, such as a call to another service (do not edit: the tests use their own copy)."""
import time


def process(item):
    time.sleep(0.4)
    return item.upper()
