import TutorSupport

/// The warnings that need a whole bank or the whole library: answer cues (``AnswerCues``) and
/// questions asked twice (``DuplicateQuestions``).
extension BankLinter {
    /// Answer cues bank by bank, then over all banks together (the pool `quiz` draws from), so
    /// small banks that each look fine but lean the same way are caught too. A cue already
    /// reported for a bank is not repeated for the whole library.
    func answerCueProblems(_ library: QuestionLibrary) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var reported: Set<AnswerCues.Cue> = []
        for bank in library.banks {
            let (problems, cues) = answerCueProblems(bank.questions, scope: "bank '\(bank.name)'")
            out += problems
            reported.formUnion(cues)
        }
        if library.banks.count > 1 {
            out += answerCueProblems(library.questions, scope: "all banks together", skipping: reported).problems
        }
        return out
    }

    /// One warning per cue the questions show, at the first question that shows it, naming the others.
    func answerCueProblems(_ questions: [Question], scope: String, skipping: Set<AnswerCues.Cue> = [])
        -> (problems: [Diagnostic], cues: Set<AnswerCues.Cue>) {
        let cues = AnswerCues(questions)
        var out: [Diagnostic] = []
        var found: Set<AnswerCues.Cue> = []
        func warn(_ cue: AnswerCues.Cue, at questions: [Question], field: String, _ message: String) {
            guard !skipping.contains(cue), let first = questions.first else { return }
            found.insert(cue)
            let at = first.source.position(of: field)
            out.append(.warning(first.source.file, line: at.line, column: at.column,
                                "answer cue in \(scope): \(message): \(Self.list(questions.map(\.id)))"))
        }
        if cues.longestKeyIsCue {
            warn(.longestKey, at: cues.keyLongest, field: "choices",
                 "the key is the longest option in \(Self.share(cues.keyLongest.count, of: cues.singles.count)) single-answer questions " +
                 "(keep it to a third or less; lengthen a distractor or tighten the key)")
        }
        if cues.longestKeysAreCue {
            warn(.longestKeys, at: cues.keysLongest, field: "choices",
                 "the keys are exactly the longest options in \(Self.share(cues.keysLongest.count, of: cues.multiples.count)) " +
                 "multiple-response questions (keep it to a third or less)")
        }
        if cues.trueFalseSplitIsCue {
            let trueCount = cues.trueKeys.count
            let majority = trueCount * 2 > cues.trueFalse.count
            let side = cues.trueFalse.filter { question in
                if case .trueFalse(let tf) = question.body { return tf.answer == majority }
                return false
            }
            warn(.trueFalseSplit, at: side, field: "answer",
                 "\(Self.share(trueCount, of: cues.trueFalse.count)) true/false keys are true, so always answering " +
                 "\(majority ? "true" : "false") scores \(Int((100 * Double(side.count) / Double(cues.trueFalse.count)).rounded())) %; " +
                 "aim for about half (questions answered \(majority ? "true" : "false"))")
        }
        return (out, found)
    }

    /// A warning on each question that repeats an earlier one, pointing at the earlier one.
    func duplicateProblems(_ questions: [Question]) -> [Diagnostic] {
        DuplicateQuestions.find(questions).map { pair in
            let at = pair.question.source.position(of: "stem")
            let first = pair.repeats.source
            return .warning(pair.question.source.file, line: at.line, column: at.column,
                            "\(pair.question.id): asks what '\(pair.repeats.id)' asks (\(first.file):\(first.line)): " +
                            "the same key and a similar question; drop one or make them test different things")
        }
    }

    /// `9 of 12 (75 %)`.
    static func share(_ part: Int, of whole: Int) -> String {
        "\(part) of \(whole) (\(Int((100 * Double(part) / Double(max(whole, 1))).rounded())) %)"
    }

    /// Up to six ids, then how many more.
    static func list(_ ids: [String]) -> String {
        ids.prefix(6).joined(separator: ", ") + (ids.count > 6 ? " and \(ids.count - 6) more" : "")
    }
}
