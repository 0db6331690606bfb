import Foundation
import LambdaModel

/// Finds questions that ask the same thing twice, such as two banks each asking for a
/// function's default log group.
///
/// A duplicate wastes a learner's time, skews a practice exam towards one fact, and lets a
/// learner answer the second copy from memory of the first. Two questions count as the same
/// when they have the same kind of key, the keys say nearly the same (word overlap of at least
/// ``keyOverlap``) and the stems overlap by ``stemOverlapWithKey``; or when the stems alone
/// are nearly identical (``stemOverlap``). Generated questions match only with the same
/// generator, result, parameters and fixed values. Overlap is the Jaccard index of content
/// words (facts filled in, short and common words left out, plurals folded).
package enum DuplicateQuestions {
    package static let keyOverlap = 0.75
    package static let stemOverlapWithKey = 0.3
    package static let stemOverlap = 0.8
    /// Generated questions from the same generator differ mostly in numbers, so their stems
    /// must agree more before they count as one question.
    package static let generatedStemOverlap = 0.5

    /// Each later question that repeats an earlier one, with the earlier one (in the order
    /// given: bank order, then file order). A question is reported once.
    package static func find(_ questions: [Question]) -> [(question: Question, repeats: Question)] {
        let signatures = questions.map(Signature.init)
        var found: [(Question, Question)] = []
        for later in signatures.indices {
            for earlier in 0..<later where signatures[earlier].sameQuestion(as: signatures[later]) {
                found.append((questions[later], questions[earlier]))
                break
            }
        }
        return found
    }

    /// What is compared: the words of the stem and of the key, by kind of key.
    struct Signature {
        enum Kind: Hashable { case choices, trueFalse, numeric, ordering, matching, shortText, generated }
        var kind: Kind
        var stem: Set<String>
        var key: Set<String>
        /// Generated questions: generator, result and parameters, compared as a whole.
        var generator: String?

        init(_ question: Question) {
            stem = Self.words(question.stem)
            generator = nil
            switch question.body {
            case .single(let choices), .multiple(let choices):
                kind = .choices
                key = Self.words(choices.filter(\.correct).map(\.text).joined(separator: " "))
            case .trueFalse:
                kind = .trueFalse
                key = []
            case .numeric(let numeric):
                kind = .numeric
                key = [numeric.fact ?? Tolerance.trim(numeric.value)]
            case .ordering(let items):
                kind = .ordering
                key = Self.words(items.joined(separator: " "))
            case .matching(let matching):
                kind = .matching
                key = Self.words(matching.pairs.map { "\($0.left) \($0.right)" }.joined(separator: " "))
            case .shortText(let accepted):
                kind = .shortText
                key = Set(accepted.map { $0.lowercased() })
            case .generated(let spec):
                kind = .generated
                key = []
                let parameters = spec.parameters.keys.sorted().map { name -> String in
                    if case .fixed(let value) = spec.parameters[name]! { return "\(name)=\(value)" }
                    return name
                }
                generator = ([spec.generator, spec.ask] + parameters).joined(separator: " ")
            }
        }

        func sameQuestion(as other: Signature) -> Bool {
            guard kind == other.kind else { return false }
            let stems = Self.overlap(stem, other.stem)
            if kind == .generated {
                return generator == other.generator && stems >= DuplicateQuestions.generatedStemOverlap
            }
            if stems >= DuplicateQuestions.stemOverlap { return true }
            guard !key.isEmpty, !other.key.isEmpty else { return false }
            return Self.overlap(key, other.key) >= DuplicateQuestions.keyOverlap && stems >= DuplicateQuestions.stemOverlapWithKey
        }

        static func overlap(_ a: Set<String>, _ b: Set<String>) -> Double {
            let union = a.union(b).count
            return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
        }

        /// Words that carry meaning, as a learner reads them (facts filled in).
        static func words(_ text: String) -> Set<String> {
            let lowered = TextTemplate.renderFacts(text).lowercased()
            var out: Set<String> = []
            for raw in lowered.split(whereSeparator: { !($0.isLetter || $0.isNumber || "_.$/-".contains($0)) }) {
                var word = String(raw).trimmingCharacters(in: CharacterSet(charactersIn: ".-/"))
                guard word.count >= 3, !stopWords.contains(word) else { continue }
                if word.count > 4, word.hasSuffix("s"), !word.hasSuffix("ss") { word.removeLast() }
                out.insert(word)
            }
            return out
        }

        static let stopWords: Set<String> = [
            "the", "and", "for", "are", "its", "this", "that", "which", "what", "with", "from", "does", "you", "your",
            "can", "must", "should", "when", "how", "who", "why", "into", "than", "then", "there", "their", "them",
            "they", "one", "two", "three", "choose", "any", "all", "not", "only", "same", "each", "more", "most",
            "least", "while", "statement", "statements", "true", "false", "following", "correct", "about", "would",
            "will", "has", "have", "was", "were", "been", "but", "also", "use", "uses", "used", "using", "these",
        ]
    }
}
