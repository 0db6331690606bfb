import Foundation

/// Where the questions of a bank went when it is imported again: earlier versions gave unnamed
/// GIFT and Aiken questions ids by position (`gift-3`, `week-1-2`), today's by their own text
/// (``Slug/derived(prefix:text:)``). Re-importing over the bank an older version wrote would
/// leave the learner's past answers pointing at ids that no longer exist; this map says which
/// new id each old one became, so the attempts can follow (``AttemptLog/renameQuestions(_:)``).
///
/// The match is by the question's text, never by position: an old question maps to a new one
/// only if its id is gone, its stem (case and spacing aside) is exactly one new question's,
/// and no other old question has that stem. A question whose text was edited does not match:
/// its past answers were to a different question, and they stay under the old id.
package enum QuestionIDMap {
    package static func between(old: [Question], new: [Question]) -> [String: String] {
        let newIDs = Set(new.map(\.id))
        var byStem: [String: [Question]] = [:]
        for question in new { byStem[normalized(question.stem), default: []].append(question) }
        var oldStems: [String: Int] = [:]
        for question in old { oldStems[normalized(question.stem), default: 0] += 1 }
        var map: [String: String] = [:]
        for question in old where !newIDs.contains(question.id) {
            let stem = normalized(question.stem)
            guard oldStems[stem] == 1, let matches = byStem[stem], matches.count == 1 else { continue }
            map[question.id] = matches[0].id
        }
        return map
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
