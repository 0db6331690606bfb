import Foundation
import LambdaService
import TestSupport
import Testing

/// Layer versions on disk: each publish gets a number of its own, never reused.
@Suite("Layer store")
struct LayerStoreTests {
    static func publish(_ store: LayerStore, _ content: URL) throws -> LayerVersion {
        try store.publish(name: "words", content: content, description: "", compatibleRuntimes: ["python3.12"],
                          compatibleArchitectures: [], licenseInfo: nil, codeSha256: "x")
    }

    @Test("A version folder already taken (another tutor, a publish killed before it recorded its number) is stepped over")
    func takenNumber() throws {
        let folder = try TemporaryDirectory()
        let content = try folder.write("content/python/greet.py", "WORD = 'hi'\n").deletingLastPathComponent().deletingLastPathComponent()
        let store = LayerStore(root: folder.url.appendingPathComponent("layers"))
        #expect(try Self.publish(store, content).version == 1)
        // Version 2 is on disk but layer.json still says 1, as after a kill between the two writes.
        _ = try folder.write("layers/words/2/version.json", "{}")
        let third = try Self.publish(store, content)
        #expect(third.version == 3)
        #expect(third.layerVersionArn.hasSuffix(":words:3"))
        #expect(try store.version("words", 3).version == 3, "the file on disk carries the number it was given")
        #expect(try Self.publish(store, content).version == 4, "the record moved on to the number used")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("layers/words").path)
            .filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
