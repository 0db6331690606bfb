import GRDB

/// The learner database's tables. Small on purpose: each row keeps the record as the JSON the
/// tutor has always written (so `results --export` and every reader decode exactly what they
/// did from the files), and only what a query or a uniqueness rule needs is a column of its own.
///
/// ```
/// attempt        one answered, revealed or skipped question
///   seq          INTEGER PRIMARY KEY AUTOINCREMENT   order of recording
///   key          TEXT UNIQUE     the attempt's id (older records: a hash of their line), so an
///                                import or a repeated write never records it twice
///   session      TEXT            practice run, exam or lesson visit it belongs to
///   mode         TEXT            practice | exam | lesson
///   question     TEXT            question or checkpoint id
///   record       TEXT            the AttemptRecord as JSON
/// exam           one recorded exam: the row that makes a submit count once
///   id           TEXT PRIMARY KEY
///   outcome      TEXT            submitted | abandoned
///   summary      TEXT NULL       the ExamSummary as JSON (a submitted exam; nil until known)
///   seq          INTEGER         order of recording
/// paused_exam    an exam in progress
///   id           TEXT PRIMARY KEY
///   state        TEXT            the ExamState as JSON
/// set_aside      what could not be used and was kept for the learner (a paused exam that does
///                not hold together), never deleted
///   seq, kind, name, reason, content, time
/// document       one JSON document per name: progress, exercises, settings, review-schedule
///   name         TEXT PRIMARY KEY
///   content      TEXT
///   revision     INTEGER         +1 per write, so a tutor sees that another one wrote
/// legacy_file    the JSON files of older versions already imported (name, records, time)
/// ```
///
/// Migrations are GRDB's: each is applied once, in order, inside a transaction; a database
/// written by a newer tutor (an unknown migration) is refused rather than misread.
enum LearnerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE attempt (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    key TEXT NOT NULL UNIQUE,
                    session TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    question TEXT NOT NULL,
                    record TEXT NOT NULL
                );
                CREATE INDEX attempt_session ON attempt(session);
                CREATE INDEX attempt_question ON attempt(question);
                CREATE TABLE exam (
                    id TEXT PRIMARY KEY NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('submitted', 'abandoned')),
                    summary TEXT,
                    seq INTEGER NOT NULL
                );
                CREATE TABLE paused_exam (
                    id TEXT PRIMARY KEY NOT NULL,
                    state TEXT NOT NULL
                );
                CREATE TABLE set_aside (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    content TEXT NOT NULL,
                    time REAL NOT NULL
                );
                CREATE TABLE document (
                    name TEXT PRIMARY KEY NOT NULL,
                    content TEXT NOT NULL,
                    revision INTEGER NOT NULL
                );
                CREATE TABLE legacy_file (
                    name TEXT PRIMARY KEY NOT NULL,
                    records INTEGER NOT NULL,
                    time REAL NOT NULL
                );
                """)
        }
        return migrator
    }
}
