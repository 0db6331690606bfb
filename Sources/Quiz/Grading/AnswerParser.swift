import Foundation

/// Turns what a learner typed into an ``Answer`` for one presented question.
///
/// Forgiving about form, strict about meaning: `a c`, `A,C`, `ac`, `(a) (c)` and `1 3` are the
/// same answer to a choice question; `$10.80`, `10.8 USD` and `10.80` are the same number. An
/// answer that cannot mean anything for this question is refused with the accepted forms, and
/// the learner is asked again rather than marked wrong.
package enum AnswerParser {
    package static func parse(_ input: String, for question: PresentedQuestion) -> Result<Answer, AnswerFormError> {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        let forms = acceptedForms(for: question)
        func fail(_ code: AnswerFormError.Code, _ problem: String) -> Result<Answer, AnswerFormError> {
            .failure(AnswerFormError(code: code, problem: problem, accepted: forms))
        }
        guard !trimmed.isEmpty else { return fail(.empty, "Type an answer.") }

        switch question.type {
        case .single, .multiple:
            let picked: [Int]
            switch choiceIndices(trimmed, question: question) {
            case .success(let indices): picked = indices
            case .failure(let problem): return fail(.choice, problem.text)
            }
            let wanted = question.selectCount
            if question.type == .single, picked.count != 1 {
                return fail(.count, "Choose exactly one answer; you chose \(picked.count).")
            }
            if question.type == .multiple, picked.count != wanted {
                return fail(.count, "This question asks for \(Question.countWord(wanted)) answers; you chose \(picked.count).")
            }
            return .success(.choices(picked))

        case .trueFalse:
            switch trimmed.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".)(")) {
            case "t", "true", "yes", "y", "a": return .success(.trueFalse(true))
            case "f", "false", "no", "n", "b": return .success(.trueFalse(false))
            default: return fail(.boolean, "'\(trimmed)' is not true or false.")
            }

        case .numeric, .generated:
            switch number(in: trimmed) {
            case .success(let value): return .success(.number(value))
            case .failure(let problem): return fail(.number, problem.text)
            }

        case .ordering:
            let letters = letterTokens(trimmed)
            guard let letters else { return fail(.order, "Type letters only, such as \(Question.exampleLetters(question.options.count)).") }
            var indices: [Int] = []
            for letter in letters {
                guard let index = optionIndex(letter, in: question) else {
                    return fail(.order, "There is no item \(letter.uppercased()); the items are \(range(question)).")
                }
                indices.append(index)
            }
            let missing = question.options.indices.filter { !indices.contains($0) }
            if Set(indices).count != indices.count || !missing.isEmpty || indices.count != question.options.count {
                let missingText = missing.isEmpty ? "" : " Missing: \(missing.map(PresentedQuestion.label).joined(separator: " "))."
                return fail(.order, "Use every letter exactly once.\(missingText)")
            }
            return .success(.order(indices))

        case .matching:
            return matching(trimmed, question: question).mapError { problem in
                AnswerFormError(code: .matching, problem: problem.text, accepted: forms)
            }

        case .shortText:
            return .success(.text(trimmed))
        }
    }

    /// The forms a question accepts, for the re-prompt and for `help` while answering.
    package static func acceptedForms(for question: PresentedQuestion) -> [String] {
        switch question.type {
        case .single:
            return ["a letter such as B", "the option number such as 2"]
        case .multiple:
            let example = (0..<question.selectCount).map { PresentedQuestion.label($0 * 2 % max(question.options.count, 1)) }
            return ["\(question.selectCount) letters such as \(example.joined(separator: " ")) or \(example.joined(separator: ","))"]
        case .trueFalse:
            return ["true or false (t / f)"]
        case .numeric, .generated:
            let unit = question.unit.map { " (\($0))" } ?? ""
            return ["a number such as 60, 1,000 or 10.80\(unit); a unit or $ sign may follow or precede it"]
        case .ordering:
            return ["every letter once, first to last, such as \(Question.exampleLetters(question.options.count))"]
        case .matching:
            return ["one letter per numbered item, such as \(Question.exampleLetters(question.prompts.count, options: question.options.count))", "pairs such as 1B 2A"]
        case .shortText:
            return ["a word or short phrase (case and spacing do not matter)"]
        }
    }

    // MARK: - Pieces

    /// A reason an input does not fit, before it is wrapped with the accepted forms.
    struct Problem: Error, ExpressibleByStringInterpolation {
        let text: String
        init(stringLiteral value: String) { text = value }
    }

    private static func range(_ question: PresentedQuestion) -> String {
        "\(PresentedQuestion.label(0))–\(PresentedQuestion.label(question.options.count - 1))"
    }

    private static func optionIndex(_ letter: Character, in question: PresentedQuestion) -> Int? {
        guard let ascii = letter.uppercased().unicodeScalars.first?.value, ascii >= 65, ascii <= 90 else { return nil }
        let index = Int(ascii) - 65
        return index < question.options.count ? index : nil
    }

    /// Letters from `a c`, `A,C`, `(a) (c)`, `a) c)` or `ac`; nil if anything else is there.
    static func letterTokens(_ text: String) -> [Character]? {
        let separators = CharacterSet(charactersIn: " ,;/&+()[].\t").union(.whitespaces)
        var words = text.components(separatedBy: separators).filter { !$0.isEmpty }
        words = words.filter { $0.lowercased() != "and" }
        guard !words.isEmpty, words.allSatisfy({ $0.allSatisfy(\.isLetter) }) else { return nil }
        if words.count == 1 { return Array(words[0]) }
        guard words.allSatisfy({ $0.count == 1 }) else { return nil }
        return words.map { Character($0) }
    }

    private static func choiceIndices(_ text: String, question: PresentedQuestion) -> Result<[Int], Problem> {
        // Option numbers: `2` or `1 3`.
        let numberWords = text.components(separatedBy: CharacterSet(charactersIn: " ,;")).filter { !$0.isEmpty }
        if numberWords.allSatisfy({ Int($0) != nil }) {
            var indices: [Int] = []
            for word in numberWords {
                let n = Int(word)!
                guard n >= 1, n <= question.options.count else {
                    return .failure("There is no option \(n); the options are 1–\(question.options.count) (or \(range(question))).")
                }
                indices.append(n - 1)
            }
            return .success(Array(Set(indices)).sorted())
        }
        // The option's own text, typed out.
        if let index = question.options.firstIndex(where: { ShortText.normalize($0.text) == ShortText.normalize(text) }) {
            return .success([index])
        }
        guard let letters = letterTokens(text) else {
            return .failure("'\(text)' does not match any option.")
        }
        let oneWord = !text.contains(where: { " ,;/&+()[].\t".contains($0) })
        if oneWord, letters.count > 1,
           Set(letters.map { $0.lowercased() }).count != letters.count || letters.contains(where: { optionIndex($0, in: question) == nil }) {
            return .failure("'\(text)' does not match any option.")
        }
        var indices: [Int] = []
        for letter in letters {
            guard let index = optionIndex(letter, in: question) else {
                return .failure("There is no option \(letter.uppercased()); the options are \(range(question)).")
            }
            indices.append(index)
        }
        return .success(Array(Set(indices)).sorted())
    }

    private static func matching(_ text: String, question: PresentedQuestion) -> Result<Answer, Problem> {
        let count = question.prompts.count
        var chosen = [Int?](repeating: nil, count: count)
        let pairPattern = #"(\d+)\s*[-:=>.)]*\s*([A-Za-z])\b"#
        let regex = try! NSRegularExpression(pattern: pairPattern)
        let ns = text as NSString
        let matches = regex.matches(in: text, range: NSRange(location: 0, length: ns.length))
        if !matches.isEmpty {
            // Everything typed must be part of a pair.
            let leftover = regex.stringByReplacingMatches(in: text, range: NSRange(location: 0, length: ns.length), withTemplate: "")
            guard leftover.trimmingCharacters(in: CharacterSet(charactersIn: " ,;\t")).isEmpty else {
                return .failure("Could not read '\(text)' as pairs.")
            }
            for match in matches {
                let number = Int(ns.substring(with: match.range(at: 1)))!
                let letter = Character(ns.substring(with: match.range(at: 2)))
                guard number >= 1, number <= count else { return .failure("There is no item \(number); the items are 1–\(count).") }
                guard let index = optionIndex(letter, in: question) else {
                    return .failure("There is no option \(letter.uppercased()); the options are \(range(question)).")
                }
                guard chosen[number - 1] == nil else { return .failure("Item \(number) is matched twice.") }
                chosen[number - 1] = index
            }
        } else {
            guard let letters = letterTokens(text) else { return .failure("Could not read '\(text)'.") }
            guard letters.count == count else {
                return .failure("There are \(count) items to match; you gave \(letters.count) letters.")
            }
            for (position, letter) in letters.enumerated() {
                guard let index = optionIndex(letter, in: question) else {
                    return .failure("There is no option \(letter.uppercased()); the options are \(range(question)).")
                }
                chosen[position] = index
            }
        }
        let missing = chosen.indices.filter { chosen[$0] == nil }.map { String($0 + 1) }
        guard missing.isEmpty else { return .failure("Match every item; missing: \(missing.joined(separator: ", ")).") }
        return .success(.matches(chosen.map { $0! }))
    }

    /// Reads `60`, `1,000`, `$10.80`, `10.8 USD`, `1e3`, `-2`; refuses `10,80` (decimal comma)
    /// and anything with words before the number.
    static func number(in text: String) -> Result<Double, Problem> {
        var body = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["~", "≈", "about ", "USD ", "usd ", "US$", "$"] where body.hasPrefix(prefix) {
            body.removeFirst(prefix.count)
            body = body.trimmingCharacters(in: .whitespaces)
        }
        body = body.trimmingCharacters(in: .whitespaces)
        let pattern = #"^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+]?\.\d+)\s*([A-Za-z%$/\-\s]*)$"#
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = body as NSString
        guard let match = regex.firstMatch(in: body, range: NSRange(location: 0, length: ns.length)) else {
            if body.range(of: #"^\d+,\d{1,2}$"#, options: .regularExpression) != nil {
                return .failure("Use a dot for decimals: '\(body.replacingOccurrences(of: ",", with: "."))'.")
            }
            return .failure("'\(text)' is not a number.")
        }
        let digits = ns.substring(with: match.range(at: 1)).replacingOccurrences(of: ",", with: "")
        guard let value = Double(digits), value.isFinite else { return .failure("'\(text)' is not a number.") }
        return .success(value)
    }
}
