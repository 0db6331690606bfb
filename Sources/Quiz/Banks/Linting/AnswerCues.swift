import LambdaModel

/// The give-aways of one bank: patterns that let a test-wise learner score without knowing
/// Lambda. Item writers for AWS's exams avoid them; `lambda-tutor check` warns about them
/// (``BankLinter``) so trainers' banks get the same discipline.
///
/// - The key is the longest option: writers add the qualifications that make the key right,
///   and "pick the longest" starts to work. With four options chance is a quarter.
/// - Multiple response: the keys are exactly the longest options.
/// - True/false: most keys on one side, so "always false" scores.
///
/// Lengths are measured on what the learner sees (`{{fact …}}` filled in), in characters;
/// "longest" means strictly longer than every other option, so ties are no cue.
package struct AnswerCues: Sendable {
    /// The kinds of cue, for reporting each once.
    package enum Cue: Sendable, Hashable { case longestKey, longestKeys, trueFalseSplit }

    /// Single-answer questions, and those whose key is the longest option.
    package private(set) var singles: [Question] = []
    package private(set) var keyLongest: [Question] = []
    /// Multiple-response questions, and those whose keys are exactly the longest options.
    package private(set) var multiples: [Question] = []
    package private(set) var keysLongest: [Question] = []
    /// True/false questions, and those whose key is `true`.
    package private(set) var trueFalse: [Question] = []
    package private(set) var trueKeys: [Question] = []

    /// Above this share of choice questions, "pick the longest" is a cue worth a warning.
    package static let longestShareLimit = 1.0 / 3.0
    /// Below this share of true (or of false) keys, "always answer the other side" scores.
    package static let trueFalseMinorityLimit = 0.25
    /// Fewer questions than this say little about a writer's habits, so they are not judged.
    package static let minimumChoiceQuestions = 5
    package static let minimumTrueFalse = 4

    package init(_ questions: [Question]) {
        for question in questions {
            switch question.body {
            case .single(let choices):
                singles.append(question)
                if Self.keysAreLongest(choices) { keyLongest.append(question) }
            case .multiple(let choices):
                multiples.append(question)
                if Self.keysAreLongest(choices) { keysLongest.append(question) }
            case .trueFalse(let tf):
                trueFalse.append(question)
                if tf.answer { trueKeys.append(question) }
            case .numeric, .ordering, .matching, .shortText, .generated:
                break  // no options whose length or side could give the key away
            }
        }
    }

    /// Whether every key is longer than every wrong option (for one key: it is the longest).
    package static func keysAreLongest(_ choices: [Choice]) -> Bool {
        let lengths = choices.map { (length: TextTemplate.renderFacts($0.text).count, correct: $0.correct) }
        guard let shortestKey = lengths.filter(\.correct).map(\.length).min(),
              let longestWrong = lengths.filter({ !$0.correct }).map(\.length).max() else { return false }
        return shortestKey > longestWrong
    }

    /// The key is the longest option in more than a third of the single-answer questions.
    package var longestKeyIsCue: Bool {
        singles.count >= Self.minimumChoiceQuestions && Double(keyLongest.count) > Self.longestShareLimit * Double(singles.count)
    }

    /// The keys are the longest options in more than a third of the multiple-response questions.
    package var longestKeysAreCue: Bool {
        multiples.count >= Self.minimumChoiceQuestions && Double(keysLongest.count) > Self.longestShareLimit * Double(multiples.count)
    }

    /// Fewer than a quarter of the true/false keys are true, or fewer than a quarter are false.
    package var trueFalseSplitIsCue: Bool {
        guard trueFalse.count >= Self.minimumTrueFalse else { return false }
        let minority = min(trueKeys.count, trueFalse.count - trueKeys.count)
        return Double(minority) < Self.trueFalseMinorityLimit * Double(trueFalse.count)
    }
}
