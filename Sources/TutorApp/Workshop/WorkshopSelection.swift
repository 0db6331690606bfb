import Foundation
import Quiz

/// Turning a trainer's selection (banks, topics, domains, count, preset, seed) into a
/// ``WorkshopCode`` and back, against the banks this tutor has loaded.
struct WorkshopSelection {
    var filter = QuestionFilter()
    var count: Int
    var seed: UInt64
    /// Nil for a practice quiz.
    var preset: ExamPreset?

    /// Sorted lists the code's indices point into.
    struct Vocabulary {
        var banks: [String]
        var topics: [String]
        var domains: [String]

        init(_ library: QuestionLibrary) {
            banks = Set(library.banks.map(\.name)).sorted()
            topics = library.topics
            domains = ExamDomain.all.map(\.id)
        }
    }

    /// The pool the selection gives (for exams, what the preset admits is decided later).
    func pool(_ library: QuestionLibrary) -> [Question] { filter.apply(to: library) }

    func code(_ library: QuestionLibrary) throws(CommandError) -> WorkshopCode {
        let words = Vocabulary(library)
        var selectors: [WorkshopCode.Selector] = []
        func index(_ value: String, in list: [String], _ what: String) throws(CommandError) -> Int {
            guard let found = list.firstIndex(of: value) else { throw CommandError("unknown \(what) '\(value)'") }
            guard found < 256 else { throw CommandError("the \(what) '\(value)' cannot be put in a code (more than 256 \(what)s are loaded)") }
            return found
        }
        for bank in filter.banks.sorted() { selectors.append(.bank(try index(bank, in: words.banks, "bank"))) }
        for topic in filter.topics.sorted() { selectors.append(.topic(try index(topic, in: words.topics, "topic"))) }
        for domain in filter.domains.sorted() { selectors.append(.domain(try index(domain, in: words.domains, "domain"))) }
        let kind: WorkshopCode.Kind = preset.map { chosen in .exam(preset: ExamPreset.all.firstIndex { $0.name == chosen.name } ?? 0) } ?? .quiz
        return WorkshopCode(kind: kind, count: count, seed: seed, selectors: selectors,
                            fingerprint: WorkshopCode.fingerprint(of: pool(library).map(\.id)))
    }

    /// The selection a code stands for; an error when it was made for other banks.
    init(code: WorkshopCode, library: QuestionLibrary) throws(CommandError) {
        let words = Vocabulary(library)
        func word(_ index: Int, _ list: [String]) throws(CommandError) -> String {
            guard list.indices.contains(index) else { throw Self.otherBanks }
            return list[index]
        }
        for selector in code.selectors {
            switch selector {
            case .bank(let index): filter.banks.insert(try word(index, words.banks))
            case .topic(let index): filter.topics.insert(try word(index, words.topics))
            case .domain(let index): filter.domains.insert(try word(index, words.domains))
            }
        }
        count = code.count
        seed = code.seed
        switch code.kind {
        case .quiz: preset = nil
        case .exam(let index):
            guard ExamPreset.all.indices.contains(index) else { throw Self.otherBanks }
            preset = ExamPreset.all[index]
        }
        guard WorkshopCode.fingerprint(of: pool(library).map(\.id)) == code.fingerprint else { throw Self.otherBanks }
    }

    init(filter: QuestionFilter, count: Int, seed: UInt64, preset: ExamPreset?) {
        self.filter = filter
        self.count = count
        self.seed = seed
        self.preset = preset
    }

    static let otherBanks = CommandError("this workshop code was made for other question banks than the ones this tutor has loaded",
                                         hint: "start the tutor with the trainer's content (--content DIR) and the same version, or ask for a new code")

    /// The code as typed on the command line.
    static func parse(_ text: String, library: QuestionLibrary) throws(CommandError) -> (WorkshopCode, WorkshopSelection) {
        let code: WorkshopCode
        do throws(QuizError) {
            code = try WorkshopCode.parse(text)
        } catch {
            throw CommandError(error.message, hint: error.hint)
        }
        return (code, try WorkshopSelection(code: code, library: library))
    }
}
