@testable import MiniLambda
import Foundation
import TestSupport
import Testing

/// The environments' folder is the learner's alone: a folder someone else made first, or can
/// write, is refused with a sentence saying why (before, another user who created
/// /var/tmp/lambda-tutor-envs-UID could swap every environment's bootstrap); leftovers of dead
/// tutors are cleaned, nothing of a live one is touched.
@Suite(.serialized)
struct ScratchFolderTests {
    @Test func theDefaultIsNeverASharedFolder() {
        let home = "/home/learner"
        let data = RuntimeSettings.defaultScratchRoot(environment: ["HOME": home])
        #expect(data.path == home + "/.local/share/lambda-tutor/environments")
        let chosen = RuntimeSettings.defaultScratchRoot(environment: ["HOME": home, "LAMBDA_TUTOR_SCRATCH": "/srv/x"])
        #expect(chosen.path == "/srv/x")
        // XDG_RUNTIME_DIR only when it is this user's private folder.
        let open = RuntimeSettings.defaultScratchRoot(environment: ["HOME": home, "XDG_RUNTIME_DIR": "/tmp"])
        #expect(open.path == home + "/.local/share/lambda-tutor/environments")
    }

    @Test func aFolderOthersCanWriteIsRefused() async throws {
        let h = try Harness()
        let scratch = h.directory.url.appendingPathComponent("shared-envs")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        chmod(scratch.path, 0o777)
        try await Self.expectRefusal(h, scratch: scratch, saying: "can be written by other users")
    }

    @Test func aFolderInAFolderOthersCanWriteIsRefused() async throws {
        let h = try Harness()
        let open = h.directory.url.appendingPathComponent("open")
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: true)
        chmod(open.path, 0o777)
        try await Self.expectRefusal(h, scratch: open.appendingPathComponent("envs"), saying: "which other users can write")
    }

    @Test func aLinkIsRefused() async throws {
        let h = try Harness()
        let target = h.directory.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let link = h.directory.url.appendingPathComponent("envs-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        try await Self.expectRefusal(h, scratch: link, saying: "is not a folder")
    }

    /// The attack of issue 17: another user creates the folder first.
    @Test func aFolderAnotherUserOwnsIsRefused() async throws {
        guard geteuid() == 0 else {
            // Only root can give a folder to someone else; as anyone else, the folder of another
            // user is exactly what the other tests refuse by mode and parent.
            return
        }
        let h = try Harness()
        let scratch = h.directory.url.appendingPathComponent("planted")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        chmod(scratch.path, 0o700)
        chown(scratch.path, 65534, 65534)
        try await Self.expectRefusal(h, scratch: scratch, saying: "belongs to user nobody")
    }

    static func expectRefusal(_ h: Harness, scratch: URL, saying words: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let invoker = Invoker(settings: RuntimeSettings(scratchRoot: scratch))
        try h.function("hello", code: "def handler(e, c):\n    return 1\n")
        do {
            _ = try await invoker.invoke("hello", registry: h.registry, payload: Data("{}".utf8))
            Issue.record("the folder was used", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .unsafeFolder, sourceLocation: sourceLocation)
            #expect(error.message.contains(words), "\(error.message)", sourceLocation: sourceLocation)
            #expect(error.message.contains("LAMBDA_TUTOR_SCRATCH"), sourceLocation: sourceLocation)
        }
        await invoker.shutdownAll()
        await h.invoker.shutdownAll()
        let made = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
        #expect(made.isEmpty, "nothing was put in it: \(made)", sourceLocation: sourceLocation)
    }

    @Test func leftoversOfDeadTutorsAreCleanedAndNothingElse() throws {
        let h = try Harness()
        let root = h.directory.url.appendingPathComponent("envs")
        try PrivateFolder.prepare(root)
        let id = String(repeating: "a", count: 32)
        // pid 1 is alive but started at another time than this token says: a dead tutor's pid reused.
        let dead = "1.\((TutorInstance.startTime(of: 1) ?? 0) + 1)-\(id)-7"
        let alive = "\(TutorInstance.token)-\(id)-8"
        let foreign = "not-ours"
        for name in [dead, alive, foreign] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        #expect(ScratchFolders.removeLeftovers(in: root) == 1)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: root.path))
        #expect(left == [alive, foreign])
        #expect(TutorInstance.isDead(Substring(TutorInstance.token)) == false)
        #expect(TutorInstance.isDead("garbage") == false)
    }
}
