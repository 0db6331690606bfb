import Foundation
import Testing
import TutorSupport

/// The hand-written encoders the hot paths use instead of Foundation's formatters: hex digests
/// and JSON string literals, checked against known vectors and against JSONSerialization.
@Suite("Hex digests and JSON string literals")
struct TextEncodingTests {
    @Test("Hex writes two lower-case digits per byte; SHA-256 of abc is the FIPS 180-2 vector")
    func hex() {
        #expect(Hex.lowercase([UInt8]()) == "")
        #expect(Hex.lowercase([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("A quoted string parses back to itself, with quotes, backslashes, control characters and non-ASCII text",
          arguments: ["", "plain", "quote \" and backslash \\", "slash / stays", "line\nfeed\rreturn\ttab\u{08}\u{0c}",
                      "bell \u{07} nul \u{00} unit \u{1f}", "é 😀 \u{2028} \u{7f}"])
    func quoted(_ text: String) throws {
        let literal = JSONText.quoted(text)
        let parsed = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: [.fragmentsAllowed]) as? String
        #expect(parsed == text, "\(literal)")
        #expect(!literal.contains("\\/"))
    }

    @Test("RandomUUID writes version-4 UUIDs in lower case that Foundation reads back, and does not repeat")
    func randomUUID() {
        var seen = Set<String>()
        for _ in 0..<1_000 {
            let text = RandomUUID.string()
            let characters = Array(text)
            #expect(text.count == 36 && text == text.lowercased(), "\(text)")
            #expect(UUID(uuidString: text)?.uuidString.lowercased() == text, "\(text)")
            #expect(characters[14] == "4", "version nibble of \(text)")
            #expect("89ab".contains(characters[19]), "variant of \(text)")
            seen.insert(text)
        }
        #expect(seen.count == 1_000)
    }
}
