import Foundation
import Quiz
import Testing

@Suite("Workshop codes")
struct WorkshopCodeTests {
    static let code = WorkshopCode(kind: .exam(preset: 2), count: 15, seed: 0xABCDEF, selectors: [.bank(3), .topic(200), .domain(1)],
                                   fingerprint: WorkshopCode.fingerprint(of: ["q1", "q2"]))

    @Test("A code reads back as written: kind, count, seed, selection and fingerprint; case, hyphens and O/I/L do not matter")
    func roundTrip() throws {
        let text = Self.code.text
        #expect(text.count <= 24, "short enough for a whiteboard: \(text)")
        #expect(try WorkshopCode.parse(text) == Self.code)
        #expect(try WorkshopCode.parse(text.lowercased().replacingOccurrences(of: "-", with: "")) == Self.code)
        let plain = WorkshopCode(kind: .quiz, count: 10, seed: 0, selectors: [], fingerprint: 0)
        #expect(try WorkshopCode.parse(plain.text.replacingOccurrences(of: "0", with: "O")) == plain)
    }

    @Test("Every single mistyped character is caught")
    func mistypes() {
        let symbols = Array(Self.code.text.replacingOccurrences(of: "-", with: ""))
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        for position in symbols.indices {
            for replacement in alphabet where replacement != symbols[position] {
                var typed = symbols
                typed[position] = replacement
                #expect(throws: QuizError.self, "\(String(typed))") { try WorkshopCode.parse(String(typed)) }
            }
        }
        #expect(throws: QuizError.self) { try WorkshopCode.parse("HELLO-U") }
    }

    @Test("The fingerprint depends on the questions, not their order")
    func fingerprint() {
        #expect(WorkshopCode.fingerprint(of: ["a", "b"]) == WorkshopCode.fingerprint(of: ["b", "a"]))
        #expect(WorkshopCode.fingerprint(of: ["a", "b"]) != WorkshopCode.fingerprint(of: ["a", "c"]))
    }
}
