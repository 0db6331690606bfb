import Foundation
import Testing
@testable import Quiz

@Suite("Question id map")
struct QuestionIDMapTests {
    func questions(_ pairs: [(String, String)]) -> [Question] {
        let text = pairs.map { "\($0.1)\nA) yes\nB) no\nANSWER: A\n" }.joined(separator: "\n")
        var parsed = AikenFormat.parse(text, file: "x.txt").questions
        for index in parsed.indices { parsed[index].id = pairs[index].0 }
        return parsed
    }

    @Test("Matched by text, never by position; an edited, repeated or still-present question is not moved")
    func byText() {
        let old = questions([("x-1", "Is it warm?"), ("x-2", "Is it  COLD?"), ("x-3", "Edited later?"), ("x-4", "Twice?"), ("x-5", "Twice?"), ("kept", "Kept?")])
        let new = questions([("x-inserted", "A new first question?"), ("x-cold-1", "is it cold?"), ("x-warm-2", "Is it warm?"),
                             ("x-edited", "Edited now?"), ("x-twice", "Twice?"), ("kept", "Kept?")])
        #expect(QuestionIDMap.between(old: old, new: new) == ["x-1": "x-warm-2", "x-2": "x-cold-1"])
    }
}
