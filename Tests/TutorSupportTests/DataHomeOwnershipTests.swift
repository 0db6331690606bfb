import Foundation
import Testing
import TestSupport
@testable import TutorSupport

/// The data folder must be the learner's own before anything is kept in it (a shared machine:
/// another account could have made the folder first, or left it open).
@Suite("Data folder ownership")
struct DataHomeOwnershipTests {
    /// An account that is not the one running the tests (nobody), for the root-only cases.
    private static let other: uid_t = 65_534

    @Test("A new folder is made 0700 and accepted; an existing folder of the user's own is accepted")
    func own() throws {
        let base = try TemporaryDirectory()
        let home = DataHome(root: base.url.appendingPathComponent("a/b/lambda-tutor", isDirectory: true))
        try home.ensureExists()
        var info = stat()
        #expect(stat(home.root.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
        try home.ensureExists()
        let link = base.url.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: home.root)
        try DataHome(root: link).ensureExists()
    }

    @Test("A folder anyone can write to is refused, with the chmod that fixes it")
    func worldWritable() throws {
        let base = try TemporaryDirectory()
        chmod(base.path, 0o777)
        #expect { try DataHome(root: base.url).ensureExists() } throws: { error in
            "\(error)".contains("can be written by other users") && "\(error)".contains("chmod 700 \(base.path)")
        }
        chmod(base.path, 0o700)
        try DataHome(root: base.url).ensureExists()
    }

    @Test("A file where the folder should be is refused")
    func notAFolder() throws {
        let base = try TemporaryDirectory()
        let file = try base.write("lambda-tutor", "x")
        #expect { try DataHome(root: file).ensureExists() } throws: { error in
            "\(error)".contains("not a folder") || "\(error)".contains("cannot create the data folder")
        }
    }

    @Test("A folder, or a link to one, made by another account is refused", .enabled(if: geteuid() == 0, "needs root to give a folder away"))
    func otherOwner() throws {
        let base = try TemporaryDirectory()
        let theirs = base.url.appendingPathComponent("theirs", isDirectory: true)
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: false)
        chmod(theirs.path, 0o700)
        #expect(chown(theirs.path, Self.other, Self.other) == 0)
        #expect { try DataHome(root: theirs).ensureExists() } throws: { error in "\(error)".contains("belongs to another user") }

        let mine = base.url.appendingPathComponent("mine", isDirectory: true)
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: false)
        let link = base.url.appendingPathComponent("planted")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: mine)
        #expect(lchown(link.path, Self.other, Self.other) == 0)
        #expect { try DataHome(root: link).ensureExists() } throws: { error in "\(error)".contains("symbolic link made by another user") }
    }
}
