@testable import MiniLambda
import Foundation
import TestSupport
import Testing

/// The fingerprint walk reuses a folder's listing while the folder's stamp is unchanged, and
/// only when the folder had settled before it was read (coarse timestamps could otherwise hide
/// a change made in the same tick).
@Suite(.serialized)
struct FolderListingsTests {
    private static func stamp(_ path: String) -> stat {
        var info = stat()
        _ = stat(path, &info)
        return info
    }

    private static func later(_ seconds: Int) -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        now.tv_sec += seconds
        return now
    }

    @Test func aSettledFolderIsListedOnceAndReadAgainWhenItChanges() throws {
        FolderListings.removeAll()
        let directory = try TemporaryDirectory(prefix: "listings")
        let path = directory.path
        for name in ["b.py", "a.py"] { FileManager.default.createFile(atPath: path + "/" + name, contents: Data()) }
        let before = Self.stamp(path)
        // Read as if well after the folder's last change: the listing is kept.
        #expect(FolderListings.names(of: path, info: before, readAt: Self.later(FolderListings.settleTime + 1)) == ["a.py", "b.py"])
        FileManager.default.createFile(atPath: path + "/c.py", contents: Data())
        // With the old stamp the kept listing answers (this is the reuse)…
        #expect(FolderListings.names(of: path, info: before) == ["a.py", "b.py"])
        // …and the folder's new stamp reads it again.
        #expect(FolderListings.names(of: path, info: Self.stamp(path)) == ["a.py", "b.py", "c.py"])
    }

    @Test func aFolderChangedJustBeforeItWasReadIsNotKept() throws {
        FolderListings.removeAll()
        let directory = try TemporaryDirectory(prefix: "listings")
        let path = directory.path
        FileManager.default.createFile(atPath: path + "/a.py", contents: Data())
        let before = Self.stamp(path)
        #expect(FolderListings.names(of: path, info: before) == ["a.py"])
        FileManager.default.createFile(atPath: path + "/b.py", contents: Data())
        // Even a stamp that still matched (a change within one timestamp tick) reads afresh.
        #expect(FolderListings.names(of: path, info: before) == ["a.py", "b.py"])
    }

    @Test func aFileAddedToAWarmFunctionChangesItsFingerprint() throws {
        FolderListings.removeAll()
        let directory = try TemporaryDirectory(prefix: "listings")
        let code = directory.url.appendingPathComponent("code")
        try FileManager.default.createDirectory(at: code, withIntermediateDirectories: true)
        try Data("def handler(e, c):\n    return 1\n".utf8).write(to: code.appendingPathComponent("app.py"))
        let package = FunctionPackage(configuration: FunctionConfiguration(functionName: "f", runtime: .python, lastModified: Date(timeIntervalSince1970: 0)), codeDirectory: code)
        let first = package.fingerprint()
        #expect(package.fingerprint() == first)
        try FileManager.default.createDirectory(at: code.appendingPathComponent("lib"), withIntermediateDirectories: true)
        let withFolder = package.fingerprint()
        #expect(withFolder != first)
        try Data("x = 1\n".utf8).write(to: code.appendingPathComponent("lib/helper.py"))
        #expect(package.fingerprint() != withFolder)
    }

    @Test func anUnreadableFolderHasNoListing() {
        FolderListings.removeAll()
        var info = stat()
        info.st_ino = 1
        #expect(FolderListings.names(of: "/nonexistent-\(getpid())", info: info) == nil)
    }
}
