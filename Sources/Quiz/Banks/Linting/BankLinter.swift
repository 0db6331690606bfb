import Foundation
import LambdaModel
import TutorSupport

/// Checks question banks the way `lambda-tutor check` reports them: everything the parser
/// found, plus what needs the whole picture (ids across banks, facts, lessons) or a trial run
/// (generated questions).
///
/// Errors: unknown fact keys (in `references`, `{{fact …}}` or `answer: {fact: …}`), unknown
/// lesson ids ("what to study next" would point nowhere),
/// generated questions that fail for a sample seed, and every parser error (duplicate ids,
/// keys that do not match the type, missing tolerance…).
/// Warnings: wrong options without feedback, shuffled choices that name each other by letter, missing
/// explanations, generated-question placeholders that nothing fills, known numeric mistakes
/// that would be accepted as right; per bank, answer cues (``AnswerCues``: the key is the
/// longest option, true/false keys mostly on one side); across banks, questions asked twice
/// (``DuplicateQuestions``).
package struct BankLinter: Sendable {
    /// Lesson ids from the curriculum catalog; nil skips the lesson check.
    package var knownLessons: Set<String>?
    /// Seeds every generated question is tried with.
    package var sampleSeeds: [UInt64]

    package init(knownLessons: Set<String>? = nil, sampleSeeds: [UInt64] = Array(1...25)) {
        self.knownLessons = knownLessons
        self.sampleSeeds = sampleSeeds
    }

    /// Loads `folder` and lints it.
    package func lint(folder: URL) -> (library: QuestionLibrary, diagnostics: [Diagnostic]) {
        let library = QuestionLibrary.load(folder: folder)
        return (library, lint(library))
    }

    /// All diagnostics for a loaded library, sorted by file, line and column.
    package func lint(_ library: QuestionLibrary) -> [Diagnostic] {
        var out = library.diagnostics
        for bank in library.banks {
            for question in bank.questions {
                out += lint(question)
            }
        }
        out += answerCueProblems(library)
        out += lessonProblems(library.banks.flatMap(\.questions))
        out += duplicateProblems(library.questions)
        return out.sortedByLocation()
    }

    /// Diagnostics for the banks of `files` only, with the rest of `library` (the banks the
    /// tutor loads anyway) as context: an id or a question repeated from it is reported on the
    /// checked file; the context's own questions are not linted (`lambda-tutor check FILE`).
    package func lint(_ library: QuestionLibrary, onlyFiles files: Set<String>) -> [Diagnostic] {
        let checkedBanks = library.banks.filter { files.contains($0.file) }
        var out = library.diagnostics.filter { files.contains($0.file) }
        for bank in checkedBanks {
            for question in bank.questions { out += lint(question) }
            out += answerCueProblems(bank.questions, scope: "bank '\(bank.name)'").problems
        }
        out += lessonProblems(checkedBanks.flatMap(\.questions))
        out += duplicateProblems(library.questions).filter { files.contains($0.file) }
        return out.sortedByLocation()
    }

    /// Lesson ids the catalog does not know: one warning per id, at its first use, so a bank
    /// written ahead of its lessons says so once rather than on every question. (A warning, not
    /// an error: the curriculum may add the lesson later; until then "what to study next"
    /// cannot link to it. `check --strict` fails on it.)
    func lessonProblems(_ questions: [Question]) -> [Diagnostic] {
        guard let knownLessons else { return [] }
        var uses: [String: [Question]] = [:]
        var order: [String] = []
        for question in questions {
            guard let lesson = question.lesson, !knownLessons.contains(lesson) else { continue }
            if uses[lesson] == nil { order.append(lesson) }
            uses[lesson, default: []].append(question)
        }
        return order.map { lesson in
            let first = uses[lesson]![0]
            let at = first.source.position(of: "lesson")
            let count = uses[lesson]!.count
            let hint = Suggestions.didYouMean(lesson, in: knownLessons).map { "; \($0)" } ?? ""
            let others = count > 1 ? " (used by \(count) questions)" : ""
            return .error(first.source.file, line: at.line, column: at.column,
                          "\(first.id): unknown lesson '\(lesson)'\(others)\(hint)")
        }
    }

    package func lint(_ question: Question) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let span = question.source
        func report(_ severity: Diagnostic.Severity, _ field: String, _ message: String) {
            let at = span.position(of: field)
            out.append(Diagnostic(severity, file: span.file, line: at.line, column: at.column, "\(question.id): \(message)"))
        }
        func factProblem(_ key: String) -> String {
            "unknown fact '\(key)'" + (Suggestions.didYouMeanKey(key, in: Facts.keys).map { "; \($0)" } ?? " (see `lambda-tutor facts`)")
        }

        // Facts.
        for (index, reference) in question.references.enumerated() where !reference.hasPrefix("https://") && !reference.hasPrefix("http://") {
            if Facts.named(reference) == nil { report(.error, "references[\(index)]", factProblem(reference)) }
        }
        for (field, text) in question.texts {
            for key in TextTemplate.factKeys(in: text) where Facts.named(key) == nil {
                report(.error, field, factProblem(key) + " in {{fact \(key)}}")
            }
            for placeholder in FactPlaceholder.placeholders(in: text) {
                if let problem = FactPlaceholder.problem(placeholder.inner, factKeys: Facts.keys) { report(.error, field, problem) }
            }
        }

        // Feedback and explanations.
        switch question.body {
        case .single(let choices), .multiple(let choices):
            for (index, choice) in choices.enumerated() where !choice.correct && choice.feedback == nil {
                report(.warning, "choices[\(index)]", "wrong choice '\(Self.short(choice.text))' has no feedback saying why it is wrong")
            }
            if question.shuffle, let index = choices.firstIndex(where: { Self.namesOtherOptions($0.text) }) {
                report(.warning, "choices[\(index)]", "choice '\(Self.short(choices[index].text))' names other options by letter, but choices are shown shuffled; add `shuffle: false`")
            }
        case .trueFalse(let tf):
            if (tf.answer ? tf.falseFeedback : tf.trueFeedback) == nil {
                report(.warning, "answer", "no feedback for learners who answer \(tf.answer ? "false" : "true") (add `\(tf.answer ? "false" : "true")_feedback:`)")
            }
        case .numeric(let key):
            for mistake in key.mistakes where key.accepts(mistake.value) {
                report(.warning, "mistakes", "the mistake \(Tolerance.trim(mistake.value)) is within the tolerance, so it is graded right")
            }
        case .ordering, .matching, .shortText, .generated:
            break  // no per-option feedback to check
        }
        if question.explanation == nil {
            report(.warning, "stem", "no explanation (shown after answering: why the key is right)")
        }

        // Generated questions must compute for every sample seed.
        if case .generated = question.body {
            var failures: [UInt64] = []
            var firstError: QuizError?
            var unfilled: Set<String> = []
            for seed in sampleSeeds {
                do {
                    let presented = try question.present(seed: seed)
                    for text in [presented.stem, presented.explanation ?? "", presented.hint ?? ""] {
                        unfilled.formUnion(Self.placeholders(in: text))
                    }
                } catch {
                    failures.append(seed)
                    if firstError == nil { firstError = error }
                }
            }
            if let firstError {
                let seeds = failures.prefix(5).map(String.init).joined(separator: ", ") + (failures.count > 5 ? "…" : "")
                report(.error, "parameters", "fails to compute for \(failures.count) of \(sampleSeeds.count) sample seeds (\(seeds)): \(firstError.message)")
            }
            for name in unfilled.sorted() {
                report(.warning, "stem", "{\(name)} is not a parameter or result of the generator, so it is shown as written")
            }
        }
        return out
    }

    /// `{name}` patterns still present after filling.
    static func placeholders(in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: #"(?<!\{)\{([a-z_][a-z0-9_]*)\}(?!\})"#) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    /// "Both A and B", "A or C": text that only makes sense if the letters stay put.
    static func namesOtherOptions(_ text: String) -> Bool {
        text.range(of: #"\b[A-H]\)? (and|or|&) \(?[A-H]\b"#, options: .regularExpression) != nil
    }

    static func short(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.count > 40 ? String(line.prefix(37)) + "…" : line
    }
}
