"""A stand-in database: an in-memory SQLite copy of the customers table
(do not edit: the tests use their own copy)."""
import sqlite3

ROWS = [
    ("alice", "alice@example.com"),
    ("bob", "bob@example.com"),
    ("o'brien", "obrien@example.com"),
]


def connect():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE customers (name TEXT PRIMARY KEY, email TEXT)")
    connection.executemany("INSERT INTO customers VALUES (?, ?)", ROWS)
    return connection
