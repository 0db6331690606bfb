/// One question as a trainer wrote it in a bank (or a lesson's `check` block).
///
/// A `Question` is the source; what a learner sees is a ``PresentedQuestion`` made from it
/// with a seed (generated numbers filled in, ordering items shuffled). Keeping the two apart
/// lets a paused exam or a results log refer to exactly what was shown, even after the bank
/// is edited.
package struct Question: Sendable, Hashable {
    /// Stable identifier, unique across all banks (`timeout-max`). Logs and exports use it.
    package var id: String
    /// One of ``ExamDomain/all`` (`development`, `security`, `deployment`, `troubleshooting`,
    /// `resilience`, `performance`, `cost`).
    package var domain: String
    package var topics: [String]
    package var difficulty: Difficulty
    /// Markdown. May contain `{{fact key}}` (and `{name}` parameters in generated questions).
    package var stem: String
    package var body: Body
    /// Why the key is right; shown after answering. Markdown.
    package var explanation: String?
    package var hint: String?
    /// Fact keys from `LambdaModel.Facts` and documentation links (`https://…`).
    package var references: [String]
    /// The lesson that teaches this, so "what to study next" can point at it.
    package var lesson: String?
    /// Exam codes this question prepares for (`DVA-C02`, `SAA-C03`).
    package var exams: [String]
    /// False for questions written as `exam: false`: recall drills and lesson checks that no
    /// exam asks in that form. They stay in lessons, `quiz` and exports, but no exam preset
    /// draws them, so a practice exam looks like the real one.
    package var inExams: Bool
    /// Single and multiple choice: show the choices in a seeded random order (the default), so
    /// the key is not always where the author wrote it. `shuffle: false` keeps the written
    /// order for choices that refer to each other ("Both A and B").
    package var shuffle: Bool
    /// Where the question was written, for diagnostics.
    package var source: SourceSpan
    /// Its Moodle name and category, for a question imported from Moodle (nil otherwise).
    package var moodle: MoodleOrigin?

    package init(id: String, domain: String, topics: [String] = [], difficulty: Difficulty = .medium, stem: String,
                body: Body, explanation: String? = nil, hint: String? = nil, references: [String] = [],
                lesson: String? = nil, exams: [String] = [], inExams: Bool = true, shuffle: Bool = true,
                source: SourceSpan = SourceSpan(file: "<memory>")) {
        self.id = id
        self.domain = domain
        self.topics = topics
        self.difficulty = difficulty
        self.stem = stem
        self.body = body
        self.explanation = explanation
        self.hint = hint
        self.references = references
        self.lesson = lesson
        self.exams = exams
        self.inExams = inExams
        self.shuffle = shuffle
        self.source = source
    }

    package var type: QuestionType { body.type }

    /// Every piece of text a learner can see, with the field it is in (`stem`, `choices[1]`,
    /// `choices[1].feedback`…): for fact placeholders and other checks over all text.
    package var texts: [(field: String, text: String)] {
        var out: [(String, String)] = [("stem", stem)]
        if let explanation { out.append(("explanation", explanation)) }
        if let hint { out.append(("hint", hint)) }
        switch body {
        case .single(let choices), .multiple(let choices):
            for (index, choice) in choices.enumerated() {
                out.append(("choices[\(index)]", choice.text))
                if let feedback = choice.feedback { out.append(("choices[\(index)]", feedback)) }
            }
        case .trueFalse(let tf):
            if let text = tf.trueFeedback { out.append(("true_feedback", text)) }
            if let text = tf.falseFeedback { out.append(("false_feedback", text)) }
        case .numeric(let key):
            out += key.mistakes.map { ("mistakes", $0.feedback) }
        case .ordering(let items):
            out += items.map { ("items", $0) }
        case .matching(let matching):
            out += matching.pairs.flatMap { [("pairs", $0.left), ("pairs", $0.right)] } + matching.distractors.map { ("distractors", $0) }
        case .shortText, .generated:
            break
        }
        return out
    }

    /// Rewrites every text a learner reads (the same fields as ``texts``), e.g. HTML imported
    /// from Moodle into Markdown.
    package mutating func mapTexts(_ transform: (String) -> String) {
        stem = transform(stem)
        explanation = explanation.map(transform)
        hint = hint.map(transform)
        switch body {
        case .single(let choices):
            body = .single(choices.map { Choice(transform($0.text), correct: $0.correct, feedback: $0.feedback.map(transform)) })
        case .multiple(let choices):
            body = .multiple(choices.map { Choice(transform($0.text), correct: $0.correct, feedback: $0.feedback.map(transform)) })
        case .trueFalse(var tf):
            tf.trueFeedback = tf.trueFeedback.map(transform)
            tf.falseFeedback = tf.falseFeedback.map(transform)
            body = .trueFalse(tf)
        case .numeric(var key):
            key.mistakes = key.mistakes.map { NumericMistake(value: $0.value, feedback: transform($0.feedback)) }
            body = .numeric(key)
        case .ordering(let items):
            body = .ordering(items.map(transform))
        case .matching(var matching):
            matching.pairs = matching.pairs.map { Matching.Pair(transform($0.left), transform($0.right)) }
            matching.distractors = matching.distractors.map(transform)
            body = .matching(matching)
        case .shortText, .generated:
            break
        }
    }

    /// The type-specific part of a question: its options and its key.
    package enum Body: Sendable, Hashable {
        /// One right choice among several.
        case single([Choice])
        /// Two or more right choices; scored all-or-nothing, as AWS scores them.
        case multiple([Choice])
        case trueFalse(TrueFalse)
        case numeric(NumericKey)
        /// Items in their correct order; shown shuffled.
        case ordering([String])
        case matching(Matching)
        /// Accepted answers; case, spacing and surrounding quotes are forgiven.
        case shortText([String])
        case generated(GeneratorSpec)

        package var type: QuestionType {
            switch self {
            case .single: .single
            case .multiple: .multiple
            case .trueFalse: .trueFalse
            case .numeric: .numeric
            case .ordering: .ordering
            case .matching: .matching
            case .shortText: .shortText
            case .generated: .generated
            }
        }
    }
}
