import Foundation
import LambdaService
import MiniLambda
import TestSupport
import Testing

/// DeleteLayerVersion removes the version's files from the data folder — at once when no
/// function version uses it, else when the last one stops — and nothing but the tutor's own.
@Suite("Layer deletion")
struct LayerDeletionTests {
    @Test("A deleted version's files go at once when unused, and after its last user when used")
    func filesLeaveTheDataFolder() async throws {
        let fixture = try ServiceFixture()
        let service = fixture.service
        let content = try fixture.directory.write("src/python/words.py", "WORD = 'hi'\n").deletingLastPathComponent().deletingLastPathComponent()
        // A link inside the layer points outside it: removing the layer must not follow it.
        let outside = try fixture.directory.write("outside/keep.txt", "keep me\n")
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("python/link").path,
                                                   withDestinationPath: outside.deletingLastPathComponent().path)
        let one = try service.publishLayerVersion("words", content: content, codeSha256: "x")
        let two = try service.publishLayerVersion("words", content: content, codeSha256: "x")
        let folderOne = try service.layers.contentFolder("words", one.version).deletingLastPathComponent()
        let folderTwo = try service.layers.contentFolder("words", two.version).deletingLastPathComponent()

        #expect(try service.deleteLayerVersion("words", one.version).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folderOne.path), "an unused deleted version leaves no files")
        #expect(FileManager.default.fileExists(atPath: outside.path), "a link inside the layer was removed, not followed")

        _ = try service.createFunction(name: "user")
        _ = try await service.updateFunctionConfiguration("user", try ConfigurationUpdate(settings: ["layers=words:\(two.version)"]))
        #expect(try service.deleteLayerVersion("words", two.version) == ["user"])
        #expect(FileManager.default.fileExists(atPath: folderTwo.path), "a function still uses it, as on AWS")
        #expect(throws: LambdaServiceError.self) { try service.getLayerVersion("words", two.version) }
        _ = try await service.updateFunctionConfiguration("user", try ConfigurationUpdate(settings: ["layers=none"]))
        #expect(!FileManager.default.fileExists(atPath: folderTwo.path), "its last user let go: the files leave")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folderTwo.deletingLastPathComponent().path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("A version folder that is a link, or another user's, is never removed")
    func onlyTheTutorsOwn() throws {
        let fixture = try ServiceFixture()
        let elsewhere = try fixture.directory.write("elsewhere/content/file.txt", "x\n").deletingLastPathComponent().deletingLastPathComponent()
        let layers = fixture.service.layers.root.appendingPathComponent("words", isDirectory: true)
        try FileManager.default.createDirectory(at: layers, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: layers.appendingPathComponent("7").path, withDestinationPath: elsewhere.path)
        #expect(fixture.service.layers.sweep(keeping: []).isEmpty)
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("content/file.txt").path))
    }
}
