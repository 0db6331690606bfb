import Foundation

extension ExamState {
    /// The longest exam time a saved exam may claim: a day. Anything above (or negative, or not
    /// a number) is a damaged file, not a long exam.
    static let elapsedCeiling: TimeInterval = 24 * 3600

    /// Why this saved exam cannot be resumed, in a few words, or nil when it is consistent.
    ///
    /// ``ExamSession`` indexes its arrays by ``current`` and by option numbers without checking
    /// (they are its own invariants), so a file edited by hand, written by another version or
    /// torn by a disk fault must be refused here, on load, instead of trapping mid-exam.
    package var inconsistency: String? {
        let count = questions.count
        if count == 0 { return "it has no questions" }
        if answers.count != count || confidence.count != count || flagged.count != count || seconds.count != count {
            return "its answers, flags and times do not match its \(count) questions"
        }
        if !(0..<count).contains(current) { return "its current question (\(current + 1)) is not one of its \(count)" }
        if !elapsed.isFinite || elapsed < 0 || elapsed > Self.elapsedCeiling { return "its elapsed time (\(elapsed) s) is impossible" }
        if !config.timeLimit.isFinite || config.timeLimit <= 0 || config.timeLimit > Self.elapsedCeiling {
            return "its time limit (\(config.timeLimit) s) is impossible"
        }
        if seconds.contains(where: { !$0.isFinite || $0 < 0 || $0 > Self.elapsedCeiling }) { return "a question's time is impossible" }
        if unscored.contains(where: { !(0..<count).contains($0) }) { return "it names an unscored question it does not have" }
        var seen = Set<String>()
        for (index, question) in questions.enumerated() {
            if question.id.trimmingCharacters(in: .whitespaces).isEmpty { return "question \(index + 1) has no id" }
            if !seen.insert(question.id).inserted { return "question \(index + 1) repeats the id '\(question.id)'" }
            if let problem = question.inconsistency { return "question \(index + 1) (\(question.id)) \(problem)" }
            if let answer = answers[index], !question.admits(answer) {
                return "the answer to question \(index + 1) (\(question.id)) names an option it does not have"
            }
        }
        return nil
    }
}

extension PresentedQuestion {
    /// Why grading or showing this question would index outside its options, or nil.
    var inconsistency: String? {
        let options = self.options.indices
        switch key {
        case .choices(let keys):
            if keys.isEmpty || !keys.allSatisfy(options.contains) { return "has a key outside its options" }
        case .order(let keys), .matches(let keys):
            if keys.isEmpty || !keys.allSatisfy(options.contains) { return "has a key outside its options" }
            if case .matches = key, keys.count != prompts.count { return "has a key that does not match its items" }
        case .numeric(let value, _):
            if !value.isFinite { return "has a key that is not a number" }
        case .trueFalse:
            if self.options.count != 2 { return "is true/false without two options" }
        case .text(let accepted):
            if accepted.isEmpty { return "has no accepted answer" }
        }
        if let order = sourceOrder, order.count != self.options.count { return "has a shuffle that does not match its options" }
        return nil
    }

    /// True when `answer` only names options the question has.
    func admits(_ answer: Answer) -> Bool {
        switch answer {
        case .choices(let indices), .order(let indices), .matches(let indices):
            indices.allSatisfy(options.indices.contains)
        case .number(let value):
            value.isFinite
        case .trueFalse, .text:
            true
        }
    }
}
