import Foundation
import GRDB
import TutorSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Brings the JSON files of earlier versions into the learner database, once.
///
/// The files: `attempts.jsonl`, `exams/history.jsonl`, `exams/paused-*.json`, `progress.json`,
/// `exercises.json`, `settings.json`, `review-schedule.json`. Each record is copied as the JSON
/// it was (the typed readers decode it from the database as they did from the file).
///
/// - **One transaction** for everything read, so a kill mid-import leaves the database as it
///   was, and the next start imports again from the untouched files.
/// - **Idempotent**: an attempt is keyed by its id (an old record without one, by a hash of its
///   line), an exam by its id, a document or paused exam is taken only if the database has none
///   of that name. Importing the same files twice — after a kill between the commit and the
///   moving of the files, or by two tutors starting together — changes nothing the second time.
/// - **Exactly once for exams**: the attempt log's batch rule is applied (a submit's answers
///   count only when all of them were written, and only the first complete batch per exam), and
///   an exam already recorded in the database takes none of the file's answers for it.
/// - **Nothing lost**: after the commit the files move into `migrated-DATE/` in the data folder
///   (kept; the learner may delete them). A line or file that cannot be read is not imported,
///   is said in the notice, and stays in that folder.
struct LegacyImport {
    let home: DataHome
    let now: Date

    /// Legacy file names relative to the data folder (paused exams are found by pattern).
    static let documents: [(file: String, document: LearnerDocument)] = [
        ("progress.json", .progress), ("exercises.json", .exercises), ("settings.json", .settings),
        ("review-schedule.json", .reviewSchedule),
    ]
    static let attemptLog = "attempts.jsonl"
    static let examHistory = "exams/history.jsonl"

    /// What one run found, for the notice.
    struct Tally {
        var files: [String] = []
        var attempts = 0
        var exams = 0
        var paused = 0
        var documents: [String] = []
        var problems: [String] = []
        var late: [String] = []
    }

    /// Imports what is there and moves the files; returns the notices (none when there was
    /// nothing to import).
    func run(_ queue: DatabaseQueue) throws -> [String] {
        guard !present().isEmpty else { return [] }
        let tally = try queue.write { db in try importAll(db) }
        guard !tally.files.isEmpty else { return [] }
        let folder = try moveAside(tally.files)
        var parts: [String] = []
        if tally.attempts > 0 { parts.append("\(tally.attempts) answer(s)") }
        if tally.exams > 0 { parts.append("\(tally.exams) exam(s)") }
        if tally.paused > 0 { parts.append("\(tally.paused) paused exam(s)") }
        parts += tally.documents
        var notices: [String] = []
        if tally.late.isEmpty {
            notices.append("your learner files were moved into one database, \(home.learnerDatabase.lastPathComponent): "
                           + (parts.isEmpty ? "nothing new" : parts.joined(separator: ", "))
                           + "; the old files are kept in \(folder.path)")
        }
        if !tally.late.isEmpty {
            notices.append("\(tally.late.joined(separator: ", ")) turned up again after this data folder moved to \(home.learnerDatabase.lastPathComponent) "
                           + "(an earlier start stopped before moving them, or an older lambda-tutor wrote them); "
                           + (parts.isEmpty ? "nothing in them was new" : "what was new in them was added")
                           + ", and they were moved to \(folder.path)")
        }
        return notices + tally.problems
    }

    /// The legacy files present, relative paths.
    func present() -> [String] {
        var names = Self.documents.map(\.file) + [Self.attemptLog, Self.examHistory]
        let exams = home.root.appendingPathComponent("exams")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: exams.path)) ?? []).sorted()
        where name.hasPrefix("paused-") && name.hasSuffix(".json") {
            names.append("exams/" + name)
        }
        return names.filter { Self.isRegularFile(home.root.appendingPathComponent($0).path) }
    }

    private func importAll(_ db: Database) throws -> Tally {
        var tally = Tally()
        let files = present()
        let known = Set(try String.fetchAll(db, sql: "SELECT name FROM legacy_file"))
        tally.late = files.filter(known.contains)
        tally.files = files
        var recorded = Set(try String.fetchAll(db, sql: "SELECT id FROM exam"))

        // Answers, with the batch rule.
        let (attempts, summaries) = (try readLines(Self.attemptLog, &tally), try readLines(Self.examHistory, &tally))
        let (kept, examOutcomes) = Self.counted(attempts)
        let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt") ?? 0
        var firstSummary: [String: Data] = [:]
        var summaryOrder: [String] = []
        for line in summaries {
            guard let id = line.object["examID"] as? String, firstSummary[id] == nil else { continue }
            firstSummary[id] = line.data
            summaryOrder.append(id)
        }
        // Exams in the order their answers were written, then summaries without answers.
        var order: [String] = []
        for line in kept where line.batch != nil && examOutcomes[line.session] != nil && !order.contains(line.session) {
            order.append(line.session)
        }
        order += summaryOrder.filter { !order.contains($0) }
        var takenExams = Set<String>()
        for id in order where !recorded.contains(id) {
            let outcome = examOutcomes[id] ?? .submitted
            _ = try LearnerDatabase.recordExam(id: id, outcome: outcome, summary: outcome == .submitted ? firstSummary[id] : nil, attempts: [], db)
            recorded.insert(id)
            takenExams.insert(id)
            tally.exams += 1
        }
        let rows = kept.filter { line in
            // An exam's answers come only with its exam row: one already in the database keeps its own.
            guard line.batch != nil else { return true }
            return takenExams.contains(line.session)
        }.map { StoredAttempt(key: $0.key, session: $0.session, mode: $0.mode, question: $0.question, record: $0.data) }
        try LearnerDatabase.insert(rows, db)
        tally.attempts = (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempt") ?? 0) - before

        // Paused exams.
        for file in files where file.hasPrefix("exams/paused-") {
            guard let data = read(file, &tally) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let id = object["id"] as? String, !id.isEmpty else {
                tally.problems.append("the paused exam \(file) could not be read (not a paused exam); it was not imported and is kept with the old files")
                continue
            }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM paused_exam WHERE id = ?", arguments: [id]) == nil {
                try db.execute(sql: "INSERT INTO paused_exam (id, state) VALUES (?, ?)", arguments: [id, String(decoding: data, as: UTF8.self)])
                if !recorded.contains(id) { tally.paused += 1 }
            }
        }

        // Documents.
        for (file, document) in Self.documents where files.contains(file) {
            guard let data = read(file, &tally) else { continue }
            guard (try? JSONSerialization.jsonObject(with: data)) != nil else {
                tally.problems.append("\(file) could not be read (not valid JSON); it was not imported and is kept with the old files")
                continue
            }
            if try LearnerDatabase.document(document, db) == nil {
                try db.execute(sql: "INSERT INTO document (name, content, revision) VALUES (?, ?, 1)",
                               arguments: [document.rawValue, String(decoding: data, as: UTF8.self)])
                tally.documents.append(Self.describe(document))
            }
        }

        for file in files {
            try db.execute(sql: "INSERT OR REPLACE INTO legacy_file (name, records, time) VALUES (?, ?, ?)",
                           arguments: [file, file == Self.attemptLog ? attempts.count : 1, now.timeIntervalSince1970])
        }
        return tally
    }

    static func describe(_ document: LearnerDocument) -> String {
        switch document {
        case .progress: "lesson progress"
        case .exercises: "exercise progress"
        case .settings: "settings"
        case .reviewSchedule: "the review schedule"
        }
    }

    // MARK: - Reading the files

    /// One line of a JSON Lines file, as far as the import needs to look into it.
    struct Line {
        var data: Data
        var object: [String: Any]
        var key: String
        var session: String
        var mode: String
        var question: String
        var batch: String?
        var batchCount: Int?
        var abandoned: Bool
    }

    private func read(_ file: String, _ tally: inout Tally) -> Data? {
        let url = home.root.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            if FileManager.default.fileExists(atPath: url.path) {
                tally.problems.append("\(url.path) could not be read; it was not imported and is kept with the old files")
            }
            return nil
        }
        return data
    }

    /// The decodable lines of `file` (attempts, or exam summaries); a line that is not a JSON
    /// object is counted in a notice and left in the kept file.
    private func readLines(_ file: String, _ tally: inout Tally) throws -> [Line] {
        guard let data = read(file, &tally) else { return [] }
        var lines: [Line] = []
        var damaged = 0
        for slice in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let bytes = Data(slice)
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] else {
                damaged += 1
                continue
            }
            if file == Self.attemptLog {
                guard let session = object["session"] as? String, let mode = object["mode"] as? String,
                      let question = object["question"] as? String else {
                    damaged += 1
                    continue
                }
                let key = (object["id"] as? String).map { "id:" + $0 } ?? "line:" + Self.stableHash(bytes)
                lines.append(Line(data: bytes, object: object, key: key, session: session, mode: mode, question: question,
                                  batch: object["batch"] as? String, batchCount: (object["batchCount"] as? NSNumber)?.intValue,
                                  abandoned: (object["abandoned"] as? Bool) ?? false))
            } else {
                lines.append(Line(data: bytes, object: object, key: "", session: "", mode: "", question: "", batch: nil, batchCount: nil, abandoned: false))
            }
        }
        if damaged > 0 {
            tally.problems.append("\(damaged) damaged line(s) of \(file) could not be imported; they are kept with the old files")
        }
        return lines
    }

    /// The attempt log's rule, as the file-based log applied it on every read: a batch (the
    /// answers of one exam submit or abandon) counts only when all its records are there, and
    /// only the first complete batch of an exam counts. Also returns each counted exam's outcome.
    static func counted(_ lines: [Line]) -> (lines: [Line], exams: [String: StoredExam.Outcome]) {
        var sizes: [String: Int] = [:]
        for line in lines {
            if let batch = line.batch { sizes[batch, default: 0] += 1 }
        }
        var owner: [String: String] = [:]
        var outcomes: [String: StoredExam.Outcome] = [:]
        var kept: [Line] = []
        for line in lines {
            guard let batch = line.batch else {
                kept.append(line)
                continue
            }
            guard sizes[batch] == line.batchCount else { continue }
            let first = owner[line.session] ?? batch
            owner[line.session] = first
            guard first == batch else { continue }
            kept.append(line)
            if line.abandoned { outcomes[line.session] = .abandoned } else if outcomes[line.session] == nil { outcomes[line.session] = .submitted }
        }
        return (kept, outcomes)
    }

    /// FNV-1a, 64 bits, as hex: the same line gives the same key on every run and machine.
    static func stableHash(_ bytes: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    // MARK: - Moving the files aside

    /// Moves the imported files into `migrated-DATE/` (created 0700), keeping their relative
    /// paths. A file already gone (another tutor moved it) is skipped.
    private func moveAside(_ files: [String]) throws -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let folder = home.root.appendingPathComponent("migrated-\(formatter.string(from: now))", isDirectory: true)
        for file in files {
            let source = home.root.appendingPathComponent(file)
            let target = folder.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            var destination = target
            var counter = 1
            while FileManager.default.fileExists(atPath: destination.path) {
                counter += 1
                destination = target.deletingLastPathComponent().appendingPathComponent("\(target.lastPathComponent).\(counter)")
            }
            if rename(source.path, destination.path) != 0, errno != ENOENT {
                throw FileError(path: source.path, errno: errno, action: "move the imported file")
            }
        }
        AtomicFile.syncDirectory(folder.path)
        AtomicFile.syncDirectory(folder.appendingPathComponent("exams").path)
        AtomicFile.syncDirectory(home.root.appendingPathComponent("exams").path)
        AtomicFile.syncDirectory(home.root.path)
        return folder
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_uid == geteuid()
    }
}
