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
        let mine = try folder.write("notes.tmp", "keep")
        let target = try folder.write("elsewhere", "keep")
        let link = folder.url.appendingPathComponent(".x.json.1.2.tmp")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let now = Date().addingTimeInterval(DataHome.leftoverAge + 5)
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: fresh.path)
        try FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: fresh.path)

        let notices = home.tidy(now: now)
        #expect(notices.count == 1)
        #expect(notices.first?.contains("removed 3 leftovers") == true, "\(notices)")
        #expect(!FileManager.default.fileExists(atPath: old.path))
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
        FileManager.default.createFile(atPath: home.progressFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: home.progressFile)
        try handle.truncate(atOffset: UInt64(DataHome.learnerFileSizeLimit + 1))  // sparse: no disk used
        try handle.close()
        let notices = home.tidy()
        #expect(notices.count == 1)
        #expect(notices.first?.contains("moved to progress.json.damaged-") == true, "\(notices)")
        #expect(!FileManager.default.fileExists(atPath: home.progressFile.path))
    }
}
