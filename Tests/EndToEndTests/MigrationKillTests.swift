import Foundation
import LearnerStore
import Testing
import TestSupport
import TutorSupport

/// The first start of a new tutor on an older data folder imports its JSON files. A real
/// `lambda-tutor` killed at random moments of that start leaves a folder that, once started
/// again, holds exactly what an uninterrupted import gives: no record lost, none doubled.
@Suite("Import of older files under kill", .serialized)
struct MigrationKillTests {
    static let rounds = 12

    /// An older folder with enough answers that the import takes a while.
    static func legacy(_ data: URL) throws {
        try FileManager.default.createDirectory(at: data.appendingPathComponent("exams"), withIntermediateDirectories: true)
        var lines: [String] = []
        for n in 0..<4000 {
            lines.append(#"{"answer":"A","correct":true,"domain":"development","hinted":false,"id":"a\#(n)","mode":"practice","question":"q\#(n % 40)","revealed":false,"seconds":2,"seed":\#(n),"session":"s\#(n / 20)","skipped":false,"time":"2026-11-01T10:00:00Z"}"#)
        }
        for n in 0..<3 {
            lines.append(#"{"answer":"A","batch":"b\#(n)","batchCount":1,"correct":true,"domain":"security","hinted":false,"id":"e\#(n)","mode":"exam","question":"q1","revealed":false,"seconds":2,"seed":1,"session":"exam-\#(n)","skipped":false,"time":"2026-11-01T11:00:00Z"}"#)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: data.appendingPathComponent("attempts.jsonl"), atomically: true, encoding: .utf8)
        try #"{"currentLesson":"alpha","lessons":{},"version":2}"#.write(to: data.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
        try #"{"learner":"Ana"}"#.write(to: data.appendingPathComponent("settings.json"), atomically: true, encoding: .utf8)
    }

    /// What the database holds, in a form to compare.
    static func contents(_ data: URL) throws -> [String] {
        let database = LearnerDatabase(home: DataHome(root: data))
        let attempts = try database.attempts().map { "\($0.key) \($0.session) \($0.question)" }
        let exams = try database.exams().map { "exam \($0.id) \($0.outcome)" }
        let settings = database.settings().values["learner"] as? String ?? "-"
        let progress = try database.document(.progress).map { String(decoding: $0.content, as: UTF8.self) } ?? "-"
        return attempts + exams + ["learner \(settings)", "progress \(progress)"]
    }

    @Test("Killed at random points of the first start: the next start gives the same data, once")
    func randomKills() throws {
        let dir = try TemporaryDirectory()
        let env = TutorBinary.environment(home: dir)
        let data = dir.url.appendingPathComponent("data")
        let template = dir.url.appendingPathComponent("template")
        try Self.legacy(template)

        try FileManager.default.copyItem(at: template, to: data)
        let began = Date()
        let whole = try TutorBinary.run(stdin: "", environment: env)
        let span = Date().timeIntervalSince(began)
        #expect(whole.stderr.contains("your learner files were moved into one database"), "\(whole.stderr)")
        let expected = try Self.contents(data)
        #expect(expected.count == 4003 + 3 + 2)

        var random = SystemRandomNumberGenerator()
        for _ in 0..<Self.rounds {
            try FileManager.default.removeItem(at: data)
            try FileManager.default.copyItem(at: template, to: data)
            let running = try TutorBinary.start([], environment: env)
            running.closeInput()
            usleep(UInt32(Double.random(in: 0...span, using: &random) * 1_000_000))
            running.kill()
            // The next start (here, in-process) finishes what the killed one left.
            #expect(try Self.contents(data) == expected)
            #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("attempts.jsonl").path), "imported files are moved aside")
        }
    }
}
