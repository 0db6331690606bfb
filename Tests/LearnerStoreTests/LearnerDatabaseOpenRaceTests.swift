import Foundation
import Synchronization
import Testing
import TestSupport
import TutorSupport
@testable import LearnerStore

/// Several connections opening one new database at the same moment: each store of the tutor
/// (attempts, exams, progress, the schedule) has its own ``LearnerDatabase``, and two tutors may
/// start together on one folder. Every open must succeed, none may take the others' fresh file
/// for a damaged one, and every write must be there afterwards.
@Suite("Learner database: concurrent first opens")
struct LearnerDatabaseOpenRaceTests {
    @Test("Eight connections opening a new database at once all open, and nothing is moved aside")
    func concurrentOpens() throws {
        let rounds = 40, connections = 8
        for round in 0..<rounds {
            let dir = try TemporaryDirectory()
            let home = DataHome(root: dir.url.appendingPathComponent("data"))
            let failures = Mutex<[String]>([])
            let notices = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: connections) { n in
                let database = LearnerDatabase(home: home)
                do {
                    try database.append([LearnerDatabaseTests.attempt("r\(round)-c\(n)")])
                    _ = try database.attempts()
                } catch {
                    failures.withLock { $0.append("connection \(n): \(error)") }
                }
                let found = database.takeNotices()
                notices.withLock { $0 += found }
            }
            #expect(failures.withLock { $0 }.isEmpty, "round \(round): \(failures.withLock { $0 })")
            #expect(notices.withLock { $0 }.isEmpty, "round \(round): \(notices.withLock { $0 })")
            let keys = try LearnerDatabase(home: home).attempts().map(\.key).sorted()
            #expect(keys == (0..<connections).map { "r\(round)-c\($0)" }.sorted(), "round \(round)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.root.path).filter { $0.contains("damaged") }
            #expect(leftovers.isEmpty, "round \(round): \(leftovers)")
            if !failures.withLock({ $0 }).isEmpty || !leftovers.isEmpty { return }
        }
    }
}
