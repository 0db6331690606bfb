import Foundation
import Testing
import TestSupport
@testable import TutorSupport

/// What the tutor tidies in the data folder at start, and what it never touches.
@Suite("Data folder housekeeping")
struct DataHomeHousekeepingTests {
    @Test("Leftover names: ours are recognised, the learner's files are not")
    func names() {
        for ours in [".progress.json.123.4567.tmp", ".history.99.tmp", ".hello.new-12-345", ".exercises.json.1.2.tmp"] {
            #expect(DataHome.isLeftover(ours), "\(ours)")
        }
        for theirs in ["progress.json", ".progress.json.tmp", ".notes.tmp", ".a.b.tmp", "hello.new-1-2", ".new-1-2", ".x.new-1", ".lock", ".history.tmp"] {
            #expect(!DataHome.isLeftover(theirs), "\(theirs)")
        }
    }

    @Test("Old leftovers of interrupted saves are removed; fresh ones, links and other files stay")
    func leftovers() throws {
        let folder = try TemporaryDirectory()
        let home = DataHome(root: folder.url)
        let old = try folder.write(".progress.json.123.456.tmp", "{")
        let fresh = try folder.write(".settings.json.123.789.tmp", "{")
        let staging = folder.url.appendingPathComponent("functions/.hello.new-12-34/code")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let inFunction = try folder.write("functions/hello/.function.json.5.6.tmp", "{")
        _ = try folder.write("layers/words/.2.new-77-12345/content/python/greet.py", "")
        let layerVersion = try folder.write("layers/words/1/content/python/greet.py", "")
        let mine = try folder.write("notes.tmp", "keep")
        let target = try folder.write("elsewhere", "keep")
        let link = folder.url.appendingPathComponent(".x.json.1.2.tmp")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let now = Date().addingTimeInterval(DataHome.leftoverAge + 5)
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: fresh.path)
        try FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: fresh.path)

        let notices = home.tidy(now: now)
        #expect(notices.count == 1)
        #expect(notices.first?.contains("removed 4 leftovers") == true, "\(notices)")
        #expect(!FileManager.default.fileExists(atPath: old.path))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("layers/words/.2.new-77-12345").path))
        #expect(FileManager.default.fileExists(atPath: layerVersion.path))
        #expect(!FileManager.default.fileExists(atPath: staging.deletingLastPathComponent().path))
        #expect(!FileManager.default.fileExists(atPath: inFunction.path))
        #expect(FileManager.default.fileExists(atPath: fresh.path), "younger than a minute: maybe another tutor's")
        #expect(FileManager.default.fileExists(atPath: mine.path))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != nil, "a link is never followed or removed")
        #expect(FileManager.default.fileExists(atPath: target.path))
    }

    @Test("A huge progress file is moved aside and reported, not read")
    func huge() throws {
        let folder = try TemporaryDirectory()
        let home = DataHome(root: folder.url)
        _ = FileManager.default.createFile(atPath: home.progressFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: home.progressFile)
        try handle.truncate(atOffset: UInt64(DataHome.learnerFileSizeLimit + 1))  // sparse: no disk used
        try handle.close()
        let notices = home.tidy()
        #expect(notices.count == 1)
        #expect(notices.first?.contains("moved to progress.json.damaged-") == true, "\(notices)")
        #expect(!FileManager.default.fileExists(atPath: home.progressFile.path))
    }

    @Test("An interrupted code update gets its old code back; staging folders of updates and publishes go")
    func functionStaging() throws {
        let folder = try TemporaryDirectory()
        let home = DataHome(root: folder.url)
        let now = Date().addingTimeInterval(DataHome.leftoverAge + 5)
        // Killed between the two renames of UpdateFunctionCode: no code/, the old code aside, the new staged.
        let oldCode = try folder.write("functions/broken/\(FunctionStaging.oldCodeName())/handler.py", "old")
        let newCode = try folder.write("functions/broken/\(FunctionStaging.newCodeName())/handler.py", "new")
        // Killed during a publish and after a finished update that could not remove the old code.
        let publishing = try folder.write("functions/ok/versions/\(FunctionStaging.publishingName(3))/function.json", "{}")
        let code = try folder.write("functions/ok/code/handler.py", "current")
        let leftOld = try folder.write("functions/ok/\(FunctionStaging.oldCodeName())/handler.py", "older")
        // Not ours: a learner's folder with a similar name, and a version.
        let learners = try folder.write("functions/ok/.code-notes/readme.txt", "keep")
        let version = try folder.write("functions/ok/versions/1/function.json", "{}")

        let notices = home.tidy(now: now)
        #expect(notices.contains { $0.contains("broken had its code update interrupted; its previous code was put back") }, "\(notices)")
        #expect(notices.contains { $0.contains("removed 3 leftovers") }, "\(notices)")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("functions/broken/code/handler.py"), encoding: .utf8) == "old")
        for gone in [oldCode, newCode, publishing, leftOld] {
            #expect(!FileManager.default.fileExists(atPath: gone.deletingLastPathComponent().path), "\(gone.path)")
        }
        for kept in [code, learners, version] {
            #expect(FileManager.default.fileExists(atPath: kept.path), "\(kept.path)")
        }
    }

    @Test("Staging names: the registry's are recognised, look-alikes are not")
    func stagingNames() {
        #expect(FunctionStaging.kind(of: FunctionStaging.newCodeName()) == .newCode)
        #expect(FunctionStaging.kind(of: FunctionStaging.oldCodeName()) == .oldCode)
        #expect(FunctionStaging.kind(of: FunctionStaging.publishingName(12)) == .publishing)
        for theirs in [".code-notes", "code", ".old-code-", ".publishing--\(UUID().uuidString)", ".publishing-x-\(UUID().uuidString)", "code-\(UUID().uuidString)"] {
            #expect(FunctionStaging.kind(of: theirs) == nil, "\(theirs)")
        }
    }
}
