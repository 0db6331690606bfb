import LambdaModel

/// One question as a trainer wrote it in a bank (or a lesson's `check` block).
///
/// A `Question` is the source; what a learner sees is a ``PresentedQuestion`` made from it
/// with a seed (generated numbers filled in, ordering items shuffled). Keeping the two apart
/// lets a paused exam or a results log refer to exactly what was shown, even after the bank
/// is edited.
public struct Question: Sendable, Hashable {
    /// Stable identifier, unique across all banks (`timeout-max`). Logs and exports use it.
    public var id: String
    /// One of ``ExamDomain/all`` (`development`, `security`, `deployment`, `troubleshooting`,
    /// `resilience`, `performance`, `cost`).
    public var domain: String
    public var topics: [String]
    public var difficulty: Difficulty
    /// Markdown. May contain `{{fact key}}` (and `{name}` parameters in generated questions).
    public var stem: String
    public var body: Body
    /// Why the key is right; shown after answering. Markdown.
    public var explanation: String?
    public var hint: String?
    /// Fact keys from `LambdaModel.Facts` and documentation links (`https://…`).
    public var references: [String]
    /// The lesson that teaches this, so "what to study next" can point at it.
    public var lesson: String?
    /// Exam codes this question prepares for (`DVA-C02`, `SAA-C03`).
    public var exams: [String]
    /// False for questions written as `exam: false`: recall drills and lesson checks that no
    /// exam asks in that form. They stay in lessons, `quiz` and exports, but no exam preset
    /// draws them, so a practice exam looks like the real one.
    public var inExams: Bool
    /// Single and multiple choice: show the choices in a seeded random order (the default), so
    /// the key is not always where the author wrote it. `shuffle: false` keeps the written
    /// order for choices that refer to each other ("Both A and B").
    public var shuffle: Bool
    /// Where the question was written, for diagnostics.
    public var source: SourceSpan

    public init(id: String, domain: String, topics: [String] = [], difficulty: Difficulty = .medium, stem: String,
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

    public var type: QuestionType { body.type }

    /// Every piece of text a learner can see, with the field it is in (`stem`, `choices[1]`,
    /// `choices[1].feedback`…): for fact placeholders and other checks over all text.
    public var texts: [(field: String, text: String)] {
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

    /// The type-specific part of a question: its options and its key.
    public enum Body: Sendable, Hashable {
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

        public var type: QuestionType {
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

/// The question types a bank can hold; the raw values are what trainers write after `type:`.
public enum QuestionType: String, Sendable, Hashable, Codable, CaseIterable {
    case single
    case multiple
    case trueFalse = "true-false"
    case numeric
    case ordering
    case matching
    case shortText = "short-text"
    case generated
}

public enum Difficulty: String, Sendable, Hashable, Codable, CaseIterable {
    case easy, medium, hard
}

/// One option of a single or multiple choice question.
public struct Choice: Sendable, Hashable, Codable {
    public var text: String
    public var correct: Bool
    /// Why this option is right or wrong. Every wrong option should have one (the linter warns).
    public var feedback: String?

    public init(_ text: String, correct: Bool = false, feedback: String? = nil) {
        self.text = text
        self.correct = correct
        self.feedback = feedback
    }
}

public struct TrueFalse: Sendable, Hashable {
    public var answer: Bool
    /// Shown to a learner who answered "true" (whether that was right or wrong).
    public var trueFeedback: String?
    /// Shown to a learner who answered "false".
    public var falseFeedback: String?

    public init(answer: Bool, trueFeedback: String? = nil, falseFeedback: String? = nil) {
        self.answer = answer
        self.trueFeedback = trueFeedback
        self.falseFeedback = falseFeedback
    }
}

/// How far a numeric answer may be from the key and still count.
public enum Tolerance: Sendable, Hashable, Codable, CustomStringConvertible {
    case absolute(Double)
    /// Percent of the key (`2%` of 10.80 is ±0.216).
    case relative(Double)

    public func allowance(for value: Double) -> Double {
        switch self {
        case .absolute(let amount): abs(amount)
        case .relative(let percent): abs(value) * abs(percent) / 100
        }
    }

    public var description: String {
        switch self {
        case .absolute(let amount): Self.trim(amount)
        case .relative(let percent): "\(Self.trim(percent))%"
        }
    }

    static func trim(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

/// A numeric question's key: the value, the tolerance and the unit to show.
public struct NumericKey: Sendable, Hashable, Codable {
    public var value: Double
    /// The fact the value was read from (`answer: {fact: timeout.max}`), if any.
    public var fact: String?
    public var tolerance: Tolerance
    public var unit: String?
    /// Wrong answers that reveal a known misconception, with the feedback that addresses it.
    public var mistakes: [NumericMistake]

    public init(value: Double, fact: String? = nil, tolerance: Tolerance, unit: String? = nil, mistakes: [NumericMistake] = []) {
        self.value = value
        self.fact = fact
        self.tolerance = tolerance
        self.unit = unit
        self.mistakes = mistakes
    }

    /// A value as a learner reads it, with its unit: `$10.80`, `1,700 units`, `60`. The key,
    /// `{answer}` in generated questions and USD placeholders all use it, so they agree.
    public static func display(_ value: Double, unit: String?) -> String {
        let unit = unit ?? ""
        if unit == "USD" { return "$" + Number.money(value) }
        return Number.grouped(value) + (unit.isEmpty ? "" : " \(unit)")
    }

    public func accepts(_ number: Double) -> Bool {
        abs(number - value) <= tolerance.allowance(for: value) + 1e-9 * max(1, abs(value))
    }
}

public struct NumericMistake: Sendable, Hashable, Codable {
    public var value: Double
    public var feedback: String

    public init(value: Double, feedback: String) {
        self.value = value
        self.feedback = feedback
    }
}

public struct Matching: Sendable, Hashable {
    public struct Pair: Sendable, Hashable {
        public var left: String
        public var right: String

        public init(_ left: String, _ right: String) {
            self.left = left
            self.right = right
        }
    }

    /// Prompts on the left, their answers on the right. Several prompts may share an answer
    /// (S3 → asynchronous, SNS → asynchronous).
    public var pairs: [Pair]
    /// Extra right-hand options that match nothing.
    public var distractors: [String]

    public init(pairs: [Pair], distractors: [String] = []) {
        self.pairs = pairs
        self.distractors = distractors
    }
}

/// Where something was written: a file and a 1-based line and column.
public struct SourceSpan: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int
    /// Positions of individual fields (`lesson`, `references[1]`, `choices[2]`) so the linter
    /// can point at the exact line of a bad reference rather than at the question.
    public var fields: [String: Position]

    public struct Position: Sendable, Hashable, Codable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    public init(file: String, line: Int = 0, column: Int = 0, fields: [String: Position] = [:]) {
        self.file = file
        self.line = line
        self.column = column
        self.fields = fields
    }

    /// The position of a field, falling back to the question's own position.
    public func position(of field: String) -> Position {
        fields[field] ?? Position(line: line, column: column)
    }
}
